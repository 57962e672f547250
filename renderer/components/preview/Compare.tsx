import { useId, useState } from 'react';
import { formatClock } from '../format';

export interface Still {
  atSec: number;
  before: string;
  after: string;
}

/** The source frame and the same frame through the plan: a slider over one, or side by side. */
export function Compare({ stills }: { stills: readonly Still[] }): React.JSX.Element | null {
  const [at, setAt] = useState(0);
  const [split, setSplit] = useState(50);
  const [sideBySide, setSideBySide] = useState(false);
  const sliderId = useId();
  const still = stills[Math.min(at, stills.length - 1)];
  if (still === undefined) return null;
  const when = formatClock(still.atSec);
  return (
    <div className="compare">
      <div className="compare-bar">
        <div className="compare-steps" role="group" aria-label="Position">
          <button
            type="button"
            className="button small"
            aria-label="Previous position"
            disabled={at === 0}
            onClick={() => setAt(at - 1)}
          >
            ←
          </button>
          <span className="compare-at" aria-live="polite">
            {when} · {at + 1} of {stills.length}
          </span>
          <button
            type="button"
            className="button small"
            aria-label="Next position"
            disabled={at >= stills.length - 1}
            onClick={() => setAt(at + 1)}
          >
            →
          </button>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={sideBySide}
            onChange={(event) => setSideBySide(event.target.checked)}
          />
          Side by side
        </label>
      </div>
      {sideBySide ? (
        <div className="compare-pair">
          <figure>
            <img src={still.before} alt={`The source at ${when}`} />
            <figcaption>Before</figcaption>
          </figure>
          <figure>
            <img src={still.after} alt={`The output at ${when}`} />
            <figcaption>After</figcaption>
          </figure>
        </div>
      ) : (
        <>
          <div className="compare-stack">
            <img src={still.before} alt={`The source at ${when}`} />
            <img
              className="compare-after"
              src={still.after}
              alt={`The output at ${when}`}
              style={{ clipPath: `inset(0 0 0 ${split}%)` }}
            />
            <span className="compare-divider" style={{ left: `${split}%` }} aria-hidden="true" />
            <span className="compare-tag left" aria-hidden="true">
              Before
            </span>
            <span className="compare-tag right" aria-hidden="true">
              After
            </span>
          </div>
          <label className="visually-hidden" htmlFor={sliderId}>
            Before and after divide
          </label>
          <input
            id={sliderId}
            className="compare-slider"
            type="range"
            min={0}
            max={100}
            value={split}
            onChange={(event) => setSplit(Number(event.target.value))}
          />
        </>
      )}
    </div>
  );
}
