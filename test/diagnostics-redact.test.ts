import { describe, expect, it } from 'vitest';
import { redact } from '../main/log/redact';

const home = '/home/ada';

describe('diagnostics redaction', () => {
  it('hides tokens and passwords wherever they appear', () => {
    const text = [
      'Framewright is serving at http://192.168.1.5:8420/?token=s3cr3tT0ken',
      'farm: redis://worker:hunter2@redis.lan:6379/0 and rediss://:p4ss@cache:6380',
      '{"level":30,"password":"pw-123","msg":"x"} token: abc.def Authorization: Bearer eyJabc.def',
      'the token again: ZmFrZS10b2tlbg in a sentence',
    ].join('\n');
    const out = redact(text, { home, includePaths: true, secrets: ['ZmFrZS10b2tlbg'] });
    for (const secret of [
      's3cr3tT0ken',
      'hunter2',
      'p4ss',
      'pw-123',
      'abc.def',
      'eyJabc',
      'ZmFrZS10b2tlbg',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('http://192.168.1.5:8420/?token=[hidden]');
    expect(out).toContain('redis://worker:[hidden]@redis.lan:6379/0');
    expect(out).toContain('"password":"[hidden]"');
  });

  it('writes the home folder as ~ and keeps other paths when the user includes them', () => {
    const text =
      'log: /home/ada/.local/state/framewright/logs/host.log\nffmpeg: /usr/bin/ffmpeg\n/home/adam/x';
    const out = redact(text, { home, includePaths: true });
    expect(out).toBe(
      'log: ~/.local/state/framewright/logs/host.log\nffmpeg: /usr/bin/ffmpeg\n/home/adam/x',
    );
  });

  it('without paths keeps only the last name of each path, in text, commands and JSON', () => {
    const text = [
      'log: /home/ada/.local/state/framewright/logs/host.log',
      '"command":"ffmpeg -y -i file:/media/ada/Holiday 2024/clip.mp4 -c:v libx264 file:/srv/out/.clip.part.mp4"',
      '"file":"/home/ada/Videos/secret-project.mov"',
      'ffmpeg: C:\\Users\\ada\\ffmpeg\\bin\\ffmpeg.exe (bundled) and "C:\\\\Program Files\\\\Framewright\\\\x.dll"',
      'served at http://127.0.0.1:8420/ with scale=1280:720',
    ].join('\n');
    const out = redact(text, { home, includePaths: false });
    expect(out).not.toMatch(/ada|\/media|\/srv|Users|Program Files/);
    expect(out).toContain('log: ~/…/host.log');
    expect(out).toContain('-i file:…/clip.mp4 -c:v libx264 file:…/.clip.part.mp4');
    expect(out).toContain('"file":"~/…/secret-project.mov"');
    expect(out).toContain('ffmpeg: …/ffmpeg.exe (bundled)');
    expect(out).toContain('http://127.0.0.1:8420/ with scale=1280:720');
  });
});
