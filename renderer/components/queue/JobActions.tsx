import type { Job } from '../../../app/jobs/job';
import { useAppStore } from '../../store/context';

/** The actions that make sense for a job in its current state; names say which file. */
export function JobActions({ job, name }: { job: Job; name: string }): React.JSX.Element {
  const host = useAppStore((s) => s.host);
  const cancel = useAppStore((s) => s.cancel);
  const retry = useAppStore((s) => s.retry);
  const remove = useAppStore((s) => s.remove);
  const active =
    job.status === 'probing' || job.status === 'running' || job.status === 'finalizing';
  const finished = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
  const output = job.status === 'done' && job.output !== null;

  return (
    <div className="job-actions">
      {output && host.downloadUrl !== null && (
        <a
          className="button small"
          href={host.downloadUrl(job.id)}
          download
          aria-label={`Download output of ${name}`}
        >
          Download
        </a>
      )}
      {output && host.revealOutput !== null && (
        <button
          type="button"
          className="button small"
          aria-label={`Show output of ${name} in folder`}
          onClick={() => void host.revealOutput?.(job.id)}
        >
          Show in folder
        </button>
      )}
      {(active || job.status === 'queued') && (
        <button
          type="button"
          className="button small"
          aria-label={`Cancel ${name}`}
          onClick={() => void cancel(job.id)}
        >
          Cancel
        </button>
      )}
      {finished && (
        <button
          type="button"
          className="button small"
          aria-label={`Retry ${name}`}
          onClick={() => void retry(job.id)}
        >
          {job.status === 'done' ? 'Convert again' : 'Retry'}
        </button>
      )}
      {!active && (
        <button
          type="button"
          className="button small quiet"
          aria-label={`Remove ${name} from the queue`}
          onClick={() => void remove(job.id)}
        >
          Remove
        </button>
      )}
    </div>
  );
}
