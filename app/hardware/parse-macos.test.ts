import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures/fixtures';
import { DeviceSchema } from './model';
import { parseMacDisplays } from './parse-macos';

describe('parseMacDisplays', () => {
  it('reads Apple silicon (recorded M1 Pro with three displays attached)', () => {
    expect(parseMacDisplays(readFixture('hardware/macos-m1-pro.json.txt'))).toEqual([
      {
        id: 'macos:Apple M1 Pro',
        name: 'Apple M1 Pro',
        vendor: 'Apple',
        vendorId: '0x106b',
        deviceId: null,
        driver: null,
        driverVersion: null,
        renderNode: null,
        source: 'macos',
        details: ['16 GPU cores', 'Metal 3', 'built in'],
      },
    ]);
  });

  // Hand-made from the key names of real Intel-Mac output: no full real recording of an
  // Intel Mac in JSON form was found (see test/fixtures/hardware/README.md).
  const intelMac = JSON.stringify({
    SPDisplaysDataType: [
      {
        _name: 'kHW_IntelUHDGraphics630Item',
        'spdisplays_device-id': '0x3e9b',
        spdisplays_vendor: 'sppci_vendor_intel',
        spdisplays_vram_shared: '1536 MB',
        sppci_bus: 'spdisplays_builtin',
        sppci_model: 'Intel UHD Graphics 630',
      },
      {
        _name: 'AMD Radeon Pro 5500M',
        'spdisplays_device-id': '0x7340',
        spdisplays_vendor: 'sppci_vendor_amd',
        spdisplays_vram: '4 GB',
        sppci_bus: 'spdisplays_pcie_device',
        sppci_model: 'AMD Radeon Pro 5500M',
      },
    ],
  });

  it.each([
    [
      'Intel iGPU of an Intel Mac',
      0,
      {
        name: 'Intel UHD Graphics 630',
        vendor: 'Intel',
        vendorId: '0x8086',
        deviceId: '0x3e9b',
        details: ['1536 MB shared video memory', 'built in'],
      },
    ],
    [
      'AMD dGPU of an Intel Mac',
      1,
      {
        name: 'AMD Radeon Pro 5500M',
        vendor: 'AMD',
        vendorId: '0x1002',
        deviceId: '0x7340',
        details: ['4 GB video memory', 'PCIe'],
      },
    ],
  ])('%s', (_label, index, expected) => {
    const device = parseMacDisplays(intelMac)[index];
    expect(device).toMatchObject(expected);
    expect(DeviceSchema.parse(device)).toEqual(device);
  });

  it.each([
    [
      'older text vendor "AMD (0x1002)"',
      {
        _name: 'Radeon Pro Vega 64',
        spdisplays_vendor: 'AMD (0x1002)',
        sppci_model: 'Radeon Pro Vega 64',
      },
      { vendor: 'AMD', vendorId: '0x1002' },
    ],
    [
      'only a kHW_ key for a name',
      { _name: 'kHW_AppleM1Item', spdisplays_vendor: 'sppci_vendor_Apple' },
      { name: 'kHW_AppleM1Item', vendor: 'Apple' },
    ],
  ])('%s', (_label, entry, expected) => {
    expect(parseMacDisplays(JSON.stringify({ SPDisplaysDataType: [entry] }))[0]).toMatchObject(
      expected,
    );
  });

  it('keeps two identical GPUs apart', () => {
    const gpu = { sppci_model: 'AMD Radeon Pro W6800X Duo', spdisplays_vendor: 'sppci_vendor_amd' };
    expect(
      parseMacDisplays(JSON.stringify({ SPDisplaysDataType: [gpu, gpu] })).map((d) => d.id),
    ).toEqual(['macos:AMD Radeon Pro W6800X Duo', 'macos:AMD Radeon Pro W6800X Duo#2']);
  });

  it.each([
    '',
    '{}',
    '[]',
    'null',
    '{"SPDisplaysDataType":{}}',
    '{"SPDisplaysDataType":[1,"x",null,{}]}',
    'system_profiler: error',
  ])('lists nothing for %j', (text) => {
    expect(parseMacDisplays(text)).toEqual([]);
  });
});
