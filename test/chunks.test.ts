import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationKey } from '../main/engine/chunk-calibration';
import { runCli, startCli } from './helpers/cli';
import { makeClip, probeJson, tempDir, tempLeftovers } from './helpers/media';
import { eventually, processesInGroup, processesMentioning } from './helpers/processes';

// One file encoded in parallel chunks, joined by stream copy: the same frames at the same
// times as one pass, clean to decode, and of the same quality and size.

interface Summary {
  jobs: { status: string; output: string | null; warnings: string[]; chunks?: number }[];
}

interface Event {
  type: string;
  job?: { status: string; output: string | null; chunks?: number };
  timeSec?: number[];
}

function preset(dir: string, video: object): string {
  const file = path.join(dir, 'chunky.json');
  const fields = { id: 'chunky', name: 'chunky', container: 'matroska', extension: '.mkv' };
  writeFileSync(file, JSON.stringify({ ...fields, video, audio: { codec: 'aac' } }));
  return file;
}

const X264 = { codec: 'libx264', crf: 26, speed: 'veryfast' } as const;

function convertArgs(clip: string, presetFile: string, out: string, chunks: string): string[] {
  const args = ['convert', clip, '--preset', 'chunky', '--preset-file', presetFile];
  return [...args, '--out', out, '--chunks', chunks];
}

async function convert(
  clip: string,
  presetFile: string,
  out: string,
  chunks: string,
): Promise<{ output: string; chunks: number | undefined; warnings: string[] }> {
  const result = await runCli([...convertArgs(clip, presetFile, out, chunks), '--json']);
  expect(result.code, result.stderr).toBe(0);
  const job = (JSON.parse(result.stdout) as Summary).jobs[0];
  expect(job?.status).toBe('done');
  expect(tempLeftovers(out)).toEqual([]);
  return { output: job?.output ?? '', chunks: job?.chunks, warnings: job?.warnings ?? [] };
}

/**
 * Every video frame's presentation time in seconds from the first frame, to the microsecond.
 * (A Matroska output with AAC starts its video later by the encoder's priming, one pass or not.)
 */
function frameTimes(file: string): number[] {
  const entries = ['-show_entries', 'frame=pts_time', '-of', 'csv=p=0'];
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', ...entries, file], {
    encoding: 'utf8',
  });
  const times = out
    .split('\n')
    .map((line) => Number.parseFloat(line))
    .filter((t) => Number.isFinite(t));
  return times.map((t) => Math.round((t - (times[0] ?? 0)) * 1e6) / 1e6);
}

/** Decodes everything; '' when clean. The null output keeps the file's time base, so a variable frame rate is no error. */
function decodeErrors(file: string): string {
  const args = ['-hide_banner', '-v', 'error', '-nostdin', '-i', `file:${file}`];
  return execFileSync('ffmpeg', [...args, '-enc_time_base', '-1', '-f', 'null', '-'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** SSIM (all planes) of `file` against `reference`, frame by frame from each one's first. */
function ssim(file: string, reference: string): number {
  const args = ['-hide_banner', '-nostdin', '-i', file, '-i', reference];
  const run = spawnSync(
    'ffmpeg',
    [
      ...args,
      '-lavfi',
      '[0:v]setpts=PTS-STARTPTS[a];[1:v]setpts=PTS-STARTPTS[b];[a][b]ssim',
      '-f',
      'null',
      '-',
    ],
    {
      encoding: 'utf8',
    },
  );
  return Number(/SSIM .* All:([\d.]+)/.exec(run.stderr)?.[1] ?? NaN);
}

/** 25 fps then 30 fps in one Matroska file (millisecond timestamps), with audio. */
function makeVariableRateClip(file: string): string {
  const source = (rate: number) => [
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=320x240:rate=${rate}:duration=3`,
  ];
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-nostdin', '-y', ...source(25), ...source(30)],
    ...[
      '-f',
      'lavfi',
      '-i',
      'sine=duration=6',
      '-filter_complex',
      '[0:v][1:v]concat=n=2:v=1:a=0[v]',
    ],
    ...['-map', '[v]', '-map', '2:a', '-c:a', 'aac', '-fps_mode', 'passthrough'],
    ...['-enc_time_base', '1:1000', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30'],
    ...['-pix_fmt', 'yuv420p', `file:${file}`],
  ]);
  return file;
}

describe('chunks', () => {
  it("a constant-rate 540p clip in 2 chunks: the one pass's frames and times, its quality and size", async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'cfr.mkv'), {
      seconds: 4,
      size: '960x540',
      codec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '14', '-g', '25'],
    });
    const file = preset(dir, X264);
    const one = await convert(clip, file, path.join(dir, 'one'), 'off');
    const chunked = await convert(clip, file, path.join(dir, 'two'), '2');
    expect(one.chunks).toBe(1);
    expect(chunked.chunks).toBe(2);
    expect(chunked.warnings).toContain(
      'The video was encoded in 2 chunks in parallel, then joined.',
    );
    const times = frameTimes(chunked.output);
    expect(times).toHaveLength(100);
    expect(times).toEqual(frameTimes(one.output));
    expect(decodeErrors(chunked.output)).toBe('');
    // Quality parity: SSIM against the source within 0.002, size within 3%.
    expect(Math.abs(ssim(chunked.output, clip) - ssim(one.output, clip))).toBeLessThan(0.002);
    const ratio = statSync(chunked.output).size / statSync(one.output).size;
    expect(Math.abs(ratio - 1)).toBeLessThan(0.03);
    expect(probeJson(chunked.output).streams.map((s) => s.codec_type)).toEqual(['video', 'audio']);
  });

  it('a variable-rate clip in 3 chunks keeps every frame at its source time, and --dry-run shows the chunks', async () => {
    const dir = tempDir();
    const clip = makeVariableRateClip(path.join(dir, 'vfr.mkv'));
    const file = preset(dir, { codec: 'libx264', crf: 28, speed: 'ultrafast' });
    const dry = await runCli([
      ...convertArgs(clip, file, path.join(dir, 'out'), '3'),
      '--dry-run',
      '--json',
    ]);
    const plan = (
      JSON.parse(dry.stdout) as { plans: { commands: string[][]; warnings: string[] }[] }
    ).plans[0];
    expect(plan?.commands).toHaveLength(4);
    for (const command of plan?.commands.slice(0, 3) ?? [])
      expect(command.join(' ')).toMatch(/-copyts .*select=.*-enc_time_base -1/);
    expect(plan?.commands[3]?.join(' ')).toMatch(/-f concat -i file:.*chunks\.ffconcat/);
    expect(plan?.warnings).toContain('The video was encoded in 3 chunks in parallel, then joined.');

    const run = await runCli([
      ...convertArgs(clip, file, path.join(dir, 'out'), '3'),
      '--events',
      'ndjson',
    ]);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Event);
    const job = events.findLast((e) => e.type === 'job')?.job;
    expect(job?.status).toBe('done');
    expect(job?.chunks).toBe(3);
    const one = await convert(clip, file, path.join(dir, 'one'), '1');
    const source = frameTimes(clip);
    expect(source).toHaveLength(165);
    // One pass rounds times to the nominal rate's grid; the chunks keep the source's own.
    expect(frameTimes(one.output)).toHaveLength(165);
    expect(frameTimes(job?.output ?? '')).toEqual(source);
    expect(decodeErrors(job?.output ?? '')).toBe('');
    // The chunks' frame statistics, on one clock from the first frame: every source frame once.
    const charted = events.flatMap((e) => (e.type === 'frame-stats' ? (e.timeSec ?? []) : []));
    const sorted = charted.sort((a, b) => a - b).map((t) => Math.round(t * 1000) / 1000);
    expect(sorted).toEqual(source.map((t) => Math.round(t * 1000) / 1000));
  });

  it('--chunks auto plans the count measured on this machine for a long file, one pass for a short one', async () => {
    const dir = tempDir();
    // The measurement, as if taken before (tests never measure): 2 chunks pay for this encoder.
    const cache = path.join(dir, 'cache');
    mkdirSync(path.join(cache, 'framewright'), { recursive: true });
    const key = calibrationKey({ ...X264, extraArgs: [] });
    const measured = { [key]: { best: 2, speedup: 1.5, tried: { 2: 1.5 } } };
    writeFileSync(path.join(cache, 'framewright', 'chunks.json'), JSON.stringify(measured));
    const file = preset(dir, X264);
    const commands = async (seconds: number): Promise<number> => {
      const clip = makeClip(path.join(dir, `${seconds}.mkv`), { seconds, audio: false });
      const args = [
        ...convertArgs(clip, file, path.join(dir, 'out'), 'auto'),
        '--dry-run',
        '--json',
      ];
      const result = await runCli(args, { ...process.env, XDG_CACHE_HOME: cache });
      return (
        (JSON.parse(result.stdout) as { plans: { commands: string[][] }[] }).plans[0]?.commands
          .length ?? 0
      );
    };
    expect(await commands(31)).toBe(3);
    expect(await commands(3)).toBe(1);
  });

  it('a cancel while the chunks encode leaves no output, no parts folder and no ffmpeg', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'long.mkv'), {
      seconds: 6,
      size: '320x240',
      codec: ['-c:v', 'mpeg4', '-q:v', '5'],
    });
    const out = path.join(dir, 'out');
    const run = startCli([
      ...convertArgs(clip, preset(dir, { codec: 'libx265', crf: 28, speed: 'slower' }), out, '2'),
      '--events',
      'ndjson',
    ]);
    await run.waitForEvent((e) => e.type === 'progress');
    expect(readdirSync(out).some((name) => name.endsWith('.parts'))).toBe(true);
    expect(processesMentioning(dir).some((p) => p.cmdline.includes('chunk-0000'))).toBe(true);
    const pid = run.child.pid ?? 0;
    process.kill(pid, 'SIGINT');
    expect((await run.done).code).toBe(130);
    expect(
      await eventually(
        () => processesMentioning(dir).length === 0 && processesInGroup(pid).length === 0,
        3000,
      ),
    ).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });
});
