import { Option, type Command } from 'commander';
import type { Engine } from '../engine/engine';

// What program.ts and program-hosts.ts share: the host, option makers and help pieces.

/** What the program needs from its process: where Ctrl-C's cleanup goes, and the exit code. */
export interface ProgramHost {
  /** The engine or run in flight, so Ctrl-C can cancel its work cleanly. */
  active: (running: Pick<Engine, 'dispose'>) => void;
  /** The command's exit code (exit-codes.ts). */
  exit: (code: number) => void;
}

/** A repeatable option's values, in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

export const examples = (...lines: string[]): string =>
  `\nExamples:\n${lines.map((line) => `  $ framewright ${line}`).join('\n')}\n`;

export const presetFile = (): Option =>
  new Option(
    '--preset-file <file>',
    'load a custom preset from a JSON file (repeatable)',
  ).argParser(collect);
export const json = (what: string): Option => new Option('--json', what);
export const farmOption = (what: string): Option => new Option('--farm <url>', what);

/** Wraps a command's action: its result becomes the exit code. */
export type Run = <A extends unknown[]>(
  action: (...args: A) => Promise<number>,
) => (...args: A) => Promise<void>;

/** Adds a subcommand that reports its errors to index.ts instead of exiting. */
export type Define = (name: string, description: string) => Command;
