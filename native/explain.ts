import { UserFacingError } from '../app/util/errors';
import type { ProgramOutcome } from './process/run-program';

// Turns how a program ended into a sentence a person understands, keeping ffmpeg's own
// last line and the bounded log for the job's details.

const KNOWN: [RegExp, string][] = [
  [
    /Invalid data found when processing input|moov atom not found|EBML header parsing failed|could not find codec parameters/i,
    'The file is damaged or is not a media file FFmpeg can read',
  ],
  [/No such file or directory/i, 'A file could not be found'],
  [
    /Permission denied|Read-only file system/i,
    'Framewright was not allowed to read or write a file here',
  ],
  [/No space left on device/i, 'The destination disk is full'],
  [
    /Protocol not on whitelist|not on whitelist/i,
    'The file points at another location, which Framewright does not open for safety',
  ],
  [
    /Unknown encoder|Encoder not found/i,
    'This FFmpeg build does not include the encoder this preset needs',
  ],
  [
    /Error initializing output stream|Could not open encoder|Error while opening encoder/i,
    'The encoder could not start with these settings',
  ],
  [
    /does not support|not supported in|Could not write header/i,
    'The output container cannot hold one of the streams',
  ],
];

/** The failure as a sentence, carrying how the program ended (exit code or signal) for the log. */
export function explainFailure(
  what: 'probe' | 'convert',
  outcome: ProgramOutcome,
  limitMs: number,
): UserFacingError {
  return Object.assign(sentenceFor(what, outcome, limitMs), {
    exit: { code: outcome.exitCode, signal: outcome.exitSignal },
  });
}

function sentenceFor(
  what: 'probe' | 'convert',
  outcome: ProgramOutcome,
  limitMs: number,
): UserFacingError {
  const log = outcome.log.toString();
  const last = outcome.log.lastLine();
  const seconds = Math.round(limitMs / 1000);
  switch (outcome.reason) {
    case 'cancelled':
      return new UserFacingError('Cancelled.', 'cancelled', log);
    case 'stalled':
      return new UserFacingError(
        `FFmpeg made no progress for ${seconds} seconds, so the ${what === 'probe' ? 'file check' : 'conversion'} was stopped. The input may be a pipe with no data, or a stalled network or disk.`,
        'stalled',
        log,
      );
    case 'timeout':
      return new UserFacingError(
        `Reading the file took longer than ${seconds} seconds, so it was stopped.`,
        'timeout',
        log,
      );
    case 'spawn-failed':
      return new UserFacingError(
        `FFmpeg could not be started (${outcome.spawnError?.message ?? 'unknown error'}).`,
        'spawn-failed',
        log,
      );
    case 'exit':
      break;
  }
  if (outcome.exitSignal !== null) {
    return new UserFacingError(
      `FFmpeg stopped unexpectedly (signal ${outcome.exitSignal}).`,
      'crashed',
      log,
    );
  }
  const known = KNOWN.find(([pattern]) => pattern.test(log));
  const lead =
    known?.[1] ?? (what === 'probe' ? 'The file could not be read' : 'The conversion failed');
  const detail = last !== '' ? ` (FFmpeg: ${last.slice(0, 300)})` : '';
  return new UserFacingError(`${lead}.${detail}`, 'exit', log);
}
