import { encodesVideo, withDecoder, type DecoderChoice } from '../ffmpeg/hw-decode';
import { buildPlanFor } from '../ffmpeg/resolution-plan';
import { FFMPEG_PREFIX } from '../ffmpeg/safety';
import type { HardwareEncoder } from '../hardware/encoder-args';
import type { ResolutionPolicy } from '../jobs/job';
import type { Plan, Step } from '../jobs/plan';
import type { Analysis, JobSettings } from '../jobs/settings';
import type { MediaInfo } from '../media/model';
import type { Preset } from '../presets/schema';

// The one planner: the run, `--dry-run`, the command preview and the web host all use
// the plan it returns, and nothing adds arguments to it afterwards.

/** How ffmpeg hands its per-frame statistics to the worker: a FIFO (POSIX) or a named pipe (Windows). */
export type StatsChannel = 'fifo' | 'named-pipe';

export interface PlanJobInput {
  info: MediaInfo;
  preset: Preset;
  /** A hardware encoder the matrix found working; null for software. */
  hardware: HardwareEncoder | null;
  policy: ResolutionPolicy;
  /** The final name, and the hidden temporary sibling the steps write until the commit. */
  output: { final: string; temp: string };
  /** Per-frame statistics for every step that encodes video; null for none. */
  stats: StatsChannel | null;
  /** What this job changes from the preset (output name and folder are decided before). */
  settings?: JobSettings | undefined;
  /** The source's analysis, for the `auto` crop and deinterlace; absent or null: not analysed. */
  analysis?: Analysis | null | undefined;
  /** How the source's video is decoded (host-plan.ts chooses); absent or null: software. */
  decoder?: DecoderChoice | null | undefined;
  /** Chunks to encode the video in, `auto` decided on the host; absent: as the settings say. */
  chunks?: number | undefined;
}

const SEPARATOR = /[\\/]/;

function dirname(file: string): string {
  const parts = file.split(SEPARATOR);
  return parts.length < 2 ? '.' : file.slice(0, file.length - (parts.at(-1)?.length ?? 0) - 1);
}

function basename(file: string): string {
  return file.split(SEPARATOR).at(-1) ?? file;
}

/** The FIFO or pipe where a step's statistics go, private to the job. */
function statsPath(channel: StatsChannel, temp: string, index: number): string {
  // Beside the temporary output, in a folder that exists: the printed command runs as is
  // (without a reader ffmpeg writes a plain file there).
  return channel === 'fifo'
    ? `${temp}.vstats-${index}`
    : `\\\\.\\pipe\\framewright-${basename(temp)}-vstats-${index}`;
}

/** The complete plan for one job: every step's exact argv and the paths it reads and writes. */
export function planJob(input: PlanJobInput): Plan {
  const { output, stats } = input;
  const workDir = `${output.temp}.parts`;
  const built = buildPlanFor({
    preset: input.preset,
    info: input.info,
    output: output.temp,
    workDir,
    hardware: input.hardware,
    policy: input.policy,
    settings: input.settings,
    analysis: input.analysis,
    chunks: input.chunks,
  });
  // Every step may write only in the output folder: the temp file and the work folder live there.
  const outDir = dirname(output.temp);
  const decoded = withDecoder(built.steps, input.info.path, input.decoder ?? null);
  const steps = decoded.map((step, index): Step => {
    const access = { reads: step.access.reads, writes: [outDir] };
    if (stats === null || step.program !== 'ffmpeg' || !encodesVideo(step.args))
      return { ...step, access };
    const pipe = statsPath(stats, output.temp, index);
    // Global options: right after the safety prefix.
    const args = [
      ...step.args.slice(0, FFMPEG_PREFIX.length),
      ...['-vstats_file', pipe, '-vstats_version', '2'],
      ...step.args.slice(FFMPEG_PREFIX.length),
    ];
    return { ...step, args, access, statsPipe: pipe };
  });
  return { ...built, steps };
}
