// The command line's exit codes: one table for the code and for `--help` (the README
// lists the same). Like HandBrakeCLI, it tells a failed job from bad input and from a
// machine that cannot convert at all.

export const EXIT = {
  /** Every job (or file) succeeded. */
  done: 0,
  /** At least one job failed; probe: a file could not be read. */
  failed: 1,
  /** The command line was wrong: a sentence says what. */
  usage: 2,
  /** convert and preview: not one input is media FFmpeg can read. */
  badInput: 3,
  /** Nothing can run here: ffmpeg or ffprobe is missing, or serve's port is taken. */
  init: 4,
  /** Ctrl-C (SIGINT): the work was cancelled and cleaned up. */
  interrupted: 130,
  /** SIGTERM: the work was cancelled and cleaned up. */
  terminated: 143,
} as const;

const MEANINGS: readonly [number, string][] = [
  [EXIT.done, 'every job succeeded'],
  [EXIT.failed, 'a job failed (probe: a file could not be read)'],
  [EXIT.usage, 'usage error: a sentence on stderr says what'],
  [EXIT.badInput, 'convert, preview: no input is media FFmpeg can read'],
  [EXIT.init, "cannot start: ffmpeg or ffprobe is missing, or serve's port is in use"],
  [EXIT.interrupted, 'interrupted by Ctrl-C (143: by SIGTERM); work cancelled and cleaned up'],
];

export const EXIT_CODES_HELP = `Exit codes:\n${MEANINGS.map(([code, meaning]) => `  ${String(code).padEnd(4)}${meaning}`).join('\n')}\n`;
