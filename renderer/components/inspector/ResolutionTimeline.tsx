import type { MediaInfo } from '../../../app/media/model';
import { resolutionBadge } from '../../../app/media/resolution';

function at(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, '0')}`;
}

/** Where the picture size changes: one block per segment, as wide as its share of the file. */
export function ResolutionTimeline({ info }: { info: MediaInfo }): React.JSX.Element | null {
  const scan = info.resolution;
  const badge = resolutionBadge(scan);
  if (scan === null || scan === undefined || badge === null) return null;
  const segments = scan.segments;
  const lastStart = segments.at(-1)?.startSec ?? 0;
  const total = Math.max(info.durationSec ?? 0, lastStart + 0.001);
  const method =
    scan.method === 'keyframes'
      ? 'found by a keyframe scan'
      : 'found by checking every frame (this codec may change size on any frame)';
  return (
    <div className="resolution">
      <p>
        <strong>The picture size changes: {badge}</strong>{' '}
        <span className="muted">
          ({segments.length} parts, {method})
        </span>
      </p>
      <ol className="resolution-timeline" aria-label="Picture size over time">
        {segments.map((segment, i) => {
          const end = segments[i + 1]?.startSec ?? total;
          const share = Math.max(0, end - segment.startSec) / total;
          return (
            <li
              key={`${segment.startPts}-${i}`}
              className={`resolution-segment tone-${i % 3}`}
              style={{ flexGrow: share, flexBasis: 0 }}
              title={`${segment.width}×${segment.height} from ${at(segment.startSec)} to ${at(end)}`}
            >
              <span className="resolution-size">
                {segment.width}×{segment.height}
              </span>
              <span className="resolution-start">{at(segment.startSec)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
