// Options every ffmpeg/ffprobe run starts with (docs/ARCHITECTURE.md, Sandbox).
// Built here so `--dry-run` prints exactly what runs; the worker refuses any step
// whose arguments do not start with them.

export const PROTOCOL_WHITELIST = 'file,pipe';

export const FFMPEG_PREFIX = [
  '-hide_banner',
  '-nostdin',
  '-y',
  '-protocol_whitelist',
  PROTOCOL_WHITELIST,
  '-progress',
  'pipe:1',
  '-stats_period',
  '0.25',
  '-nostats',
] as const;

export const FFPROBE_PREFIX = [
  '-hide_banner',
  '-v',
  'error',
  '-protocol_whitelist',
  PROTOCOL_WHITELIST,
] as const;

/** A path as an ffmpeg URL: `file:` stops names like `-x.mp4` or `a:b.mp4` being read as options or protocols. */
export function fileUrl(absolutePath: string): string {
  return `file:${absolutePath}`;
}

export function hasPrefix(args: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((value, i) => args[i] === value);
}

export function probeArgs(absolutePath: string): string[] {
  return [
    ...FFPROBE_PREFIX,
    '-print_format',
    'json=c=1',
    '-show_format',
    '-show_streams',
    '-show_chapters',
    '-show_programs',
    fileUrl(absolutePath),
  ];
}

/** ffprobe arguments for the resolution scan of one video stream (keyframes only unless asked). */
export function resolutionScanArgs(
  absolutePath: string,
  stream: number | 'first-video',
  everyFrame: boolean,
): string[] {
  return [
    ...FFPROBE_PREFIX,
    '-select_streams',
    // `V`: video streams that are not attached pictures, as videoStreams() counts them.
    stream === 'first-video' ? 'V:0' : String(stream),
    ...(everyFrame ? [] : ['-skip_frame', 'nokey']),
    '-show_entries',
    'frame=best_effort_timestamp,width,height',
    '-of',
    'csv=p=0',
    fileUrl(absolutePath),
  ];
}
