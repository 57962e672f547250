import { useEffect } from 'react';
import { useAppStore } from '../../store/context';
import { firstSentence } from '../format';

/** "3 resolutions" when the job's input changes size; asked for only while the row is in view. */
export function ResolutionBadge({ id }: { id: string }): React.JSX.Element | null {
  const badge = useAppStore((s) => s.badges[id]);
  const watchBadge = useAppStore((s) => s.watchBadge);
  const known = badge !== undefined;
  useEffect(() => (known ? undefined : watchBadge(id)), [id, known, watchBadge]);
  if (badge === undefined || badge === null) return null;
  return (
    <span className="chip badge-resolutions" title="The picture size changes inside this file">
      {badge}
    </span>
  );
}

const FALLBACK = /fell back to software|encoded in software/i;

/** The job's notes (software fallback, hardware used, size changes) behind a small disclosure. */
export function JobNotes({
  warnings,
  name,
}: {
  warnings: string[];
  name: string;
}): React.JSX.Element | null {
  if (warnings.length === 0) return null;
  const fallback = warnings.some((w) => FALLBACK.test(w));
  const count = `${warnings.length} note${warnings.length === 1 ? '' : 's'}`;
  return (
    <details className={fallback ? 'job-notes warn' : 'job-notes'}>
      <summary aria-label={`${count} about ${name}${fallback ? ', fell back to software' : ''}`}>
        {fallback ? `Software fallback · ${count}` : count}
      </summary>
      <ul className="job-notes-list">
        {warnings.map((warning) => (
          <li key={warning} title={warning}>
            {firstSentence(warning)}
            {warning.length > firstSentence(warning).length && (
              <span className="muted"> {warning.slice(firstSentence(warning).length).trim()}</span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
