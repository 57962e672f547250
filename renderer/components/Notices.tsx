import { useAppStore } from '../store/context';

/** Sentences for people: errors stay until dismissed, information fades on its own. */
export function Notices(): React.JSX.Element {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismiss);
  const connected = useAppStore((s) => s.connected);
  const problem = useAppStore((s) => s.connectionProblem);
  const loaded = useAppStore((s) => s.loaded);
  const adding = useAppStore((s) => s.adding);

  return (
    <div className="notices" role="status" aria-live="polite">
      {problem !== null && <div className="notice error">{problem}</div>}
      {!connected && problem === null && (
        <div className="notice warn">
          {loaded
            ? 'The connection to Framewright was lost. Reconnecting… your queue is safe.'
            : 'Connecting to Framewright…'}
        </div>
      )}
      {adding !== null && (
        <div className="notice info">
          {adding.done < adding.total
            ? `Adding files… ${adding.done} of ${adding.total} uploaded`
            : `Adding ${adding.total} ${adding.total === 1 ? 'file' : 'files'} to the queue…`}
        </div>
      )}
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${notice.kind}`}>
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => dismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
