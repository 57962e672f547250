import { CommanderError } from 'commander';
import type { Engine } from '../engine/engine';
import { EXIT } from './exit-codes';
import { createProgram } from './program';

// The `framewright` command: parses with the commander program (program.ts), runs one
// command, and turns what happened into an exit code (exit-codes.ts). Ctrl-C and SIGTERM
// cancel the work in flight and clean up before exiting.

/** Engine (or preview, worker, host) in flight, so Ctrl-C can cancel its work cleanly. */
let active: Pick<Engine, 'dispose'> | null = null;
let interrupted = false;

/** Commander's messages that are not one sentence, rewritten as one. */
const REWORDED: readonly [RegExp, string][] = [
  [
    /^too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/,
    "'$1' takes $2 arguments, not $3",
  ],
  [
    /^(?:command-)?argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/,
    "The $2 must be $3, not '$1'",
  ],
  [/, ([^,]+), not '/, " or $1, not '"],
  [/^(.*)\n\(Did you mean (.*)\?\)$/, '$1 (did you mean $2?)'],
];

/** Commander's message as one sentence: "Unknown option '--x' (did you mean --y?)." */
function sentence(message: string): string {
  let text = message.replace(/^error: /, '').trim();
  for (const [pattern, replacement] of REWORDED) text = text.replace(pattern, replacement);
  text = text.replace(/\.$/, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The exit code for what a run threw, after saying why on stderr. */
function failure(error: unknown, argv: readonly string[], commands: readonly string[]): number {
  if (error instanceof CommanderError) {
    // Help and --version end here (0); bare `framewright` or `help <unknown>` printed the
    // help to stderr (2).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT.done;
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.done : EXIT.usage;
  }
  const code =
    error instanceof CommanderError
      ? EXIT.usage
      : ((error as { exitCode?: unknown }).exitCode ?? EXIT.failed);
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `framewright: ${error instanceof CommanderError ? sentence(message) : message}\n`,
  );
  if (code === EXIT.usage) {
    const command = argv.find((arg) => commands.includes(arg));
    process.stderr.write(
      `Run \`framewright ${command === undefined ? '' : `${command} `}--help\` for usage.\n`,
    );
  }
  return typeof code === 'number' ? code : EXIT.failed;
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write(`\nInterrupted: cancelling and cleaning up…\n`);
  const engine = active;
  void (engine?.dispose() ?? Promise.resolve()).finally(() =>
    process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated),
  );
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.stdout.on('error', () => undefined); // a closed pipe (| head) is not a crash

const argv = process.argv.slice(2);
let code: number = EXIT.done;
const program = createProgram({
  active: (running) => (active = running),
  exit: (exitCode) => (code = exitCode),
});
program.parseAsync(argv, { from: 'user' }).then(
  () => {
    if (!interrupted) process.exitCode = code;
  },
  (error: unknown) => {
    if (interrupted) return;
    process.exitCode = failure(
      error,
      argv,
      program.commands.map((c) => c.name()),
    );
  },
);
