import { describe, expect, it } from 'vitest';
import { DeviceSchema } from './model';
import { devicesFromDrm, type DrmEntry } from './parse-drm';

const entry = (
  card: string,
  vendor: string,
  device: string,
  driver: string | null,
  renderNode: string | null,
): DrmEntry => ({
  card,
  vendor,
  device,
  driver,
  renderNode,
});

describe('devicesFromDrm', () => {
  it.each([
    [
      'Intel Arc (sysfs values end in a newline)',
      entry('card0', '0x8086\n', '0x56a0\n', 'i915', '/dev/dri/renderD128'),
      'Intel',
      '0x8086',
      '0x56a0',
      'i915',
    ],
    [
      'NVIDIA',
      entry('card1', '0x10de', '0x2330', 'nvidia', '/dev/dri/renderD129'),
      'NVIDIA',
      '0x10de',
      '0x2330',
      'nvidia',
    ],
    [
      'AMD',
      entry('card0', '0x1002', '0x744c', 'amdgpu', '/dev/dri/renderD128'),
      'AMD',
      '0x1002',
      '0x744c',
      'amdgpu',
    ],
    [
      'virtio-gpu in a VM',
      entry('card0', '0x1af4', '0x1050', 'virtio-pci', '/dev/dri/renderD128'),
      'virtio (virtual GPU)',
      '0x1af4',
      '0x1050',
      'virtio-pci',
    ],
    [
      'QEMU standard VGA',
      entry('card0', '0x1234', '0x1111', 'bochs-drm', null),
      'QEMU',
      '0x1234',
      '0x1111',
      'bochs-drm',
    ],
    [
      'VMware SVGA',
      entry('card0', '0x15ad', '0x0405', 'vmwgfx', '/dev/dri/renderD128'),
      'VMware',
      '0x15ad',
      '0x0405',
      'vmwgfx',
    ],
    [
      'Qualcomm',
      entry('card0', '0x5143', '0x0001', 'msm', '/dev/dri/renderD128'),
      'Qualcomm',
      '0x5143',
      '0x0001',
      'msm',
    ],
    [
      'Broadcom',
      entry('card0', '0x14e4', '0x0001', 'v3d', '/dev/dri/renderD128'),
      'Broadcom',
      '0x14e4',
      '0x0001',
      'v3d',
    ],
    [
      'Apple',
      entry('card0', '0x106b', '0x0001', 'asahi', '/dev/dri/renderD128'),
      'Apple',
      '0x106b',
      '0x0001',
      'asahi',
    ],
    [
      'an unknown PCI vendor, no 0x',
      entry('card0', '1b36', '0100', 'qxl', null),
      'Unknown vendor (0x1b36)',
      '0x1b36',
      '0x0100',
      'qxl',
    ],
    [
      'a Raspberry Pi platform device (no vendor file)',
      entry('card1', '', '', 'vc4-drm', '/dev/dri/renderD128'),
      'Broadcom',
      null,
      null,
      'vc4-drm',
    ],
  ])('%s', (_label, input, vendor, vendorId, deviceId, driver) => {
    const [device] = devicesFromDrm([input]);
    expect(device).toMatchObject({
      id: `drm:${input.card}`,
      vendor,
      vendorId,
      deviceId,
      driver,
      renderNode: input.renderNode,
      source: 'drm',
    });
    expect(DeviceSchema.parse(device)).toEqual(device);
  });

  it('names the device and says when a card has no render node', () => {
    expect(devicesFromDrm([entry('card0', '0x1234', '0x1111', 'bochs-drm', null)])).toEqual([
      {
        id: 'drm:card0',
        name: 'QEMU GPU 0x1111',
        vendor: 'QEMU',
        vendorId: '0x1234',
        deviceId: '0x1111',
        driver: 'bochs-drm',
        driverVersion: null,
        renderNode: null,
        source: 'drm',
        details: ['PCI 1234:1111', 'no render node (display only; cannot encode or decode)'],
      },
    ]);
  });

  it('skips connectors and other names, orders by card number, drops duplicates', () => {
    const devices = devicesFromDrm([
      entry('card10', '0x10de', '0x2330', 'nvidia', '/dev/dri/renderD138'),
      entry('card0-HDMI-A-1', '0x8086', '0x56a0', 'i915', null),
      entry('renderD128', '0x8086', '0x56a0', 'i915', null),
      entry('card2', '0x8086', '0x56a0', 'i915', '/dev/dri/renderD128'),
      entry('card2', '0x8086', '0x56a0', 'i915', '/dev/dri/renderD128'),
      entry('version', '', '', null, null),
    ]);
    expect(devices.map((d) => d.id)).toEqual(['drm:card2', 'drm:card10']);
  });
});
