import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures/fixtures';
import { DeviceSchema } from './model';
import { parsePnpDeviceId, parseWindowsVideoControllers } from './parse-windows';

// Real ConvertTo-Json output (sources in test/fixtures/hardware/README.md).
const read = (name: string): string => readFixture(`hardware/${name}`);

describe('parseWindowsVideoControllers', () => {
  it('reads one controller printed as a bare object, with & written as \\u0026', () => {
    expect(parseWindowsVideoControllers(read('windows-rtx3070-single.json.txt'))).toEqual([
      {
        id: 'windows:PCI\\VEN_10DE&DEV_2484&SUBSYS_88D9103C&REV_A1\\4&32396228&0&0009',
        name: 'NVIDIA GeForce RTX 3070',
        vendor: 'NVIDIA',
        vendorId: '0x10de',
        deviceId: '0x2484',
        driver: null,
        driverVersion: null,
        renderNode: null,
        source: 'windows',
        details: [],
      },
    ]);
  });

  it('reads several controllers printed as an array', () => {
    const devices = parseWindowsVideoControllers(read('windows-hybrid-array.json.txt'));
    expect(devices.map((d) => [d.name, d.vendor, d.vendorId, d.deviceId])).toEqual([
      ['Intel(R) UHD Graphics 770', 'Intel', '0x8086', '0xa780'],
      ['NVIDIA GeForce RTX 4060 Laptop GPU', 'NVIDIA', '0x10de', '0x28a0'],
    ]);
    for (const d of devices) expect(DeviceSchema.parse(d)).toEqual(d);
  });

  it('falls back to AdapterCompatibility when there is no PNP id', () => {
    expect(parseWindowsVideoControllers(read('windows-iris-xe-single.json.txt'))).toMatchObject([
      {
        id: 'windows:0:Intel(R) Iris(R) Xe Graphics',
        name: 'Intel(R) Iris(R) Xe Graphics',
        vendor: 'Intel',
        vendorId: '0x8086',
        deviceId: null,
      },
    ]);
  });

  it.each([
    [
      'the full query, CRLF and a BOM',
      '\uFEFF{\r\n    "Name":  "AMD Radeon RX 7800 XT",\r\n    "AdapterCompatibility":  "Advanced Micro Devices, Inc.",\r\n    "DriverVersion":  "31.0.24027.1012",\r\n    "PNPDeviceID":  "PCI\\\\VEN_1002\\u0026DEV_747E\\u0026SUBSYS_E3211DA2\\u0026REV_C8\\\\6\\u00261A2B3C4D\\u00260\\u00260008"\r\n}\r\n',
      {
        vendor: 'AMD',
        vendorId: '0x1002',
        deviceId: '0x747e',
        driverVersion: '31.0.24027.1012',
        details: [],
      },
    ],
    [
      "Microsoft's software renderer",
      '{"Name":"Microsoft Basic Render Driver","AdapterCompatibility":"(Standard display types)","DriverVersion":"10.0.22621.1","PNPDeviceID":"ROOT\\\\BASICRENDER\\\\0000"}',
      {
        vendor: 'Microsoft',
        vendorId: '0x1414',
        deviceId: null,
        details: ['software renderer (no GPU video engine)'],
      },
    ],
    [
      'a virtual display adapter',
      '{"Name":"Parsec Virtual Display Adapter","AdapterCompatibility":"Parsec Cloud, Inc.","PNPDeviceID":"ROOT\\\\DISPLAY\\\\0000"}',
      { vendor: 'Parsec Cloud, Inc.', vendorId: null, details: ['virtual display adapter'] },
    ],
    [
      'a warning printed before the JSON',
      'WARNING: something\n{"Name":"NVIDIA GeForce RTX 3060","PNPDeviceID":"PCI\\\\VEN_10DE&DEV_2504"}',
      { vendor: 'NVIDIA', deviceId: '0x2504' },
    ],
  ])('%s', (_label, json, expected) => {
    const [device] = parseWindowsVideoControllers(json);
    expect(device).toMatchObject(expected);
    expect(DeviceSchema.parse(device)).toEqual(device);
  });

  it.each([
    '',
    '[]',
    'null',
    '42',
    '"text"',
    'Get-CimInstance : Access denied',
    '[{"Name":null},{}]',
  ])('lists nothing for %j', (text) => {
    expect(parseWindowsVideoControllers(text)).toEqual([]);
  });
});

describe('parsePnpDeviceId', () => {
  it.each([
    ['PCI\\VEN_10de&DEV_2484', '0x10de', '0x2484'],
    ['PCI\\VEN_8086', '0x8086', null],
    ['ROOT\\BASICRENDER\\0000', null, null],
    ['SWD\\VEN_10DE&DEV_2484', null, null],
    [null, null, null],
  ])('%j', (pnp, vendorId, deviceId) => {
    expect(parsePnpDeviceId(pnp)).toEqual({ vendorId, deviceId });
  });
});
