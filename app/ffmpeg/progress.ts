// Parses ffmpeg's machine progress channel (`-progress pipe:1`): key=value lines,
// each block ending with `progress=continue` or `progress=end`.
// Note: `out_time_ms` is in microseconds despite its name (docs/ARCHITECTURE.md, Frame statistics).

export interface ProgressBlock {
  frame: number;
  fps: number;
  outTimeSec: number;
  totalSizeBytes: number;
  /** Multiple of real time, or null when ffmpeg prints N/A. */
  speed: number | null;
  end: boolean;
}

function num(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : null;
}

/** Turns one block's key/value map into a ProgressBlock. */
export function toProgressBlock(fields: ReadonlyMap<string, string>): ProgressBlock {
  const micros = num(fields.get('out_time_us')) ?? num(fields.get('out_time_ms'));
  return {
    frame: Math.max(0, Math.trunc(num(fields.get('frame')) ?? 0)),
    fps: Math.max(0, num(fields.get('fps')) ?? 0),
    outTimeSec: micros !== null && micros > 0 ? micros / 1_000_000 : 0,
    totalSizeBytes: Math.max(0, Math.trunc(num(fields.get('total_size')) ?? 0)),
    speed: num(fields.get('speed')?.replace(/x$/, '')),
    end: fields.get('progress') === 'end',
  };
}

/** Incremental parser: feed it chunks as they arrive, get finished blocks back. */
export class ProgressParser {
  private partial = '';
  private fields = new Map<string, string>();

  push(chunk: string): ProgressBlock[] {
    const blocks: ProgressBlock[] = [];
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.trim();
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq);
      this.fields.set(key, line.slice(eq + 1).trim());
      if (key === 'progress') {
        blocks.push(toProgressBlock(this.fields));
        this.fields = new Map();
      }
    }
    return blocks;
  }
}

/** Overall percent across weighted steps; null when this step's duration is unknown. */
export function overallPercent(
  steps: readonly { weight: number }[],
  stepIndex: number,
  stepFraction: number | null,
): number | null {
  if (stepFraction === null) return null;
  const total = steps.reduce((sum, s) => sum + s.weight, 0);
  const done = steps.slice(0, stepIndex).reduce((sum, s) => sum + s.weight, 0);
  const current = steps[stepIndex]?.weight ?? 0;
  const fraction = Math.min(1, Math.max(0, stepFraction));
  return Math.min(100, ((done + current * fraction) / total) * 100);
}

/** Seconds left given elapsed monotonic seconds and percent done; null when too early to say. */
export function estimateEta(elapsedSec: number, percent: number | null): number | null {
  if (percent === null || percent <= 0.5 || elapsedSec < 0.5) return null;
  return Math.max(0, (elapsedSec * (100 - percent)) / percent);
}
