import type { Engine } from '../../engine/engine';

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
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
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
    for (const problem of report.problems) process.stdout.write(`problem: ${problem}\n`);
  }
  return report.ffmpeg !== null && report.ffprobe !== null ? 0 : 1;
}
