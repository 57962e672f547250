import { useAppStore } from '../../store/context';
import { plural } from '../../../app/util/format';
import { formatEta, rowStatus, type RowStatus } from '../format';
import { batchEtaSec } from './batch-eta';
import { AddButtons } from './AddButtons';

function useCounts(): Record<RowStatus, number> {
  // A string key keeps the selector's result stable between renders.
  const key = useAppStore((s) => {
    const counts = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
    for (const id of s.ids) {
      const job = s.byId.get(id);
      if (job !== undefined) counts[rowStatus(job.status)] += 1;
    }
    return JSON.stringify(counts);
  });
  return JSON.parse(key) as Record<RowStatus, number>;
}

/** The batch's time left while the queue runs, in whole seconds so a render is rare. */
function useBatchEta(): string | null {
  const seconds = useAppStore((s) => {
    if (!s.queue.running) return null;
    const eta = batchEtaSec(s);
    return eta === null ? null : Math.round(eta);
  });
  const text = formatEta(seconds);
  return text === null ? null : `All jobs: ${text}`;
}

export function QueueToolbar(): React.JSX.Element {
  const counts = useCounts();
  const eta = useBatchEta();
  const clearFinished = useAppStore((s) => s.clearFinished);
  const throttled = useAppStore((s) => s.queue.throttled);
  const parts = [
    counts.running > 0 && `${counts.running.toLocaleString()} converting`,
    counts.queued > 0 && `${counts.queued.toLocaleString()} waiting`,
    counts.done > 0 && `${counts.done.toLocaleString()} done`,
    counts.failed > 0 && `${counts.failed.toLocaleString()} failed`,
    counts.cancelled > 0 && `${counts.cancelled.toLocaleString()} cancelled`,
  ].filter((part): part is string => typeof part === 'string');

  return (
    <div className="queue-toolbar">
      <AddButtons />
      <span className="drop-hint">or drop files and folders anywhere</span>
      <span className="queue-counts">{parts.join(' · ')}</span>
      {eta !== null && (
        <span
          className="queue-eta"
          title="Estimated from each running job's time left and the waiting jobs' durations at the current speed"
        >
          {eta}
        </span>
      )}
      {throttled !== null && <span className="queue-throttled">{throttled}</span>}
      <button
        type="button"
        className="button quiet"
        disabled={counts.done === 0}
        onClick={() => void clearFinished()}
      >
        Clear {counts.done > 0 ? plural(counts.done, 'done job', 'done jobs') : 'done jobs'}
      </button>
    </div>
  );
}
