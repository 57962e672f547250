import type { Device, HardwareReport } from '../../../app/hardware/model';
import type { Row } from '../inspector/describe';
import { Facts } from '../inspector/Facts';

const SOURCE: Record<Device['source'], string> = {
  drm: 'Linux DRM (/sys/class/drm)',
  'nvidia-smi': 'nvidia-smi',
  vainfo: 'vainfo',
  windows: 'Windows video controllers',
  macos: 'system_profiler',
};

function deviceRows(device: Device): Row[] {
  const rows: Row[] = [['Vendor', device.vendor]];
  if (device.vendorId !== null || device.deviceId !== null)
    rows.push(['PCI id', `${device.vendorId ?? '?'}:${device.deviceId ?? '?'}`]);
  rows.push([
    'Driver',
    [device.driver, device.driverVersion].filter(Boolean).join(' ') || 'unknown',
  ]);
  if (device.renderNode !== null) rows.push(['Render node', device.renderNode]);
  rows.push(['Found by', SOURCE[device.source]]);
  device.details.forEach((detail, i) => rows.push([i === 0 ? 'Details' : '', detail]));
  return rows;
}

/** GPUs and video engines found on this machine, and what discovery had to say. */
export function Devices({ report }: { report: HardwareReport }): React.JSX.Element {
  return (
    <section className="hw-section" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices</h2>
      {report.devices.length === 0 && report.notes.length === 0 && (
        <p className="muted">No graphics or video devices were found.</p>
      )}
      {report.devices.length > 0 && (
        <ul className="hw-devices">
          {report.devices.map((device) => (
            <li key={device.id} className="hw-card hw-device">
              <strong>{device.name}</strong>
              <Facts rows={deviceRows(device)} />
            </li>
          ))}
        </ul>
      )}
      {report.notes.length > 0 && (
        <ul className="warnings" aria-label="Notes about device discovery">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
