import type { MediaInfo } from '../../../app/media/model';
import { describeStream, parseSeconds, rotationOf } from '../../../app/media/streams';
import { cliEngine } from '../engine-for-cli';
import { requireTools } from '../tools-check';
import { formatClock } from '../../../app/util/clock';
import { formatBytes } from '../../../app/util/format';

function describe(info: MediaInfo): string {
  const lines: string[] = [info.path];
  const duration = info.durationSec === null ? 'unknown length' : formatClock(info.durationSec);
  const rate = info.format.bit_rate
    ? `, ${Math.round(Number(info.format.bit_rate) / 1000)} kb/s`
    : '';
  lines.push(
    `  ${info.format.format_long_name ?? info.format.format_name ?? 'unknown format'}, ${duration}, ${formatBytes(info.sizeBytes)}${rate}`,
  );
  for (const s of info.streams) {
    const extra: string[] = [];
    if (s.profile) extra.push(s.profile);
    if (s.pix_fmt) extra.push(s.pix_fmt);
    if (s.color_transfer && s.color_transfer !== 'unknown')
      extra.push(`${s.color_primaries ?? '?'}/${s.color_transfer}`);
    const rotation = rotationOf(s);
    if (rotation !== 0) extra.push(`rotated ${rotation}°`);
    const flags = Object.entries(s.disposition ?? {})
      .filter(([, v]) => v === 1)
      .map(([k]) => k);
    if (flags.length > 0) extra.push(`[${flags.join(', ')}]`);
    const title = s.tags?.title ? ` "${s.tags.title}"` : '';
    lines.push(`  ${describeStream(s)}${extra.length ? `, ${extra.join(', ')}` : ''}${title}`);
    for (const side of s.side_data_list ?? [])
      lines.push(`      side data: ${side.side_data_type ?? 'unknown'}`);
  }
  for (const c of info.chapters) {
    const start = parseSeconds(c.start_time) ?? 0;
    lines.push(
      `  chapter ${c.id} at ${formatClock(start)}${c.tags?.title ? `: ${c.tags.title}` : ''}`,
    );
  }
  return lines.join('\n');
}

export async function probeCommand(paths: string[], json: boolean): Promise<number> {
  const engine = await cliEngine();
  try {
    await requireTools(engine);
    const outcomes = await engine.media.probe({ paths });
    if (json) {
      process.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
    } else {
      for (const outcome of outcomes) {
        process.stdout.write(
          outcome.ok ? `${describe(outcome.info)}\n\n` : `${outcome.path}\n  ${outcome.error}\n\n`,
        );
      }
    }
    return outcomes.every((o) => o.ok) ? 0 : 1;
  } finally {
    await engine.dispose();
  }
}
