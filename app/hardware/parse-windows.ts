import type { Device } from './model';
import {
  makeDevice,
  normalizePciId,
  parseJsonLoose,
  pciIdForVendor,
  pciVendorName,
  stringField,
  vendorFromText,
} from './parse-common';

// powershell -NoProfile -Command "Get-CimInstance Win32_VideoController |
//   Select-Object Name,AdapterCompatibility,DriverVersion,PNPDeviceID | ConvertTo-Json"
// One controller prints a bare object, several an array. Windows PowerShell 5.1 writes
// '&' as \u0026 and pads after the colon ("Name":  "…"); JSON.parse undoes both. The
// PNP id reads PCI\VEN_10DE&DEV_2484&SUBSYS_…; software and virtual adapters have ROOT\… ids.

/** VEN_ and DEV_ out of a PCI PNP device id; nulls for ROOT\…, SWD\… and anything else. */
export function parsePnpDeviceId(pnp: string | null): {
  vendorId: string | null;
  deviceId: string | null;
} {
  if (pnp === null || !/^PCI\\/i.test(pnp)) return { vendorId: null, deviceId: null };
  return {
    vendorId: normalizePciId(/VEN_([0-9A-F]{4})/i.exec(pnp)?.[1]),
    deviceId: normalizePciId(/DEV_([0-9A-F]{4})/i.exec(pnp)?.[1]),
  };
}

/** One Device per video controller; [] for empty output, null, errors or anything not JSON. */
export function parseWindowsVideoControllers(json: string): Device[] {
  const parsed = parseJsonLoose(typeof json === 'string' ? json : '');
  const items: unknown[] = Array.isArray(parsed)
    ? parsed
    : parsed !== null && typeof parsed === 'object'
      ? [parsed]
      : [];
  const devices: Device[] = [];
  items.forEach((item, index) => {
    const name = stringField(item, 'Name');
    if (name === null) return;
    const pnp = stringField(item, 'PNPDeviceID');
    const company = stringField(item, 'AdapterCompatibility');
    const { vendorId, deviceId } = parsePnpDeviceId(pnp);
    const vendor =
      vendorId !== null
        ? pciVendorName(vendorId)
        : (vendorFromText(company ?? '') ?? vendorFromText(name) ?? company ?? 'Unknown');
    const details: string[] = [];
    if (/^ROOT\\BASICRENDER/i.test(pnp ?? '') || (vendorId === '0x1414' && deviceId === '0x008c')) {
      details.push('software renderer (no GPU video engine)');
    } else if (pnp !== null && !/^PCI\\/i.test(pnp)) {
      details.push('virtual display adapter');
    }
    let id = `windows:${pnp ?? `${index}:${name}`}`;
    if (devices.some((d) => d.id === id)) id = `${id}#${index}`;
    devices.push(
      makeDevice({
        id,
        name,
        vendor,
        vendorId: vendorId ?? pciIdForVendor(vendor),
        deviceId,
        driverVersion: stringField(item, 'DriverVersion'),
        source: 'windows',
        details,
      }),
    );
  });
  return devices;
}
