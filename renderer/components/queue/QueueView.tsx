import { useAppStore } from '../../store/context';
import { Inspector } from '../inspector/Inspector';
import { EmptyQueue } from './EmptyQueue';
import { JobList } from './JobList';
import { QueueToolbar } from './QueueToolbar';

export function QueueView(): React.JSX.Element {
  const count = useAppStore((s) => s.ids.length);
  const loaded = useAppStore((s) => s.loaded);
  const selectedId = useAppStore((s) => s.selectedId);

  if (!loaded) return <div className="queue-loading">Loading the queue…</div>;
  if (count === 0) return <EmptyQueue />;
  return (
    <div className={selectedId === null ? 'queue-view' : 'queue-view with-inspector'}>
      <section className="queue-panel" aria-label="Queue">
        <h1 className="visually-hidden">Queue</h1>
        <QueueToolbar />
        <JobList />
      </section>
      {selectedId !== null && <Inspector id={selectedId} />}
    </div>
  );
}
