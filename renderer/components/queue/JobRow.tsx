import { memo } from 'react';
import type { Job } from '../../../app/jobs/job';
import type { Progress } from '../../../app/jobs/progress';
import { useAppStore } from '../../store/context';
import { fileName, formatBytes } from '../../../app/util/format';
import { firstSentence, formatEta, rowStatus, STATUS_LABEL } from '../format';
import { JobActions } from './JobActions';
import type { RowFacts } from '../../store/row-facts';
import { factsLine, JobNotes, ResolutionBadge, useRowFacts } from './RowExtras';
import { qualityStep } from '../quality/QualitySearch';

interface Props {
  id: string;
  top: number;
  height: number;
  selected: boolean;
}

function detail(
  job: Job,
  progress: Progress | undefined,
  queueRunning: boolean,
  facts: RowFacts | null | undefined,
): string {
  if (job.status === 'failed' || job.status === 'cancelled')
    return job.error === null ? STATUS_LABEL[job.status] : firstSentence(job.error);
  if (job.status === 'done') {
    const took =
      job.startedAt !== null && job.finishedAt !== null
        ? ` in ${Math.max(1, Math.round((job.finishedAt - job.startedAt) / 1000))} s`
        : '';
    // A farm job says where it ran.
    const where = job.worker === undefined ? '' : ` on ${job.worker}`;
    return job.output === null
      ? 'Done'
      : `Saved as ${fileName(job.output)} · ${formatBytes(job.outputBytes)}${took}${where}`;
  }
  if (job.status === 'queued') {
    // What the probe found, once read; until then what happens next.
    const warning = facts?.warnings[0];
    const line =
      facts === null || facts === undefined
        ? null
        : (factsLine(facts) ?? (warning === undefined ? null : firstSentence(warning)));
    if (line !== null) return job.attempts > 0 ? `Interrupted earlier · ${line}` : line;
    if (queueRunning) return 'Starts when a slot is free';
    return job.attempts > 0
      ? 'Interrupted earlier; press Start to convert it again'
      : 'Press Start to convert';
  }
  const parts: string[] = job.worker === undefined ? [] : [`on ${job.worker}`];
  // The saved output measured against its source (the job's metrics setting).
  if (job.measuring === true) parts.push('Measuring quality');
  if (progress !== undefined) {
    if (progress.stepCount > 1)
      parts.push(`step ${progress.stepIndex + 1} of ${progress.stepCount}`);
    if (progress.fps > 0) parts.push(`${Math.round(progress.fps)} fps`);
    // ffmpeg reports 0× before its first frame is out: not a speed worth showing.
    if (progress.speed !== null && progress.speed > 0)
      parts.push(`${progress.speed.toFixed(progress.speed < 10 ? 1 : 0)}×`);
    const eta = formatEta(progress.etaSec);
    if (eta !== null) parts.push(eta);
    if (progress.totalSizeBytes > 0) parts.push(formatBytes(progress.totalSizeBytes));
  }
  return parts.length > 0 ? parts.join(' · ') : STATUS_LABEL[job.status];
}

function percentOf(job: Job, progress: Progress | undefined): number | null {
  if (job.status === 'done') return 100;
  if (job.status === 'queued' || job.status === 'failed' || job.status === 'cancelled') return null;
  return progress?.percent ?? null;
}

export const JobRow = memo(function JobRow({
  id,
  top,
  height,
  selected,
}: Props): React.JSX.Element | null {
  const job = useAppStore((s) => s.byId.get(id));
  const progress = useAppStore((s) => s.progress[id]);
  const select = useAppStore((s) => s.select);
  const extendSelection = useAppStore((s) => s.extendSelection);
  const queueRunning = useAppStore((s) => s.queue.running);
  const facts = useRowFacts(id);
  if (job === undefined) return null;
  const status = rowStatus(job.status);
  const percent = percentOf(job, progress);
  const name = fileName(job.spec.input);
  // A step inside the status (the quality search) names itself.
  const step = qualityStep(job);
  const text = step?.detail ?? detail(job, progress, queueRunning, facts);
  const label = step?.label ?? STATUS_LABEL[job.status];
  // The probe's warnings matter before the run; afterwards the job's own notes say it.
  const probeWarnings = status === 'queued' || status === 'running' ? (facts?.warnings ?? []) : [];

  return (
    <div
      role="listitem"
      className={selected ? 'job-row selected' : 'job-row'}
      data-status={status}
      data-job-id={id}
      style={{ transform: `translateY(${top}px)`, height }}
    >
      <span className={`status-dot ${status}`} aria-hidden="true" />
      <div className="job-main">
        <div className="job-title-line">
          <button
            type="button"
            className="job-name"
            aria-current={selected ? 'true' : undefined}
            title={job.spec.input}
            onClick={(event) => {
              // Ctrl/Cmd-click adds to the selection, Shift-click selects a run of jobs.
              if (event.ctrlKey || event.metaKey) extendSelection(id, 'toggle');
              else if (event.shiftKey) extendSelection(id, 'range');
              else select(id);
            }}
          >
            {name}
          </button>
          {job.spec.settings !== undefined && Object.keys(job.spec.settings).length > 0 && (
            <span
              className="chip custom-chip"
              title="This job has its own settings over the preset"
            >
              Custom settings
            </span>
          )}
          <ResolutionBadge badge={facts?.badge ?? null} />
          <JobNotes warnings={job.warnings} probeWarnings={probeWarnings} name={name} />
        </div>
        <div className={status === 'failed' ? 'job-detail error-text' : 'job-detail'} title={text}>
          <span className={`status-label ${status}`}>{label}</span>
          {text !== label && <span className="job-detail-text">{text}</span>}
        </div>
        {status === 'running' && (
          <div
            className={percent === null ? 'progress indeterminate' : 'progress'}
            role="progressbar"
            aria-label={`Progress of ${name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent === null ? undefined : Math.round(percent)}
          >
            <div className="progress-fill" style={{ width: `${percent ?? 30}%` }} />
          </div>
        )}
      </div>
      <span className="job-percent" aria-hidden="true">
        {status === 'running' && percent !== null ? `${Math.floor(percent)}%` : ''}
      </span>
      <JobActions job={job} name={name} />
    </div>
  );
});
