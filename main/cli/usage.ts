import { EXIT } from './exit-codes';

// The errors the command line turns into its exit codes (exit-codes.ts).

/** The command line was wrong (exit 2); the message is one sentence saying what. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = EXIT.usage;
}

/** Nothing can start, e.g. ffmpeg is missing or the port is taken (exit 4). */
export class InitError extends Error {
  override name = 'InitError';
  readonly exitCode = EXIT.init;
}

/** Not one input is media FFmpeg can read (exit 3). */
export class BadInputError extends Error {
  override name = 'BadInputError';
  readonly exitCode = EXIT.badInput;
}
