import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures/fixtures';
import { DeviceSchema } from './model';
import { parseVainfo, parseVaProfiles } from './parse-vainfo';

// Real vainfo output: two failures recorded on this machine, two successes copied from
// public pages (sources in test/fixtures/hardware/README.md).
const read = (name: string): string => readFixture(`hardware/${name}`);
const NODE = '/dev/dri/renderD128';

describe('parseVainfo on working drivers', () => {
  it.each([
    {
      file: 'vainfo-intel-ihd-raptorlake.txt',
      name: 'Intel(R) Gen Graphics',
      vendor: 'Intel',
      vendorId: '0x8086',
      driver: 'iHD',
      driverVersion: '24.1.0',
      details: [
        'decode: H.264, HEVC, VP9, AV1; encode: H.264, HEVC, VP9',
        'also decodes: MPEG-2, VC-1, VP8, JPEG',
        'VA-API driver: Intel iHD driver for Intel(R) Gen Graphics - 24.1.0 ()',
      ],
    },
    {
      file: 'vainfo-amd-radeonsi-rx7900xtx.txt',
      name: 'Radeon RX 7900 XTX',
      vendor: 'AMD',
      vendorId: '0x1002',
      driver: 'mesa',
      driverVersion: '23.0.0-devel',
      details: [
        'decode: H.264, HEVC, VP9, AV1; encode: H.264, HEVC',
        'also decodes: JPEG',
        'VA-API driver: Mesa Gallium driver 23.0.0-devel for Radeon RX 7900 XTX (gfx1100, LLVM 16.0.0, DRM 3.49, 6.1.1-zen1-1-zen)',
      ],
    },
  ])('$file', ({ file, ...expected }) => {
    const { device, note } = parseVainfo(read(file), NODE);
    expect(note).toBeNull();
    expect(device).toEqual({
      id: `vaapi:${NODE}`,
      deviceId: null,
      renderNode: NODE,
      source: 'vainfo',
      ...expected,
    });
    expect(DeviceSchema.parse(device)).toEqual(device);
  });

  it.each([
    [
      'newer Mesa names its gallium driver first',
      'vainfo: Driver version: Mesa Gallium driver 24.1.7 for AMD Radeon 760M (radeonsi, gfx1103_r1, LLVM 18.1.8, DRM 3.59, 6.11.3-200.fc40.x86_64)',
      { name: 'AMD Radeon 760M', vendor: 'AMD', driver: 'radeonsi', driverVersion: '24.1.7' },
    ],
    [
      'the old Intel i965 driver',
      'vainfo: Driver version: Intel i965 driver for Intel(R) Kaby Lake - 2.4.0',
      { name: 'Intel(R) Kaby Lake', vendor: 'Intel', driver: 'i965', driverVersion: '2.4.0' },
    ],
    [
      'a driver it does not know',
      'vainfo: Driver version: VA-API NVDEC driver [direct backend]',
      {
        name: 'VA-API NVDEC driver [direct backend]',
        vendor: 'Unknown',
        driver: null,
        driverVersion: null,
      },
    ],
  ])('%s', (_label, line, expected) => {
    expect(
      parseVainfo(`${line}\nvainfo: Supported profile and entrypoints\n`, null).device,
    ).toMatchObject({
      ...expected,
      id: 'vaapi:default',
      details: [
        'decode: none; encode: none',
        `VA-API driver: ${line.slice('vainfo: Driver version: '.length)}`,
      ],
    });
  });
});

describe('parseVainfo on failures', () => {
  it.each([
    [
      'no such node (recorded here)',
      read('vainfo-no-device.txt'),
      /renderD128 does not exist or this user cannot open it.*"Failed to open the given device!"/,
    ],
    [
      'not a DRM device (recorded here)',
      read('vainfo-not-drm.txt'),
      /is not a DRM device libva can use \(vainfo: "Failed to a DRM display for the given device"\)/,
    ],
    [
      'no driver installed',
      'libva info: VA-API version 1.16.0\nlibva info: va_openDriver() returns -1\nvaInitialize failed with error code -1 (unknown libva error),exit\n',
      /no VA-API driver is installed.*"vaInitialize failed with error code -1/,
    ],
    [
      'a driver that fails to start',
      'libva error: /usr/lib/dri/iHD_drv_video.so init failed\nvaInitialize failed with error code 1 (operation failed),exit\n',
      /failed to start \(vainfo: "libva error: \/usr\/lib\/dri\/iHD_drv_video.so init failed"\)/,
    ],
    ['nothing at all', '', /vainfo printed nothing/],
  ])('%s', (_label, text, expected) => {
    const { device, note } = parseVainfo(text, NODE);
    expect(device).toBeNull();
    expect(note).toMatch(expected);
  });
});

describe('parseVaProfiles', () => {
  it('counts the low-power EncSliceLP entry point as encoding (Intel VP9)', () => {
    expect(
      parseVaProfiles('      VAProfileVP9Profile0            :\tVAEntrypointEncSliceLP\n'),
    ).toEqual({ decode: [], encode: ['vp9'], otherDecode: [] });
  });

  it('ignores JPEG EncPicture, FEI, Stats and VideoProc', () => {
    const text = [
      'VAProfileJPEGBaseline : VAEntrypointEncPicture',
      'VAProfileH264Main : VAEntrypointFEI',
      'VAProfileNone : VAEntrypointVideoProc',
      'VAProfileNone : VAEntrypointStats',
    ].join('\n');
    expect(parseVaProfiles(text)).toEqual({ decode: [], encode: [], otherDecode: [] });
  });
});
