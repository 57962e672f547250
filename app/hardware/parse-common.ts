import type { Device } from './model';

// Small helpers shared by the device-discovery parsers (parse-*.ts). Everything here
// is pure: text in, values out, never a throw.

/** PCI vendor ids (lower-case, 0x + 4 hex digits) to the name a person knows. */
export const PCI_VENDORS: Readonly<Record<string, string>> = {
  '0x10de': 'NVIDIA',
  '0x8086': 'Intel',
  '0x1002': 'AMD',
  '0x1af4': 'virtio (virtual GPU)',
  '0x1234': 'QEMU',
  '0x15ad': 'VMware',
  '0x5143': 'Qualcomm',
  '0x14e4': 'Broadcom',
  '0x106b': 'Apple',
  '0x1414': 'Microsoft',
};

/** "0x10DE\n", "10de", " 0x10de " → "0x10de"; anything that is not 1–4 hex digits → null. */
export function normalizePciId(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const hex = raw.trim().toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{1,4}$/.test(hex)) return null;
  return `0x${hex.padStart(4, '0')}`;
}

/** The vendor's name for a normalised PCI id, or a sentence-safe fallback. */
export function pciVendorName(vendorId: string | null): string {
  if (vendorId === null) return 'Unknown';
  return PCI_VENDORS[vendorId] ?? `Unknown vendor (${vendorId})`;
}

/** The PCI id for a vendor name we know ("AMD" → "0x1002"), else null. */
export function pciIdForVendor(vendor: string): string | null {
  for (const [id, name] of Object.entries(PCI_VENDORS)) if (name === vendor) return id;
  return null;
}

/** Guess a vendor from free text (a product or company name); null when nothing matches. */
export function vendorFromText(text: string): string | null {
  if (/\bnvidia\b|geforce|quadro|tesla/i.test(text)) return 'NVIDIA';
  if (/\bamd\b|advanced micro devices|radeon|\bati\b/i.test(text)) return 'AMD';
  if (/\bintel\b/i.test(text)) return 'Intel';
  if (/\bapple\b/i.test(text)) return 'Apple';
  if (/\bmicrosoft\b/i.test(text)) return 'Microsoft';
  if (/\bvmware\b/i.test(text)) return 'VMware';
  if (/\bqualcomm\b|adreno/i.test(text)) return 'Qualcomm';
  return null;
}

/** Split tool output into lines: drops a byte-order mark, accepts CRLF. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** The first non-blank line, trimmed, or null. */
export function firstLine(text: string): string | null {
  return (
    splitLines(text)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? null
  );
}

/**
 * JSON.parse that never throws: accepts a BOM and text printed before the JSON
 * (PowerShell banners, warnings); returns undefined when nothing parses.
 */
export function parseJsonLoose(text: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    const start = trimmed.search(/[[{]/);
    if (start <= 0) return undefined;
    try {
      return JSON.parse(trimmed.slice(start)) as unknown;
    } catch {
      return undefined;
    }
  }
}

/** A property of an unknown value as a non-empty trimmed string, else null. */
export function stringField(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const field = (value as Record<string, unknown>)[key];
  if (typeof field !== 'string') return null;
  const trimmed = field.trim();
  return trimmed === '' ? null : trimmed;
}

/** A Device with the optional facts defaulted, so each parser states only what it knows. */
export function makeDevice(
  fields: Pick<Device, 'id' | 'name' | 'vendor' | 'source'> & Partial<Device>,
): Device {
  return {
    vendorId: null,
    deviceId: null,
    driver: null,
    driverVersion: null,
    renderNode: null,
    details: [],
    ...fields,
  };
}
