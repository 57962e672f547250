import type { Row } from './describe';

/** A two-column list of label and value, the inspector's basic unit. */
export function Facts({ rows }: { rows: Row[] }): React.JSX.Element | null {
  if (rows.length === 0) return null;
  return (
    <dl className="facts">
      {rows.map(([label, value], index) => (
        <div key={`${index}-${label}`} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Tags({
  tags,
}: {
  tags: Record<string, string> | undefined;
}): React.JSX.Element | null {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return null;
  return (
    <details className="tags">
      <summary>Tags ({entries.length})</summary>
      <Facts rows={entries.map(([key, value]) => [key, value])} />
    </details>
  );
}
