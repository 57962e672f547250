import type { Cell, CellStatus, HardwareReport } from '../../../app/hardware/model';
import { BACKENDS, HW_CODECS } from '../../../app/hardware/model';

// The capability matrix: one row per backend, one column per codec, encode and decode
// in each cell, decided by a real one-frame test. Reasons are listed under the table.

const BACKEND_NAME: Record<string, string> = {
  nvidia: 'NVIDIA (NVENC / NVDEC)',
  qsv: 'Intel Quick Sync',
  vaapi: 'VA-API',
  amf: 'AMD AMF',
  videotoolbox: 'Apple VideoToolbox',
  mediafoundation: 'Media Foundation',
  v4l2m2m: 'V4L2 M2M',
  vulkan: 'Vulkan',
};

const STATUS_WORD: Record<CellStatus, string> = {
  available: 'Works',
  unavailable: 'Fails',
  'not-built': 'Not built in',
  'not-applicable': '—',
};

function find(
  cells: Cell[],
  backend: string,
  codec: string,
  direction: Cell['direction'],
): Cell | undefined {
  return cells.find((c) => c.backend === backend && c.codec === codec && c.direction === direction);
}

function Status({ cell, label }: { cell: Cell | undefined; label: string }): React.JSX.Element {
  const status = cell?.status ?? 'not-applicable';
  return (
    <span className={`hw-status ${status}`}>
      <span className="hw-direction">{label}</span> {STATUS_WORD[status]}
    </span>
  );
}

export function Matrix({ report }: { report: HardwareReport }): React.JSX.Element {
  const backends = BACKENDS.filter((b) =>
    report.cells.some((c) => c.backend === b && c.status !== 'not-applicable'),
  );
  if (backends.length === 0)
    return <p className="muted">FFmpeg on this platform has no hardware backends to test.</p>;
  return (
    <table className="hw-matrix">
      <caption className="visually-hidden">
        Hardware encode and decode support by backend and codec
      </caption>
      <thead>
        <tr>
          <th scope="col">Backend</th>
          {HW_CODECS.map((codec) => (
            <th key={codec} scope="col">
              {codec.toUpperCase()}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {backends.map((backend) => (
          <tr key={backend}>
            <th scope="row">{BACKEND_NAME[backend] ?? backend}</th>
            {HW_CODECS.map((codec) => (
              <td key={codec}>
                <Status cell={find(report.cells, backend, codec, 'encode')} label="Encode" />
                <Status cell={find(report.cells, backend, codec, 'decode')} label="Decode" />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Why each tested combination failed, in the engine's words, grouped by reason. */
export function Reasons({ report }: { report: HardwareReport }): React.JSX.Element | null {
  const groups = new Map<string, string[]>();
  for (const cell of report.cells) {
    if (cell.status !== 'unavailable' && cell.status !== 'not-built') continue;
    const what = `${BACKEND_NAME[cell.backend] ?? cell.backend} ${cell.codec.toUpperCase()} ${cell.direction}`;
    groups.set(cell.reason, [...(groups.get(cell.reason) ?? []), what]);
  }
  if (groups.size === 0) return null;
  return (
    <details className="hw-reasons">
      <summary>Why some combinations do not work ({groups.size})</summary>
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
