import { describeDecoder } from '../../../app/jobs/decoder';
import type { Job } from '../../../app/jobs/job';
import { describeMetrics } from '../../../app/jobs/metrics';
import type { JobSettings } from '../../../app/jobs/settings';
import { formatBytes } from '../../../app/util/format';
import { useAppStore } from '../../store/context';
import { LiveFrames } from '../chart/LiveFrames';
import { firstSentence, RESOLUTION_POLICY_SHORT, SETTING_LABEL, STATUS_LABEL } from '../format';
import type { Row } from './describe';
import { Facts } from './Facts';
import { MediaDetails } from './MediaDetails';
import { QualityFacts, qualityStep } from '../quality/QualitySearch';

/** The sentence first; FFmpeg's own words, if any, smaller beneath it. */
function ErrorSentence({ text }: { text: string }): React.JSX.Element {
  const sentence = firstSentence(text);
  const detail = text.slice(sentence.length).trim();
  return (
    <div className="error-box" role="note">
      <p>{sentence}</p>
      {detail !== '' && <p className="error-detail">{detail}</p>}
    </div>
  );
}

/** What happens to the job, and everything inside its input file. */
export function DetailsTab({ job }: { job: Job }): React.JSX.Element {
  const id = job.id;
  const inspection = useAppStore((s) => s.inspection);
  const presetName = useAppStore((s) => s.presets.find((p) => p.id === job.spec.presetId)?.name);

  const rows: Row[] = [
    ['Status', qualityStep(job)?.label ?? STATUS_LABEL[job.status]],
    ['Preset', presetName ?? job.spec.presetId],
    ['Input', job.spec.input],
    ['Size changes', RESOLUTION_POLICY_SHORT[job.spec.resolutionPolicy]],
  ];
  const custom = Object.keys(job.spec.settings ?? {}) as (keyof JobSettings)[];
  if (custom.length > 0)
    rows.push(['Settings', `custom: ${custom.map((key) => SETTING_LABEL[key]).join(', ')}`]);
  if (job.worker !== undefined) rows.push(['Worker', job.worker]);
  if (job.output !== null) rows.push(['Output', `${job.output} (${formatBytes(job.outputBytes)})`]);
  if (job.chunks !== undefined && job.chunks > 1)
    rows.push([
      'Chunks',
      job.chunkWorkers === undefined
        ? String(job.chunks)
        : `${job.chunks}, on ${job.chunkWorkers.join(', ')}`,
    ]);
  if (job.decoder !== undefined) rows.push(['Decoder', describeDecoder(job.decoder)]);
  if (job.metrics !== undefined) rows.push(['Measured quality', describeMetrics(job.metrics)]);
  if (job.attempts > 1) rows.push(['Attempts', String(job.attempts)]);

  return (
    <>
      {job.error !== null && <ErrorSentence text={job.error} />}
      {job.warnings.length > 0 && (
        <ul className="warnings">
          {job.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <section className="inspector-section" aria-labelledby="job-title">
        <h3 id="job-title">Job</h3>
        <Facts rows={rows} />
        {job.log !== '' && (
          <details className="log">
            <summary>FFmpeg log</summary>
            <pre>{job.log}</pre>
          </details>
        )}
      </section>
      <QualityFacts job={job} />
      <LiveFrames key={id} id={id} />
      {inspection?.id === id && inspection.outcome === null && inspection.error === null && (
        <p className="muted">Reading the file…</p>
      )}
      {inspection?.id === id && inspection.error !== null && (
        <p className="error-box">{inspection.error}</p>
      )}
      {inspection?.id === id && inspection.outcome?.ok === false && (
        <p className={inspection.outcome.error === job.error ? 'muted' : 'error-box'}>
          {inspection.outcome.error === job.error
            ? 'There is nothing more to show: FFmpeg could not read this file.'
            : inspection.outcome.error}
        </p>
      )}
      {inspection?.id === id && inspection.outcome?.ok === true && (
        <MediaDetails info={inspection.outcome.info} />
      )}
    </>
  );
}
