import { useAppStore } from '../../store/context';
import { fileName } from '../../../app/util/format';
import { rowStatus } from '../format';
import { FrameChart } from './FrameChart';
import { qualityLine } from './quality-line';

type SwatchKind = 'i' | 'p' | 'b' | 'qp' | 'rate' | 'quality' | 'marker';

function Swatch({ kind }: { kind: SwatchKind }): React.JSX.Element {
  return (
    <svg className={`swatch swatch-${kind}`} width="16" height="12" aria-hidden="true">
      {kind === 'i' && <rect x="4" y="2" width="8" height="8" fill="currentColor" />}
      {kind === 'p' && <circle cx="8" cy="6" r="4" fill="currentColor" />}
      {kind === 'b' && <path d="M8 1 L13 10 L3 10 Z" fill="currentColor" />}
      {(kind === 'qp' || kind === 'quality') && (
        <path d="M1 6 H15" stroke="currentColor" strokeWidth={kind === 'quality' ? 3 : 2} />
      )}
      {kind === 'rate' && (
        <path d="M1 8 L5 4 L9 7 L15 3" stroke="currentColor" strokeWidth="2" fill="none" />
      )}
      {kind === 'marker' && (
        <path d="M8 0 V12" stroke="currentColor" strokeWidth="2" strokeDasharray="3 2" />
      )}
    </svg>
  );
}

const LEGEND = [
  ['i', 'I-frames'],
  ['p', 'P-frames'],
  ['b', 'B-frames'],
  ['qp', 'QP (inner right axis)'],
  ['rate', 'Bitrate over 1 s (outer right axis)'],
  ['marker', 'Picture size change'],
] as const;

/**
 * The selected job's frame chart: live while it runs, and still there once it finished
 * (the store keeps the frames of the last few finished jobs).
 */
export function LiveFrames({ id }: { id: string }): React.JSX.Element | null {
  const job = useAppStore((s) => s.byId.get(id));
  const frames = useAppStore((s) => s.frames);
  const active = job !== undefined && rowStatus(job.status) === 'running';
  // Re-read on each change of the job: a finished job shows what was kept of it.
  if (job === undefined || (!active && frames.ring(id) === undefined)) return null;
  const quality = qualityLine(job.metricFrames);
  return (
    <section className="live-frames inspector-section" aria-labelledby="live-frames-title">
      <div className="live-frames-head">
        <h3 id="live-frames-title">
          {active ? 'Frames, live' : 'Frames'}
          <span className="visually-hidden"> of {fileName(job.spec.input)}</span>
        </h3>
        <ul className="chart-legend" aria-label="Chart legend">
          <li className="legend-group">Frame size in bytes (left axis):</li>
          {LEGEND.map(([kind, label]) => (
            <li key={kind}>
              <Swatch kind={kind} />
              {label}
            </li>
          ))}
          {quality !== null && (
            <li>
              <Swatch kind="quality" />
              {quality.label} against the source (outer left axis)
            </li>
          )}
        </ul>
      </div>
      <FrameChart jobId={id} quality={job.metricFrames} />
    </section>
  );
}
