import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HardwareReportSchema, type HardwareReport } from './model';
import { hardwareVideoArgs, pickEncoder } from './encoder-args';
import type { VideoSettings } from '../presets/schema';

const h100 = HardwareReportSchema.parse(
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../test/fixtures/hw-tests/h100-report.json'),
      'utf8',
    ),
  ),
);
const x264: VideoSettings = { codec: 'libx264', crf: 23, extraArgs: [] };

/** The H100 report with NVENC H.264 marked available, as on a GPU that has an encoder. */
function withNvenc(report: HardwareReport): HardwareReport {
  return {
    ...report,
    cells: report.cells.map((c) =>
      c.backend === 'nvidia' && c.codec === 'h264' && c.direction === 'encode'
        ? { ...c, status: 'available' as const, reason: 'worked' }
        : c,
    ),
  };
}

describe('pickEncoder', () => {
  it('off is software without a note', () => {
    expect(pickEncoder(x264, 'off', h100, 'linux')).toEqual({ kind: 'software', reason: null });
  });

  it('auto on the H100 falls to software, naming NVENC and why', () => {
    const pick = pickEncoder(x264, 'auto', h100, 'linux');
    expect(pick.kind).toBe('software');
    expect(pick.kind === 'software' ? pick.reason : '').toMatch(
      /^No hardware H\.264 encoder works on this machine \(NVIDIA NVENC \/ NVDEC \(CUDA\): This NVIDIA GPU has no video encoder \(NVENC\)\..*\); encoded in software\.$/,
    );
  });

  it('auto picks a tested encoder when one works', () => {
    expect(pickEncoder(x264, 'auto', withNvenc(h100), 'linux')).toEqual({
      kind: 'hardware',
      choice: { backend: 'nvidia', encoder: 'h264_nvenc' },
    });
  });

  it('a named backend that is not available says so', () => {
    const pick = pickEncoder(x264, 'vaapi', h100, 'linux');
    expect(pick.kind === 'software' ? pick.reason : '').toMatch(
      /^VA-API \(Intel, AMD\) cannot encode H\.264 here/,
    );
  });

  it('VP8 has no hardware encoder; untested hardware is software', () => {
    expect(pickEncoder({ ...x264, codec: 'libvpx' }, 'auto', h100, 'linux')).toMatchObject({
      kind: 'software',
    });
    expect(pickEncoder(x264, 'auto', null, 'linux')).toEqual({
      kind: 'software',
      reason: 'Hardware was not tested yet; encoded in software.',
    });
  });
});

describe('hardwareVideoArgs', () => {
  it.each([
    [
      'nvidia',
      'h264_nvenc',
      [
        '-c:v',
        'h264_nvenc',
        '-preset',
        'p5',
        '-rc',
        'vbr',
        '-cq',
        '23',
        '-b:v',
        '0',
        '-pix_fmt',
        'yuv420p',
      ],
    ],
    ['qsv', 'hevc_qsv', ['-c:v', 'hevc_qsv', '-global_quality', '23', '-pix_fmt', 'nv12']],
    ['vaapi', 'h264_vaapi', ['-c:v', 'h264_vaapi', '-qp', '23']],
  ] as const)('%s keeps the quality intent', (backend, encoder, codec) => {
    expect(hardwareVideoArgs({ backend, encoder }, x264).codec).toEqual(codec);
  });

  it('VA-API uploads frames to the device', () => {
    expect(hardwareVideoArgs({ backend: 'vaapi', encoder: 'h264_vaapi' }, x264)).toMatchObject({
      global: ['-init_hw_device', 'vaapi=hw', '-filter_hw_device', 'hw'],
      filters: ['format=nv12', 'hwupload'],
    });
  });
});
