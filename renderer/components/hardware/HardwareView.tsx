import { useEffect, useState } from 'react';
import type { Cell } from '../../../app/hardware/model';
import { useAppStore } from '../../store/context';
import { BuildInfo } from './BuildInfo';
import { CellDetails } from './CellDetails';
import { Devices } from './Devices';
import { Matrix, Reasons } from './Matrix';
import { cellKey } from './names';

const DETAILS_ID = 'hw-cell-details';

/** Which GPUs exist and which hardware encoders and decoders really work here. */
export function HardwareView(): React.JSX.Element {
  const report = useAppStore((s) => s.hardware);
  const busy = useAppStore((s) => s.hardwareBusy);
  const error = useAppStore((s) => s.hardwareError);
  const loadHardware = useAppStore((s) => s.loadHardware);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    if (report === null) void loadHardware(false);
  }, [report, loadHardware]);

  // After "Test again" the same cell shows its new result.
  const cell = report?.cells.find((c) => cellKey(c) === selected) ?? null;
  const toggle = (next: Cell): void =>
    setSelected((current) => (current === cellKey(next) ? null : cellKey(next)));
  const close = (): void => {
    const key = selected;
    setSelected(null);
    if (key !== null)
      document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`)?.focus();
  };

  return (
    <div className="page hardware-page" aria-busy={busy}>
      <div className="page-head">
        <h1>Hardware</h1>
        <button
          type="button"
          className={busy ? 'button busy' : 'button'}
          disabled={busy}
          onClick={() => void loadHardware(true)}
        >
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? 'Testing…' : 'Test again'}
        </button>
      </div>
      <p className="muted">
        Each encoder and decoder is tried with a real one-frame test, because FFmpeg lists many that
        this machine cannot run. Jobs that ask for hardware fall back to software when it fails.
      </p>
      <p className="visually-hidden" role="status">
        {busy ? 'Testing the hardware encoders and decoders.' : ''}
      </p>
      {error !== null && <p className="error-box">{error}</p>}
      {report === null && busy && (
        <p className="muted">Testing the hardware encoders and decoders…</p>
      )}
      {report !== null && (
        <>
          <section className="hw-section" aria-labelledby="matrix-title">
            <h2 id="matrix-title">Encoders and decoders</h2>
            <p className="help">
              Choose any result to see why, what FFmpeg said, and the exact command that tested it.
            </p>
            <Matrix
              report={report}
              selected={selected}
              onSelect={toggle}
              detailsId={DETAILS_ID}
              details={
                cell === null ? null : <CellDetails cell={cell} id={DETAILS_ID} onClose={close} />
              }
            />
            <Reasons report={report} />
          </section>
          <Devices report={report} />
          <BuildInfo report={report} />
        </>
      )}
    </div>
  );
}
