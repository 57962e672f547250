import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyTest } from './classify';
import { BackendSchema } from './model';

// Table tests on the full ffmpeg output of real hardware tests (test/fixtures/hw-tests).

const dir = path.resolve(import.meta.dirname, '../../test/fixtures/hw-tests');
interface Recorded {
  backend: string;
  direction: 'encode' | 'decode';
  exitCode: number | null;
  stderr: string;
}
const load = (name: string): Recorded =>
  JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Recorded;
const verdict = (name: string) => {
  const r = load(name);
  return classifyTest(BackendSchema.parse(r.backend), r.direction, {
    exitCode: r.exitCode,
    timedOut: false,
    stderr: r.stderr,
    timeLimitMs: 8000,
  });
};

describe('classifyTest on recorded outputs', () => {
  it.each([
    [
      'h100-nvidia-h264-encode.json',
      'unavailable',
      /no video encoder \(NVENC\)/,
      /OpenEncodeSessionEx failed: unsupported device/,
    ],
    [
      'h100-nvidia-hevc-encode.json',
      'unavailable',
      /no video encoder \(NVENC\)/,
      /OpenEncodeSessionEx/,
    ],
    ['h100-nvidia-h264-decode.json', 'available', /one-frame decode .* worked/, null],
    ['h100-nvidia-hevc-decode.json', 'available', /worked/, null],
    ['h100-nvidia-vp9-decode.json', 'available', /worked/, null],
    [
      'h100-nvidia-av1-decode.json',
      'unavailable',
      /cannot decode this codec/,
      /Hardware is lacking required capabilities/,
    ],
    [
      'debian-nogpu-nvidia-h264-encode.json',
      'unavailable',
      /No NVIDIA driver/,
      /Cannot load libcuda\.so\.1/,
    ],
    [
      'debian-nogpu-nvidia-h264-decode.json',
      'unavailable',
      /No NVIDIA driver/,
      /Cannot load libcuda\.so\.1/,
    ],
    ['debian-nogpu-qsv-h264-encode.json', 'unavailable', /No Intel Quick Sync/, /MFX session/],
    ['debian-nogpu-qsv-h264-decode.json', 'unavailable', /No Intel Quick Sync/, /./],
    [
      'debian-nogpu-vaapi-h264-encode.json',
      'unavailable',
      /No VA-API device/,
      /Device creation failed/,
    ],
    ['debian-nogpu-vaapi-hevc-decode.json', 'unavailable', /No VA-API device/, /./],
    [
      'debian-nogpu-v4l2m2m-h264-encode.json',
      'unavailable',
      /No V4L2 memory-to-memory/,
      /Could not find a valid device/,
    ],
  ] as const)('%s → %s', (name, status, reason, line) => {
    const v = verdict(name);
    expect(v.status).toBe(status);
    expect(v.reason).toMatch(reason);
    if (line === null) expect(v.ffmpegLine).toBeNull();
    else expect(v.ffmpegLine).toMatch(line);
  });

  it('every recorded failure gets a specific sentence, never the generic one', () => {
    for (const name of readdirSync(dir).filter(
      (n) => n.endsWith('.json') && n !== 'h100-report.json',
    )) {
      const v = verdict(name);
      if (v.status === 'unavailable') expect(v.reason, name).not.toMatch(/test failed/);
    }
  });

  it('a hung test is reported with its time limit', () => {
    const v = classifyTest('vaapi', 'encode', {
      exitCode: null,
      timedOut: true,
      stderr: '',
      timeLimitMs: 8000,
    });
    expect(v).toEqual({
      status: 'unavailable',
      reason: 'The encode test did not finish within 8 seconds; the driver may be stuck.',
      ffmpegLine: null,
    });
  });
});
