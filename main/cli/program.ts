import { Argument, Command } from 'commander';
import { version } from '../../package.json';
import type { Engine } from '../engine/engine';
import { hwCommand } from './commands/hw';
import { doctorCommand, presetsCommand } from './commands/info';
import { previewCommand } from './commands/preview';
import { probeCommand } from './commands/probe';
import { completionScript, SHELLS, type Shell } from './completion';
import { convertAction, watchAction, type ConvertFlags, type WatchFlags } from './run-actions';
import { cliEngine } from './engine-for-cli';
import { EXIT, EXIT_CODES_HELP } from './exit-codes';
import { addHostCommands } from './program-hosts';
import {
  examples,
  farmOption,
  json,
  presetFile,
  type Define,
  type ProgramHost,
  type Run,
} from './program-parts';
import { addSettingsOptions, settingsFlagValues, settingsFromFlags } from './settings-flags';

// The command line as one commander program: a subcommand per command, each with its own
// options (another command's option is refused), help with examples, and --version.
// The job flags come from settings-flags.ts's table; completion.ts walks this program.

export function createProgram(host: ProgramHost): Command {
  const program = new Command('framewright')
    .description('Convert and inspect media with FFmpeg, safely.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help (`framewright <command> --help` for a command)')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .addHelpText(
      'after',
      `${examples('convert clips/ --preset h264-mp4 --out done/', 'probe film.mkv', 'convert --help')}\n${EXIT_CODES_HELP}`,
    );
  const run: Run =
    (action) =>
    async (...args) =>
      host.exit(await action(...args));
  const command: Define = (name, description) =>
    program
      .command(name)
      .description(description)
      .helpOption('-h, --help', 'show this help')
      .exitOverride()
      .configureOutput({ outputError: () => undefined });

  command('probe', 'Show every stream, chapter and tag of each file.')
    .argument('<paths...>', 'media files')
    .addOption(json('print every file as JSON'))
    .addHelpText('after', examples('probe film.mkv', 'probe a.mp4 b.mov --json'))
    .action(
      run((paths: string[], flags: { json?: true }) => probeCommand(paths, flags.json === true)),
    );

  const convert = command(
    'convert',
    'Convert files and folders (folders expand recursively) with a preset.',
  )
    .argument('<paths...>', 'files and folders to convert')
    .option('--preset <id>', 'the preset (see `framewright presets`)')
    .option('--out <dir>', 'the folder the outputs go to (or --beside-source)')
    .addOption(presetFile())
    .option('--concurrency <n>', 'jobs at once (default: from cores and memory)')
    .option('--on-exists <policy>', 'skip | rename | overwrite (default: rename, never destroys)')
    .option('--stall-timeout <seconds>', 'stop a job that makes no progress this long (default 60)')
    .option(
      '--resolution-policy <policy>',
      'when the picture size changes mid-stream: auto (reinit for MKV, fit for MP4/WebM), reinit (each part at its own size), fit (one canvas, shape kept), stretch',
    )
    .option(
      '--strict',
      'fail a job whose source ends before its declared length (default: finish it with a warning)',
    )
    .option('--dry-run', 'print the ffmpeg commands without running them')
    .option('--events <format>', 'ndjson: print one JSON event per line (job updates, progress)')
    .addOption(json('print a final JSON summary of every job'))
    .option('--verbose', "print FFmpeg's log of each failed job")
    .addOption(
      farmOption(
        'queue the jobs in a farm (redis://[:password@]host:port[/db], rediss:// for TLS) and follow them to the end',
      ),
    );
  addSettingsOptions(convert)
    .addHelpText(
      'after',
      examples(
        'convert clips/ --preset h264-mp4 --out done/',
        'convert film.mkv --preset hevc-mkv --beside-source --audio fra,eng --crop auto',
        'convert a.mp4 --preset h264-mp4 --out done/ --dry-run',
        'convert shows/ --preset h264-mp4 --out done/ --keep-tree --json',
      ),
    )
    .action(
      run((paths: string[], flags: ConvertFlags, self: Command) =>
        convertAction(paths, flags, settingsFlagValues(self), host.active),
      ),
    );

  const preview = command(
    'preview',
    "Before/after PNG pairs and a short clip through the job's real plan, plus the whole output's estimated size.",
  )
    .argument('<file>', 'the source')
    .option('--preset <id>', 'the preset (see `framewright presets`)')
    .option('--out <dir>', 'the folder the pictures and clip go to')
    .addOption(presetFile())
    .option(
      '--at <times>',
      'positions of the pairs, seconds or [h:]m:s, comma-separated (default: 5 spread over the source)',
    )
    .option(
      '--clip <seconds>',
      'length of the clip (default 10, from the middle or the first --at)',
    )
    .addOption(json('print every file and estimatedBytes as JSON'));
  addSettingsOptions(preview)
    .addHelpText(
      'after',
      examples('preview film.mkv --preset h264-mp4 --out look/ --at 1:30,5:00 --crf 28'),
    )
    .action(
      run(
        (
          file: string,
          flags: {
            preset?: string;
            out?: string;
            presetFile?: string[];
            at?: string;
            clip?: string;
            json?: true;
          },
          self: Command,
        ) =>
          previewCommand(
            {
              files: [file],
              presetId: flags.preset,
              presetFiles: flags.presetFile ?? [],
              out: flags.out,
              settings: settingsFromFlags(settingsFlagValues(self), flags.out !== undefined),
              at: flags.at,
              clip: flags.clip,
              json: flags.json === true,
            },
            host.active,
          ),
      ),
    );

  const watch = command(
    'watch',
    'Convert each file that arrives in the folders, once it has settled, until Ctrl-C.',
  )
    .argument('<dirs...>', 'the folders to watch (subfolders included)')
    .option('--preset <id>', 'the preset (see `framewright presets`)')
    .option('--out <dir>', 'the folder the outputs go to')
    .option(
      '--settle <seconds>',
      'how long a file must stay unchanged before it is taken (default 5)',
    )
    .addOption(presetFile())
    .option('--state-dir <dir>', 'where the ledger of converted files is kept')
    .option('--events <format>', 'ndjson: print one JSON event per line');
  addSettingsOptions(watch)
    .addHelpText('after', examples('watch inbox/ --preset h264-mp4 --out done/ --settle 10'))
    .action(
      run((dirs: string[], flags: WatchFlags, self: Command) =>
        watchAction(dirs, flags, settingsFlagValues(self), host.active),
      ),
    );

  /** presets, hw and doctor: one engine with the user's presets, for one answer. */
  const withEngine =
    <F>(answer: (engine: Engine, flags: F) => Promise<number>) =>
    async (flags: F & { presetFile?: string[] }): Promise<number> => {
      const engine = await cliEngine({}, flags.presetFile ?? []);
      host.active(engine);
      try {
        return await answer(engine, flags);
      } finally {
        await engine.dispose();
      }
    };
  command('presets', 'List the presets.')
    .addOption(json('print the presets as JSON'))
    .addOption(presetFile())
    .action(
      run(
        withEngine((engine, flags: { json?: true; presetFile?: string[] }) =>
          presetsCommand(engine, flags.json === true),
        ),
      ),
    );
  command('hw', 'Test which hardware encoders and decoders really work here, and why not.')
    .addOption(json('print the matrix as JSON'))
    .option('--refresh', 'test again instead of using the saved answer')
    .action(
      run(
        withEngine((engine, flags: { json?: true; refresh?: true }) =>
          hwCommand(engine, flags.json === true, flags.refresh === true),
        ),
      ),
    );
  command('doctor', 'Show which ffmpeg and ffprobe are used, their versions, and the sandbox.')
    .addOption(json('print the report as JSON'))
    .action(
      run(
        withEngine((engine, flags: { json?: true }) => doctorCommand(engine, flags.json === true)),
      ),
    );

  addHostCommands(command, run, host.active);

  command('completion', 'Print the shell completion script for bash or zsh.')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(SHELLS))
    .addHelpText(
      'after',
      examples(
        'completion bash > ~/.local/share/bash-completion/completions/framewright',
        'completion zsh > "${fpath[1]}/_framewright"',
      ),
    )
    .action(
      run((shell: Shell) => {
        process.stdout.write(completionScript(program, shell));
        return Promise.resolve(EXIT.done);
      }),
    );
  return program;
}
