import type { Job } from '../../../app/jobs/job';
import { isTerminal } from '../../../app/jobs/state';
import { formatScore } from '../../../app/quality/target';
import { formatBytes } from '../../../app/util/format';
import type { Row } from '../inspector/describe';
import { Facts } from '../inspector/Facts';

// A job with a quality target: the search as a step of its row ("Searching quality" with
// its progress), and what it found in the details pane.

/** The row's step while the CRF is searched; null otherwise. */
export function qualityStep(job: Job): { label: string; detail: string } | null {
  const q = job.quality;
  if (q === undefined || q.phase !== 'searching' || isTerminal(job.status)) return null;
  return { label: 'Searching quality', detail: `for ${formatScore(q.metric, q.target)}` };
}

const seconds = (value: number): string => `${value < 10 ? value.toFixed(1) : Math.round(value)} s`;

/** The details pane's section: target, chosen CRF, predicted against measured, the trials (a note is among the job's warnings). */
export function QualityFacts({ job }: { job: Job }): React.JSX.Element | null {
  const q = job.quality;
  if (q === undefined) return null;
  const score = (value: number | undefined): string =>
    value === undefined ? '—' : formatScore(q.metric, value);
  const rows: Row[] = [['Target', score(q.target)]];
  if (q.phase === 'searching') rows.push(['Search', 'encoding and measuring samples…']);
  if (q.crf !== undefined)
    rows.push(['CRF', q.steppedDown === true ? `${q.crf} (one step down)` : String(q.crf)]);
  if (q.predicted !== undefined) rows.push(['Samples', score(q.predicted)]);
  if (q.measured !== undefined) rows.push(['Output', score(q.measured)]);
  if (q.predictedBytes !== undefined)
    rows.push([
      'Size',
      q.actualBytes === undefined
        ? `${formatBytes(q.predictedBytes)} predicted`
        : `${formatBytes(q.actualBytes)} (${formatBytes(q.predictedBytes)} predicted)`,
    ]);
  if (q.phase === 'done') rows.push(['Search time', seconds(q.searchSec)]);
  if (q.trials.length > 0)
    rows.push([
      'Trials',
      q.trials.map((t) => `CRF ${t.crf}: ${score(t.score).split(' ')[1]}`).join(' · '),
    ]);
  return (
    <section className="inspector-section" aria-labelledby={`quality-${job.id}`}>
      <h3 id={`quality-${job.id}`}>Quality target</h3>
      <Facts rows={rows} />
    </section>
  );
}
