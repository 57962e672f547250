import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { makeClip, tempDir } from './helpers/media';

interface LogLine {
  kind: string;
  msg: string;
  job?: string;
  command?: string;
  exit?: number | null;
  signal?: string | null;
  end?: string;
}

function readLog(file: string): LogLine[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogLine);
}

describe('the CLI log', () => {
  it("records each convert's ffmpeg command and exit under its job id, and doctor names the folder", async () => {
    const dir = tempDir('fw-log-convert-');
    const logs = path.join(dir, 'logs');
    const env = { ...process.env, FRAMEWRIGHT_LOG_DIR: logs };
    const good = makeClip(path.join(dir, 'good.mp4'));
    const silent = makeClip(path.join(dir, 'silent.mp4'), { audio: false });
    const out = path.join(dir, 'out');

    // An audio-only preset: the file with audio converts, on the silent one ffmpeg fails.
    const converted = await runCli(
      ['convert', good, silent, '--preset', 'aac-m4a', '--out', out],
      env,
    );
    expect(converted.code).toBe(1);

    const lines = readLog(path.join(logs, 'cli.log'));
    expect(lines.every((line) => line.kind === 'cli')).toBe(true);
    const commands = lines.filter((line) => line.msg === 'ffmpeg started');
    expect(commands).toHaveLength(2);
    const ok = commands.find((line) => line.command?.includes('good.mp4'));
    const bad = commands.find((line) => line.command?.includes('silent.mp4'));
    expect(ok?.command).toMatch(/^ffmpeg .*-i file:\S*good\.mp4 .*-c:a aac/);
    expect(bad?.command).toMatch(/^ffmpeg .*-i file:\S*silent\.mp4/);
    const endOf = (job: string | undefined): LogLine | undefined =>
      lines.find((line) => line.job === job && line.msg.startsWith('run '));
    expect(ok?.job).toMatch(/\S/);
    expect(endOf(ok?.job)).toMatchObject({ exit: 0, msg: 'run ended: exit code 0' });
    expect(endOf(bad?.job)).toMatchObject({ end: 'exit', exit: 1, signal: null });
    expect(endOf(bad?.job)?.msg).toMatch(/^run failed: exit code 1: /);

    const doctor = await runCli(['doctor', '--json'], env);
    expect((JSON.parse(doctor.stdout) as { logs: string }).logs).toBe(logs);
  });
});
