import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { StreamSchema, type ProbeStream } from '../app/media/model';
import { decodeErrors, probeJson, tempDir } from './helpers/media';

// Audio the target codec signals properly: a 5.1(side) source through the CLI into AAC,
// Opus and MP3, checked with ffprobe for the layout, channels and bit rate.

type Summary = { jobs: { status: string; output: string; error: string | null }[] };
/** The first audio track's channels, layout and bit rate, as ffprobe reads them. */
function audioTrack(file: string): ProbeStream {
  return StreamSchema.parse(probeJson(file).streams.find((x) => x.codec_type === 'audio'));
}

let dir = '';
let surround = '';
let aacKeep = '';

beforeAll(() => {
  dir = tempDir('fw-audio-');
  // Noise, so the encoder spends the bit rate it is given.
  surround = path.join(dir, 'surround.mka');
  execFileSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i'],
      'anoisesrc=duration=1:color=pink:sample_rate=48000,aformat=channel_layouts=5.1(side)',
      ...['-c:a', 'flac', surround],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  aacKeep = path.join(dir, 'aac-keep.json');
  writeFileSync(
    aacKeep,
    JSON.stringify({
      id: 'aac-keep',
      name: 'AAC keep',
      container: 'ipod',
      extension: '.m4a',
      video: 'none',
      audio: { codec: 'aac', bitrateKbps: 64, mixdown: 'keep' },
    }),
  );
});

async function convert(presetId: string): Promise<ProbeStream & { output: string }> {
  const result = await runCli([
    'convert',
    surround,
    '--preset',
    presetId,
    '--preset-file',
    aacKeep,
    '--out',
    path.join(dir, `out-${presetId}`),
    '--json',
  ]);
  expect(result.code, result.stderr).toBe(0);
  const [job] = (JSON.parse(result.stdout) as Summary).jobs;
  expect([job?.status, job?.error]).toEqual(['done', null]);
  const output = job?.output ?? '';
  expect(decodeErrors(output)).toBe('');
  return { ...audioTrack(output), output };
}

/** ffprobe's bit rate in kb/s. */
const kbps = (track: ProbeStream): number => Number(track.bit_rate ?? 0) / 1000;

describe('surround audio', () => {
  it('5.1(side) into AAC is declared 5.1, at three times the stereo rate', async () => {
    const track = await convert('aac-keep');
    expect([track.channels, track.channel_layout]).toEqual([6, '5.1']);
    expect(kbps(track)).toBeGreaterThan(192 * 0.85);
    expect(kbps(track)).toBeLessThan(192 * 1.15);
  });

  it('a stereo-mixdown preset gives two channels at its stereo rate', async () => {
    const track = await convert('aac-m4a');
    expect([track.channels, track.channel_layout]).toEqual([2, 'stereo']);
    expect(kbps(track)).toBeGreaterThan(192 * 0.85);
    expect(kbps(track)).toBeLessThan(192 * 1.15);
  });

  it.each([
    ['opus', 6, '5.1'],
    ['mp3', 2, 'stereo'],
  ] as const)('%s still converts 5.1(side): %i channels, %s', async (id, channels, layout) => {
    const track = await convert(id);
    expect([track.channels, track.channel_layout]).toEqual([channels, layout]);
  });
});
