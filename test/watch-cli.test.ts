import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from './helpers/cli';
import { makeClip, tempDir } from './helpers/media';

// `framewright watch`: a usage error without --preset; a clip renamed into the folder
// gives one line when taken and one when done; Ctrl-C stops it (130) with the ledger saved.

function outputMatching(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (pattern.test(text)) {
        stream.off('data', onData);
        resolve(text);
      }
    };
    stream.on('data', onData);
  });
}

describe('framewright watch', () => {
  it('refuses to start without --preset', async () => {
    const dir = tempDir('fw-watch-cli-');
    const result = await runCli(['watch', dir, '--out', path.join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/watch needs --preset <id>/);
  });

  it('prints a line when it takes a file and when it is done, until Ctrl-C', async () => {
    const dir = tempDir('fw-watch-cli-');
    const inbox = path.join(dir, 'in');
    const out = path.join(dir, 'out');
    const state = path.join(dir, 'state');
    mkdirSync(inbox);
    const run = startCli([
      'watch',
      inbox,
      '--preset',
      'remux-mkv',
      '--out',
      out,
      '--settle',
      '0.3',
      '--state-dir',
      state,
    ]);
    const { stdout, stderr } = run.child;
    if (stdout === null || stderr === null) throw new Error('The CLI has no output streams.');
    await outputMatching(stderr, /Press Ctrl-C to stop/);
    const file = path.join(inbox, 'clip.mkv');
    const done = outputMatching(stdout, /^done .*\n/m);
    renameSync(makeClip(path.join(dir, 'clip.mkv'), { audio: false }), file);
    await done;
    run.child.kill('SIGINT');
    const result = await run.done;

    expect(result.code).toBe(130);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      `taken ${file}`,
      expect.stringMatching(new RegExp(`^done ${file} → ${path.join(out, 'clip.mkv')} \\(.+\\)$`)),
    ]);
    const ledger = path.join(state, 'watch', 'cli-ledger.json');
    expect(existsSync(ledger)).toBe(true);
    expect(JSON.parse(readFileSync(ledger, 'utf8'))).toMatchObject({ entries: [{ path: file }] });
  });
});
