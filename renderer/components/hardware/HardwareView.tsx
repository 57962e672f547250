import { useEffect } from 'react';
import { useAppStore } from '../../store/context';
import { Facts } from '../inspector/Facts';
import { Matrix, Reasons } from './Matrix';

/** Which GPUs exist and which hardware encoders and decoders really work here. */
export function HardwareView(): React.JSX.Element {
  const report = useAppStore((s) => s.hardware);
  const busy = useAppStore((s) => s.hardwareBusy);
  const error = useAppStore((s) => s.hardwareError);
  const loadHardware = useAppStore((s) => s.loadHardware);

  useEffect(() => {
    if (report === null) void loadHardware(false);
  }, [report, loadHardware]);

  return (
    <div className="page hardware-page">
      <div className="page-head">
        <h1>Hardware</h1>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void loadHardware(true)}
        >
          {busy ? 'Testing…' : 'Test again'}
        </button>
      </div>
      <p className="muted">
        Each encoder and decoder is tried with a real one-frame test, because FFmpeg lists many that
        this machine cannot run. Jobs that ask for hardware fall back to software when it fails.
      </p>
      {error !== null && <p className="error-box">{error}</p>}
      {report === null && busy && (
        <p className="muted">Testing the hardware encoders and decoders…</p>
      )}
      {report !== null && (
        <>
          <section className="hw-section" aria-labelledby="devices-title">
            <h2 id="devices-title">Devices</h2>
            {report.devices.length === 0 ? (
              report.notes.length === 0 && (
                <p className="muted">No graphics or video devices were found.</p>
              )
            ) : (
              <ul className="hw-devices">
                {report.devices.map((device) => (
                  <li key={device.id} className="hw-device">
                    <strong>{device.name}</strong>
                    <Facts
                      rows={[
                        ['Vendor', device.vendor],
                        [
                          'Driver',
                          [device.driver, device.driverVersion].filter(Boolean).join(' ') ||
                            'unknown',
                        ],
                        ...(device.renderNode === null
                          ? []
                          : [['Render node', device.renderNode] as [string, string]]),
                        ...device.details.map(
                          (d, i) => [i === 0 ? 'Details' : '', d] as [string, string],
                        ),
                      ]}
                    />
                  </li>
                ))}
              </ul>
            )}
            {report.notes.length > 0 && (
              <ul className="warnings">
                {report.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
          </section>
          <section className="hw-section" aria-labelledby="matrix-title">
            <h2 id="matrix-title">Encoders and decoders</h2>
            <Matrix report={report} />
            <Reasons report={report} />
            <p className="help">
              FFmpeg {report.ffmpeg.version} · tested {new Date(report.testedAt).toLocaleString()}
              {report.fromCache
                ? ' (remembered until FFmpeg or the drivers change)'
                : ` in ${report.elapsedMs} ms`}
            </p>
          </section>
        </>
      )}
    </div>
  );
}
