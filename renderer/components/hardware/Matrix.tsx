import { Fragment } from 'react';
import type { Cell, HardwareReport } from '../../../app/hardware/model';
import { BACKENDS, CODEC_LABEL, HW_CODECS } from '../../../app/hardware/model';
import { BACKEND_NAME, cellKey, STATUS_ICON, STATUS_WORD } from './names';

// The capability matrix: one row per backend, one column per codec, encode and decode in
// each cell, decided by a real one-frame test. Every status is a button that opens its
// details (reason, FFmpeg's own line, the exact test command).

interface Props {
  report: HardwareReport;
  selected: string | null;
  onSelect: (cell: Cell) => void;
  detailsId: string;
  /** The open cell's details, shown right under its backend's row. */
  details: React.ReactNode;
}

function StatusButton({
  cell,
  label,
  selected,
  onSelect,
  detailsId,
}: {
  cell: Cell | undefined;
  label: string;
  selected: boolean;
  onSelect: (cell: Cell) => void;
  detailsId: string;
}): React.JSX.Element {
  if (cell === undefined)
    return (
      <span className="hw-status not-applicable">
        <span className="hw-direction">{label}</span> <span aria-hidden="true">–</span>
        <span className="visually-hidden">not tested</span>
      </span>
    );
  const word = STATUS_WORD[cell.status];
  return (
    <button
      type="button"
      className={`hw-status ${cell.status}`}
      aria-expanded={selected}
      aria-controls={detailsId}
      aria-label={`${BACKEND_NAME[cell.backend]} ${CODEC_LABEL[cell.codec]} ${cell.direction}: ${word}`}
      data-cell={cellKey(cell)}
      onClick={() => onSelect(cell)}
    >
      <span className="hw-direction">{label}</span>
      <span className="hw-icon" aria-hidden="true">
        {STATUS_ICON[cell.status]}
      </span>
      <span className="hw-word">{word}</span>
    </button>
  );
}

export function Matrix({
  report,
  selected,
  onSelect,
  detailsId,
  details,
}: Props): React.JSX.Element {
  const byKey = new Map(report.cells.map((cell) => [cellKey(cell), cell]));
  const backends = BACKENDS.filter((b) =>
    report.cells.some((c) => c.backend === b && c.status !== 'not-applicable'),
  );
  if (backends.length === 0)
    return <p className="muted">FFmpeg on this platform has no hardware backends to test.</p>;
  return (
    <div className="hw-matrix-wrap">
      <table className="hw-matrix">
        <caption className="visually-hidden">
          Hardware encode and decode support by backend and codec; choose a result for its details
        </caption>
        <thead>
          <tr>
            <th scope="col">Backend</th>
            {HW_CODECS.map((codec) => (
              <th key={codec} scope="col">
                {CODEC_LABEL[codec]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {backends.map((backend) => (
            <Fragment key={backend}>
              <tr>
                <th scope="row">{BACKEND_NAME[backend]}</th>
                {HW_CODECS.map((codec) => (
                  <td key={codec}>
                    {(['encode', 'decode'] as const).map((direction) => {
                      const key = cellKey({ backend, codec, direction });
                      return (
                        <StatusButton
                          key={direction}
                          cell={byKey.get(key)}
                          label={direction === 'encode' ? 'Encode' : 'Decode'}
                          selected={selected === key}
                          onSelect={onSelect}
                          detailsId={detailsId}
                        />
                      );
                    })}
                  </td>
                ))}
              </tr>
              {selected?.startsWith(`${backend}:`) === true && details !== null && (
                <tr className="hw-details-row">
                  <td colSpan={HW_CODECS.length + 1}>{details}</td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Why each tested combination failed, in the engine's words, grouped by reason. */
export function Reasons({ report }: { report: HardwareReport }): React.JSX.Element | null {
  const groups = new Map<string, string[]>();
  for (const cell of report.cells) {
    if (cell.status !== 'unavailable' && cell.status !== 'not-built') continue;
    const what = `${BACKEND_NAME[cell.backend]} ${CODEC_LABEL[cell.codec]} ${cell.direction}`;
    groups.set(cell.reason, [...(groups.get(cell.reason) ?? []), what]);
  }
  if (groups.size === 0) return null;
  return (
    <details className="hw-reasons">
      <summary>All reasons at once ({groups.size})</summary>
      <ul>
        {[...groups].map(([reason, whats]) => (
          <li key={reason}>
            <strong>{reason}</strong>
            <span className="muted"> — {whats.join(', ')}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
