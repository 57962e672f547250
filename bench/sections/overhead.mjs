import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { convert, plannedCommands } from '../lib/framewright.mjs';
import { makeClip } from '../lib/media.mjs';
import { alternate, cpuRatio, round, timed } from '../lib/measure.mjs';

// 1. One job through Framewright against the identical raw ffmpeg command.

const CLIPS = [
  { name: 'short', seconds: 2, size: '320x240', reps: 5, judged: false },
  { name: 'long', seconds: 12, size: '1280x720', reps: 4, judged: true },
];

export default async function overhead({ work, log }) {
  const metrics = [];
  const runs = {};
  for (const clip of CLIPS) {
    const dir = path.join(work, `overhead-${clip.name}`);
    const input = await makeClip(path.join(dir, `${clip.name}.mp4`), clip);
    const fwOut = path.join(dir, 'fw');
    const rawOut = path.join(dir, 'raw');
    mkdirSync(rawOut, { recursive: true });
    const [[command]] = await plannedCommands([input], rawOut, ['--preset', 'h264-mp4']);
    const [program, ...args] = command;
    const result = await alternate(
      {
        framewright: () => convert([input], fwOut, ['--preset', 'h264-mp4']),
        ffmpeg: () => timed(program, args),
      },
      clip.reps,
      { before: () => rmSync(fwOut, { recursive: true, force: true }) },
    );
    const ratio = round(result.framewright.medianMs / result.ffmpeg.medianMs, 3);
    const cpu = cpuRatio(result, 'framewright', 'ffmpeg');
    log(`  ${clip.name} ${clip.seconds} s ${clip.size}: ratio ${ratio}, CPU time ratio ${cpu}`);
    runs[clip.name] = { clip, command, ...result };
    metrics.push({
      name: `${clip.name} clip (${clip.seconds} s ${clip.size}): Framewright / ffmpeg wall`,
      framewrightMs: result.framewright.medianMs,
      otherMs: result.ffmpeg.medianMs,
      value: ratio,
      unit: '×',
      goal: clip.judged ? '≤ 1.02' : 'informational (process start dominates)',
      met: clip.judged ? ratio <= 1.02 : null,
    });
    metrics.push({
      name: `${clip.name} clip (${clip.seconds} s ${clip.size}): Framewright / ffmpeg CPU time`,
      framewrightMs: result.framewright.medianCpuMs,
      otherMs: result.ffmpeg.medianCpuMs,
      value: cpu,
      unit: '×',
      goal: 'informational (wall goal above)',
      met: null,
    });
  }
  return {
    id: 'overhead',
    title: '1. One job: Framewright vs the identical raw ffmpeg command',
    goal: 'wall-time ratio ≤ 1.02 on a clip long enough that process start is not everything',
    metrics,
    runs,
  };
}
