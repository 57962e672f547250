import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliPath, root, runCli, startCli } from './helpers/cli';
import { makeClip, makeCorrupt, tempDir } from './helpers/media';

// The command line's conventions: help and version, per-command options, one sentence
// and exit 2 on usage errors, each documented exit code, the progress bar on a terminal
// only, --verbose logs, and shell completion written from the program.

const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
};
const quote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI under a pseudo-terminal (`script`), stdout and stderr together. */
async function underTerminal(args: string[]): Promise<{ code: number; output: string }> {
  const command = [process.execPath, cliPath, ...args].map(quote).join(' ');
  const run = promisify(execFile)('script', ['-qfec', command, '/dev/null'], { cwd: root });
  const result = await run.then(
    (r) => ({ code: 0, output: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, output: e.stdout }),
  );
  return result;
}

const dir = tempDir();
const clip = makeClip(path.join(dir, 'clip.mkv'), { audio: false });
const broken = makeCorrupt(path.join(dir, 'broken.mp4'));
const remux = (out: string): string[] => ['--preset', 'remux-mkv', '--out', path.join(dir, out)];

describe.concurrent('help and version', () => {
  it('--version prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it('each command has its own help with examples; the program help lists the exit codes', async () => {
    const [convert, top, viaHelp] = await Promise.all([
      runCli(['convert', '--help']),
      runCli(['--help']),
      runCli(['help', 'convert']),
    ]);
    expect(viaHelp).toMatchObject({ code: 0, stdout: convert.stdout });
    expect(convert.code).toBe(0);
    expect(convert.stdout).toMatch(/^Usage: framewright convert \[options\] <paths\.\.\.>/);
    // Its own options and the job flags from the one table, not another command's.
    expect(convert.stdout).toContain('--preset <id>');
    expect(convert.stdout).toContain('--crf <n>');
    expect(convert.stdout).toContain('--no-chapters');
    expect(convert.stdout).not.toContain('--allow');
    expect(convert.stdout).toContain('$ framewright convert clips/ --preset h264-mp4 --out done/');
    expect(top.code).toBe(0);
    for (const code of [0, 1, 2, 3, 4, 130])
      expect(top.stdout).toMatch(new RegExp(`^  ${code} `, 'm'));
  });
});

describe.concurrent('usage errors: exit 2 and one sentence', () => {
  it.each<[string[], RegExp]>([
    [['probe', 'a.mp4', '--preset', 'h264-mp4'], /^framewright: Unknown option '--preset'\.\n/],
    [['serve', '--crf', '20'], /^framewright: Unknown option '--crf'\.\n/],
    [['presets', 'extra'], /^framewright: 'presets' takes 0 arguments, not 1\.\n/],
    [['convert', 'a.mp4', '--preset', 'h264-mp4'], /^framewright: convert needs --out <dir>/],
    [['completion', 'fish'], /^framewright: The shell must be bash or zsh, not 'fish'\.\n/],
    [
      ['convert', 'a.mp4', '--pres'],
      /^framewright: Unknown option '--pres' \(did you mean --preset\?\)\.\n/,
    ],
    [[], /^Usage: framewright /],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe.concurrent('exit codes', () => {
  it('3: no input is media (convert, preview)', async () => {
    const folder = path.join(dir, 'notes');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'readme.txt'), 'not a video\n');
    const [convert, preview] = await Promise.all([
      runCli(['convert', folder, ...remux('out3')]),
      runCli(['preview', broken, ...remux('look')]),
    ]);
    expect(convert.code).toBe(3);
    expect(convert.stderr).toMatch(/Nothing to convert/);
    expect(preview.code).toBe(3);
    expect(preview.stderr).toMatch(/^framewright: The file is damaged or is not a media file/);
  });

  it('4: no ffmpeg to run, one sentence and no job', async () => {
    const result = await runCli(['convert', clip, ...remux('out4'), '--json'], {
      PATH: '/nonexistent',
      HOME: process.env.HOME,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^framewright: No working ffmpeg or ffprobe was found: install/);
    expect(result.stdout).toBe('');
  });

  it('4: serve on a port in use says so and exits, leaving nothing running', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const result = await runCli([
        'serve',
        '--port',
        String(port),
        '--state-dir',
        path.join(dir, 'serve-state'),
      ]);
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      taken.close();
    }
  });

  it('1 with --verbose: the failed job’s ffmpeg log on stderr; no bar off a terminal', async () => {
    const result = await runCli(['convert', clip, broken, ...remux('out1'), '--json', '--verbose']);
    expect(result.code).toBe(1);
    const jobs = (JSON.parse(result.stdout) as { jobs: { status: string }[] }).jobs;
    expect(jobs.map((j) => j.status)).toEqual(['done', 'failed']);
    expect(result.stderr).toContain(`FFmpeg's log for ${broken}:\n`);
    expect(result.stderr).toMatch(/^ {4}.*moov atom not found/m);
    expect(result.stderr).not.toContain(`log for ${clip}`);
    expect(result.stderr).not.toMatch(/░|\[0\/2\]/);
  });

  it('143: SIGTERM stops a command that runs until stopped, cleanly', async () => {
    const inbox = path.join(dir, 'inbox');
    mkdirSync(inbox);
    const run = startCli([
      'watch',
      inbox,
      ...remux('out143'),
      '--state-dir',
      path.join(dir, 'state'),
    ]);
    await new Promise<void>((resolve) =>
      run.child.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Press Ctrl-C')) resolve();
      }),
    );
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(143);
    expect(result.stderr).toMatch(/Interrupted: cancelling and cleaning up/);
  });

  it('a progress bar on a terminal, with --json still printing its summary', async () => {
    const { code, output } = await underTerminal(['convert', clip, ...remux('tty'), '--json']);
    expect(code).toBe(0);
    expect(output).toMatch(/\r\x1b\[2K\[0\/1\] ░{20} {3}0%/);
    expect(output).toMatch(/\r\x1b\[2K\[1\/1\] █{20} 100%/);
    const summary = output.split(/\r?\n|\x1b\[2K/).find((line) => line.startsWith('{"jobs"'));
    expect(JSON.parse(summary ?? '{}')).toMatchObject({ jobs: [{ status: 'done' }] });
  });
});

describe.concurrent('shell completion', () => {
  it('bash completes commands and the command’s own options', async () => {
    const script = await runCli(['completion', 'bash']);
    expect(script.code).toBe(0);
    const at = (words: string[]): string =>
      `COMP_WORDS=(${words.map(quote).join(' ')}); COMP_CWORD=${words.length - 1}; _framewright; echo "[\${COMPREPLY[*]}]"`;
    const result = spawnSync(
      'bash',
      [
        '-c',
        [
          'eval "$1"',
          'complete -p framewright',
          at(['framewright', 'conv']),
          at(['framewright', 'convert', '--pre']),
          at(['framewright', 'probe', '--pre']),
          at(['framewright', 'completion', '']),
        ].join('\n'),
        'bash',
        script.stdout,
      ],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'complete -o default -F _framewright framewright',
      '[convert]',
      '[--preset --preset-file]',
      '[]',
      '[bash zsh]',
      '',
    ]);
  });

  it('zsh gets a #compdef script with each command’s options', async () => {
    const script = await runCli(['completion', 'zsh']);
    expect(script.code).toBe(0);
    expect(script.stdout).toMatch(/^#compdef framewright\n/);
    expect(script.stdout).toMatch(/^ +convert\) _arguments .*'--preset\[the preset/m);
    expect(script.stdout).toMatch(/^ +completion\) _arguments .*'1:shell:\(bash zsh\)'/m);
    expect(script.stdout).toMatch(
      /^ +help\) _arguments '1:command:\(probe convert .*completion\)'/m,
    );
    if (spawnSync('zsh', ['--version']).status !== 0) return;
    // Where zsh is installed: the script parses and registers its function for framewright.
    const load = 'compdef() { print -r -- "$*"; }\neval "$1"';
    const zsh = spawnSync('zsh', ['-f', '-c', load, 'zsh', script.stdout], { encoding: 'utf8' });
    expect(zsh.stderr).toBe('');
    expect(zsh.stdout).toBe('_framewright framewright\n');
  });
});
