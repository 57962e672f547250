import path from 'node:path';
import type { Engine } from '../../engine/engine';
import { processLogFile } from '../../log/process-log';
import { userLogDir } from '../../../platform/folders';
import { EXIT } from '../exit-codes';

export async function presetsCommand(engine: Engine, json: boolean): Promise<number> {
  const presets = await engine.presets.list();
  if (json) {
    process.stdout.write(`${JSON.stringify(presets, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...presets.map((p) => p.id.length));
  for (const p of presets)
    process.stdout.write(`${p.id.padEnd(width)}  ${p.name}: ${p.description}\n`);
  return 0;
}

export async function doctorCommand(engine: Engine, json: boolean): Promise<number> {
  const report = await engine.system.doctor();
  // Every process kind logs in this folder; this command's own file is cli.log.
  const logs = path.dirname(processLogFile() ?? path.join(userLogDir(), 'cli.log'));
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...report, logs }, null, 2)}\n`);
  } else {
    const line = (label: string, info: typeof report.ffmpeg): string =>
      info === null
        ? `${label}: not found`
        : `${label}: ${info.path} (version ${info.version}, from ${info.source})`;
    process.stdout.write(`${line('ffmpeg ', report.ffmpeg)}\n${line('ffprobe', report.ffprobe)}\n`);
    process.stdout.write(
      `sandbox: ${report.sandbox.kind} — ${report.sandbox.reason}\nplatform: ${report.platform}\n`,
    );
    if (report.ffmpeg) process.stdout.write(`ffmpeg build: ${report.ffmpeg.configuration}\n`);
    process.stdout.write(`logs: ${logs} (host.log, desktop.log, worker.log, cli.log)\n`);
    for (const problem of report.problems) process.stdout.write(`problem: ${problem}\n`);
  }
  return report.ffmpeg !== null && report.ffprobe !== null ? EXIT.done : EXIT.init;
}
