import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ENCODER_OPTIONS } from '../app/presets/encoder-options';
import { AudioCodecSchema } from '../app/presets/schema';

// Every option the preset allowlist names is one this ffmpeg really has, for that encoder:
// its own options (`ffmpeg -h encoder=…`), the codec options every encoder of its kind
// takes, or ffmpeg's own output options.

const help = (...args: string[]): string =>
  execFileSync('ffmpeg', ['-hide_banner', '-h', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });

/** `  -name   <type>   E..VA......` lines: name and flags. */
function optionLines(text: string): { name: string; flags: string }[] {
  return [...text.matchAll(/^ {2}-(\S+)\s+<\w+>\s+(\S+)/gm)].map((m) => ({
    name: m[1] ?? '',
    flags: m[2] ?? '',
  }));
}

const full = help('full');
const start = full.indexOf('AVCodecContext AVOptions:');
const end = full.indexOf('AVOptions:\n', start + 30);
const codecOptions = optionLines(full.slice(start, end));
/** ffmpeg's own options (`-tag`, `-map_metadata`, …) start at column 0. */
const mainOptions = [...full.slice(0, start).matchAll(/^-(\S+)/gm)].map((m) => m[1] ?? '');

describe.each(Object.entries(ENCODER_OPTIONS))('%s', (codec, options) => {
  it('lists only options this ffmpeg has for it', () => {
    const kind = AudioCodecSchema.safeParse(codec).success ? 'A' : 'V';
    const known = new Set([
      ...optionLines(help(`encoder=${codec}`)).map((o) => o.name),
      ...codecOptions
        .filter((o) => o.flags[0] === 'E' && o.flags.includes(kind))
        .map((o) => o.name),
      ...mainOptions,
    ]);
    expect(Object.keys(options).filter((name) => !known.has(name))).toEqual([]);
  });
});
