import { useEffect } from 'react';
import type { FarmStatus } from '../../../app/api/contract';
import { fileName, plural } from '../../../app/util/format';
import { useAppStore } from '../../store/context';
import type { Row } from '../inspector/describe';
import { Facts } from '../inspector/Facts';

/** How often the workers are read again while the view is open. */
const REFRESH_MS = 3000;

type FarmWorker = FarmStatus['workers'][number];

/** "3 jobs or chunks in the last 4 min", from the finished count over the last readings. */
function throughput(worker: FarmWorker): string {
  if (!worker.online) return '—';
  if (worker.recent === null) return 'measuring…';
  const minutes = Math.max(1, Math.round(worker.recent.minutes));
  return `${plural(worker.recent.done, 'job or chunk', 'jobs or chunks')} in the last ${minutes} min`;
}

function workerRows(worker: FarmWorker): Row[] {
  const rows: Row[] = [
    ['Host', worker.host],
    [
      'Encoders',
      worker.encoders.length === 0 ? 'software only' : `software and ${worker.encoders.join(', ')}`,
    ],
    ['Hardware', worker.matrix],
    ['Jobs at once', String(worker.concurrency)],
    ['Jobs done', String(worker.done)],
    ['Throughput', throughput(worker)],
  ];
  if (worker.current.length === 0) rows.push(['Now', worker.online ? 'idle' : '—']);
  worker.current.forEach((job, i) => rows.push([i === 0 ? 'Now' : '', fileName(job)]));
  if (!worker.online) rows.push(['Last seen', new Date(worker.heartbeatAt).toLocaleTimeString()]);
  return rows;
}

/** The farm this host runs its jobs in: its workers, what they can do and what they run. */
export function FarmView(): React.JSX.Element {
  const farm = useAppStore((s) => s.farm);
  const error = useAppStore((s) => s.farmError);
  const loadFarm = useAppStore((s) => s.loadFarm);

  useEffect(() => {
    void loadFarm();
    const timer = window.setInterval(() => void loadFarm(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [loadFarm]);

  const online = farm?.workers.filter((w) => w.online).length ?? 0;
  return (
    <div className="page farm-page">
      <div className="page-head">
        <h1>Farm</h1>
      </div>
      <p className="muted">
        This host runs its queue in the farm at {farm?.label ?? '…'}:{' '}
        {online === 1 ? 'one worker is' : `${online} workers are`} online. Software jobs go to any
        worker; a job whose preset asks for hardware waits for a worker whose test passed it.
      </p>
      {error !== null && <p className="error-box">{error}</p>}
      {farm !== null && farm.workers.length === 0 && (
        <p className="muted">
          No worker has joined yet; start one with framewright worker --farm on each machine.
        </p>
      )}
      {farm !== null && farm.workers.length > 0 && (
        <section className="hw-section" aria-labelledby="farm-workers-title">
          <h2 id="farm-workers-title">Workers</h2>
          <ul className="hw-devices">
            {farm.workers.map((worker) => (
              <li key={worker.name} className="hw-card hw-device" data-worker={worker.name}>
                <strong>
                  <span
                    className={worker.online ? 'farm-dot online' : 'farm-dot'}
                    aria-hidden="true"
                  />
                  {worker.name}{' '}
                  <span className="muted">{worker.online ? 'online' : 'offline'}</span>
                </strong>
                <Facts rows={workerRows(worker)} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
