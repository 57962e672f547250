import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures/fixtures';
import { DeviceSchema } from './model';
import { nvidiaSmiNote, parseNvidiaSmi } from './parse-nvidia';

// The H100 line was recorded on the lent machine (see test/fixtures/hardware/README.md).
const h100 = readFixture('hardware/nvidia-smi-h100.csv');

// The message nvidia-smi prints when the kernel driver is missing or not loaded.
const NO_DRIVER =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n";
const MISMATCH =
  'Failed to initialize NVML: Driver/library version mismatch\nNVML library version: 580.159\n';

describe('parseNvidiaSmi', () => {
  it('reads the recorded H100 line', () => {
    expect(parseNvidiaSmi(h100)).toEqual([
      {
        id: 'nvidia:00000000:00:06.0',
        name: 'NVIDIA H100 80GB HBM3',
        vendor: 'NVIDIA',
        vendorId: '0x10de',
        deviceId: null,
        driver: 'nvidia',
        driverVersion: '580.159.04',
        renderNode: null,
        source: 'nvidia-smi',
        details: ['80 GB memory'],
      },
    ]);
  });

  it.each([
    [
      'two GPUs, CRLF',
      '0, NVIDIA GeForce RTX 4090, 00000000:01:00.0, 550.54.14, 24564 MiB\r\n1, NVIDIA RTX A2000, 00000000:02:00.0, 550.54.14, 6138 MiB\r\n',
      ['NVIDIA GeForce RTX 4090', 'NVIDIA RTX A2000'],
      ['24 GB memory', '6 GB memory'],
    ],
    [
      'memory not reported',
      '0, NVIDIA Jetson, 00000000:00:00.0, 540.3.0, [N/A]',
      ['NVIDIA Jetson'],
      [],
    ],
    [
      'a name holding a comma',
      '0, Odd, Name, 00000000:03:00.0, 1.0, 512 MiB',
      ['Odd, Name'],
      ['512 MB memory'],
    ],
  ])('%s', (_label, csv, names, memory) => {
    const devices = parseNvidiaSmi(csv);
    expect(devices.map((d) => d.name)).toEqual(names);
    expect(devices.flatMap((d) => d.details)).toEqual(memory);
    for (const d of devices) expect(DeviceSchema.parse(d)).toEqual(d);
  });

  it.each([
    ['no driver', NO_DRIVER],
    ['library mismatch', MISMATCH],
    ['no devices', 'No devices were found\n'],
    ['empty', ''],
    ['a header line', 'index, name, pci.bus_id, driver_version, memory.total [MiB]'],
    ['wrong bus id', '0, GPU, not-a-bus, 1.0, 1 MiB'],
  ])('lists nothing for %s', (_label, text) => {
    expect(parseNvidiaSmi(text)).toEqual([]);
  });
});

describe('nvidiaSmiNote', () => {
  it.each([
    [
      'no driver',
      NO_DRIVER,
      /could not talk to the NVIDIA driver.*"NVIDIA-SMI has failed because it couldn't communicate/,
    ],
    [
      'library mismatch',
      MISMATCH,
      /different versions.*"Failed to initialize NVML: Driver\/library version mismatch"/,
    ],
    ['no devices', 'No devices were found', /found no NVIDIA GPU/],
    ['anything else', 'Segmentation fault', /listed no GPU \(nvidia-smi: "Segmentation fault"\)/],
  ])('explains %s', (_label, text, expected) => {
    expect(nvidiaSmiNote(text)).toMatch(expected);
  });

  it('says nothing when GPUs were listed or nothing was printed', () => {
    expect(nvidiaSmiNote(h100)).toBeNull();
    expect(nvidiaSmiNote('')).toBeNull();
  });
});
