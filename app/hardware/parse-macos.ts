import type { Device } from './model';
import {
  makeDevice,
  parseJsonLoose,
  pciIdForVendor,
  stringField,
  vendorFromText,
} from './parse-common';

// system_profiler SPDisplaysDataType -json: {"SPDisplaysDataType": [ one entry per GPU ]}.
// Values are mostly localisation keys, not text: "spdisplays_vendor": "sppci_vendor_Apple",
// "sppci_bus": "spdisplays_builtin", "spdisplays_mtlgpufamilysupport": "spdisplays_metal3".
// "_name" can be a key too ("kHW_AppleM1Item" on early macOS 11), so "sppci_model" wins.

const VENDOR_KEYS: Readonly<Record<string, string>> = {
  sppci_vendor_apple: 'Apple',
  sppci_vendor_amd: 'AMD',
  sppci_vendor_ati: 'AMD',
  sppci_vendor_intel: 'Intel',
  sppci_vendor_nvidia: 'NVIDIA',
};

function vendorOf(entry: unknown, name: string): { vendor: string; vendorId: string | null } {
  const raw = stringField(entry, 'spdisplays_vendor');
  // Older macOS writes text such as "AMD (0x1002)" or "Intel".
  const inlineId = raw === null ? null : /\(0x([0-9a-f]{4})\)/i.exec(raw)?.[1];
  const vendor =
    (raw !== null ? VENDOR_KEYS[raw.toLowerCase()] : undefined) ??
    vendorFromText(raw ?? '') ??
    vendorFromText(name) ??
    'Unknown';
  return { vendor, vendorId: inlineId ? `0x${inlineId.toLowerCase()}` : pciIdForVendor(vendor) };
}

function detailsOf(entry: unknown): string[] {
  const details: string[] = [];
  const cores = stringField(entry, 'sppci_cores');
  if (cores !== null && /^\d+$/.test(cores)) details.push(`${cores} GPU cores`);
  const vram = stringField(entry, 'spdisplays_vram') ?? stringField(entry, '_spdisplays_vram');
  if (vram !== null) details.push(`${vram} video memory`);
  const shared = stringField(entry, 'spdisplays_vram_shared');
  if (shared !== null) details.push(`${shared} shared video memory`);
  const metal = stringField(entry, 'spdisplays_mtlgpufamilysupport');
  const metalVersion = metal === null ? null : /^spdisplays_metal(\d+)$/.exec(metal)?.[1];
  if (metalVersion) details.push(`Metal ${metalVersion}`);
  const bus = stringField(entry, 'sppci_bus');
  if (bus === 'spdisplays_builtin') details.push('built in');
  else if (bus === 'spdisplays_pcie_device') details.push('PCIe');
  return details;
}

/** One Device per GPU in system_profiler's JSON; [] for anything else. */
export function parseMacDisplays(json: string): Device[] {
  const parsed = parseJsonLoose(typeof json === 'string' ? json : '');
  const list =
    parsed !== null && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)['SPDisplaysDataType']
      : undefined;
  if (!Array.isArray(list)) return [];
  const devices: Device[] = [];
  for (const entry of list as unknown[]) {
    const model = stringField(entry, 'sppci_model');
    const rawName = stringField(entry, '_name');
    const name =
      model ?? (rawName !== null && !rawName.startsWith('kHW_') ? rawName : null) ?? rawName;
    if (name === null) continue;
    const { vendor, vendorId } = vendorOf(entry, name);
    const deviceId = stringField(entry, 'spdisplays_device-id')?.toLowerCase() ?? null;
    let id = `macos:${name}`;
    for (let n = 2; devices.some((d) => d.id === id); n++) id = `macos:${name}#${n}`;
    devices.push(
      makeDevice({
        id,
        name,
        vendor,
        vendorId,
        deviceId: deviceId !== null && /^0x[0-9a-f]{4}$/.test(deviceId) ? deviceId : null,
        source: 'macos',
        details: detailsOf(entry),
      }),
    );
  }
  return devices;
}
