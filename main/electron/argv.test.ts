import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pathsFromArgv } from './argv';

const cwd = path.resolve('/home/me/clips');
const packaged = { defaultApp: false, cwd };
const dev = { defaultApp: true, cwd };

describe('pathsFromArgv', () => {
  it.each([
    [
      'packaged app with two files',
      ['/opt/Framewright/framewright', 'a.mkv', '/tmp/b.mp4'],
      packaged,
      [path.join(cwd, 'a.mkv'), path.resolve('/tmp/b.mp4')],
    ],
    ['no files', ['/opt/Framewright/framewright'], packaged, []],
    [
      '`electron <app> file` skips the app',
      ['electron', 'dist/electron/main.js', 'a.mkv'],
      dev,
      [path.join(cwd, 'a.mkv')],
    ],
    [
      'Playwright and Chromium switches are ignored',
      [
        'electron',
        '--inspect=0',
        '--remote-debugging-port=0',
        'dist/electron/main.js',
        '--allow-file-access-from-files',
        'a.mkv',
      ],
      dev,
      [path.join(cwd, 'a.mkv')],
    ],
    [
      'after --, a dash name is a file',
      ['framewright', '--', '-odd.mkv'],
      packaged,
      [path.join(cwd, '-odd.mkv')],
    ],
    [
      'duplicates collapse',
      ['framewright', 'a.mkv', './a.mkv'],
      packaged,
      [path.join(cwd, 'a.mkv')],
    ],
    [
      'file:// URLs from a desktop entry (%U)',
      ['framewright', pathToFileURL('/tmp/x y.mkv').href],
      packaged,
      [path.resolve('/tmp/x y.mkv')],
    ],
    ['other URLs are not files', ['framewright', 'https://example.com/a.mp4'], packaged, []],
    ['empty and absurdly long arguments', ['framewright', '', 'x'.repeat(5000)], packaged, []],
  ])('%s', (_name, argv, context, expected) => {
    expect(pathsFromArgv(argv, context)).toEqual(expected);
  });
});
