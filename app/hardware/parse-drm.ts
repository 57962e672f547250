import type { Device } from './model';
import { makeDevice, normalizePciId, pciVendorName } from './parse-common';

// Linux /sys/class/drm: the caller reads, for each cardN, device/vendor and device/device
// ("0x8086\n"), the basename of the device/driver symlink ("i915") and the renderD* node
// that shares the same device/ directory. This turns those facts into Devices.

export interface DrmEntry {
  card: string;
  vendor: string;
  device: string;
  driver: string | null;
  renderNode: string | null;
}

/** Platform (non-PCI) GPUs on ARM boards have no vendor file; their kernel driver names the maker. */
const PLATFORM_DRIVERS: Readonly<Record<string, string>> = {
  vc4: 'Broadcom',
  'vc4-drm': 'Broadcom',
  v3d: 'Broadcom',
  msm: 'Qualcomm',
  panfrost: 'Arm Mali',
  lima: 'Arm Mali',
  panthor: 'Arm Mali',
  rockchip: 'Rockchip',
  'rockchip-drm': 'Rockchip',
  'tegra-drm': 'NVIDIA',
  asahi: 'Apple',
};

/** A well-formed cardN entry (not a connector such as card0-HDMI-A-1, not renderD128). */
function isCard(value: unknown): value is DrmEntry {
  if (typeof value !== 'object' || value === null) return false;
  const card = (value as Record<string, unknown>)['card'];
  return typeof card === 'string' && /^card\d+$/.test(card);
}

function cardNumber(card: string): number {
  return Number(/^card(\d+)$/.exec(card)?.[1] ?? Number.NaN);
}

/** One Device per cardN (connector entries such as card0-HDMI-A-1 are skipped), in card order. */
export function devicesFromDrm(entries: readonly DrmEntry[]): Device[] {
  if (!Array.isArray(entries)) return [];
  const devices: Device[] = [];
  const cards = (entries as readonly unknown[])
    .filter(isCard)
    .sort((a, b) => cardNumber(a.card) - cardNumber(b.card));
  for (const entry of cards) {
    if (devices.some((d) => d.id === `drm:${entry.card}`)) continue;
    const vendorId = normalizePciId(entry.vendor);
    const deviceId = normalizePciId(entry.device);
    const driver =
      typeof entry.driver === 'string' && entry.driver.trim() !== '' ? entry.driver.trim() : null;
    const vendor =
      vendorId !== null
        ? pciVendorName(vendorId)
        : ((driver !== null ? PLATFORM_DRIVERS[driver] : undefined) ?? 'Unknown');
    const renderNode =
      typeof entry.renderNode === 'string' && entry.renderNode.trim() !== ''
        ? entry.renderNode.trim()
        : null;
    const details: string[] = [];
    if (vendorId !== null && deviceId !== null)
      details.push(`PCI ${vendorId.slice(2)}:${deviceId.slice(2)}`);
    if (renderNode === null) details.push('no render node (display only; cannot encode or decode)');
    devices.push(
      makeDevice({
        id: `drm:${entry.card}`,
        name: deviceId !== null ? `${vendor} GPU ${deviceId}` : `${vendor} GPU (${entry.card})`,
        vendor,
        vendorId,
        deviceId,
        driver,
        renderNode,
        source: 'drm',
        details,
      }),
    );
  }
  return devices;
}
