import { describe, expect, it } from 'vitest';
import { cleanFileName, insideOf, isInside } from './paths';

describe('cleanFileName', () => {
  it.each([
    ['clip.mp4', 'clip.mp4'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\evil.mkv', 'evil.mkv'],
    ['.hidden.mp4', 'hidden.mp4'],
    ['  spaced   out .mov', 'spaced out.mov'],
    ['a<b>c:d"e|f?g*h.mp4', 'abcdefgh.mp4'],
    ['con.mp4', 'upload.mp4'],
    ['', 'upload'],
    ['...', 'upload'],
    ['ctrl\u0000\u001fchars.webm', 'ctrlchars.webm'],
    [`${'x'.repeat(300)}.mp4`, `${'x'.repeat(116)}.mp4`],
  ])('%j becomes %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });
});

describe('isInside and insideOf', () => {
  it.each([
    ['/srv/spool', '/srv/spool/a/b.mp4', true],
    ['/srv/spool', '/srv/spool', true],
    ['/srv/spool', '/srv/spool/', true],
    ['/srv/spool', '/srv/spool/../state/queue.json', false],
    ['/srv/spool', '/srv/spool/./a/../b.mp4', true],
    ['/srv/spool', '/srv//spool/x.mp4', true],
    ['/srv/spool', '/srv/spool-evil/x.mp4', false],
    ['/srv/spool', '/srv/spoo', false],
    ['/srv/spool', '/etc/passwd', false],
    ['/srv/spool', 'relative/x.mp4', false],
    ['/srv/spool/', '/srv/spool/x', true],
    ['/', '/anything', true],
  ])('%s contains %s: %s', (parent, child, inside) => {
    expect(isInside(parent, child)).toBe(inside);
    expect(insideOf(parent)(child)).toBe(inside);
  });
});
