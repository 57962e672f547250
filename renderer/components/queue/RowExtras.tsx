import { useEffect } from 'react';
import { useAppStore } from '../../store/context';
import type { RowFacts } from '../../store/row-facts';
import { formatBytes } from '../../../app/util/format';
import { firstSentence, formatClock } from '../format';

/** The job's probe facts, asked for only while its row is in view; undefined until read. */
export function useRowFacts(id: string): RowFacts | null | undefined {
  const facts = useAppStore((s) => s.facts[id]);
  const watchFacts = useAppStore((s) => s.watchFacts);
  const known = facts !== undefined;
  useEffect(() => (known ? undefined : watchFacts(id)), [id, known, watchFacts]);
  return facts;
}

/** "1:15 · 1920×1080 · H264 / AAC · 12.3 MB": what a waiting row says of its file. */
export function factsLine(facts: RowFacts): string | null {
  const parts = [
    facts.durationSec === null ? null : formatClock(facts.durationSec),
    facts.resolution,
    facts.codecs,
    facts.sizeBytes === null ? null : formatBytes(facts.sizeBytes),
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** "3 resolutions" when the job's input changes size. */
export function ResolutionBadge({ badge }: { badge: string | null }): React.JSX.Element | null {
  if (badge === null) return null;
  return (
    <span className="chip badge-resolutions" title="The picture size changes inside this file">
      {badge}
    </span>
  );
}

const FALLBACK = /fell back to software|encoded in software/i;

/**
 * The job's notes (software fallback, hardware used, size changes) and what its probe
 * warns of (tracks that will be left out) behind a small disclosure.
 */
export function JobNotes({
  warnings,
  probeWarnings = [],
  name,
}: {
  warnings: string[];
  probeWarnings?: string[];
  name: string;
}): React.JSX.Element | null {
  const notes = [...new Set([...probeWarnings, ...warnings])];
  if (notes.length === 0) return null;
  const fallback = warnings.some((w) => FALLBACK.test(w));
  const warn = fallback || probeWarnings.length > 0;
  const count =
    probeWarnings.length > 0
      ? `${notes.length} warning${notes.length === 1 ? '' : 's'}`
      : `${notes.length} note${notes.length === 1 ? '' : 's'}`;
  return (
    <details className={warn ? 'job-notes warn' : 'job-notes'}>
      <summary aria-label={`${count} about ${name}${fallback ? ', fell back to software' : ''}`}>
        {fallback ? `Software fallback · ${count}` : count}
      </summary>
      <ul className="job-notes-list">
        {notes.map((note) => (
          <li key={note} title={note}>
            {firstSentence(note)}
            {note.length > firstSentence(note).length && (
              <span className="muted"> {note.slice(firstSentence(note).length).trim()}</span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
