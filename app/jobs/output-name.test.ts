import { describe, expect, it } from 'vitest';
import { finishName, localDate, MAX_NAME_BYTES, renderName, type NameFields } from './output-name';

const fields: NameFields = {
  name: 'Holiday 2024',
  preset: 'h264-mp4',
  width: 1280,
  height: 720,
  codec: 'h264',
  date: new Date(2026, 0, 5, 23, 59),
};

describe('renderName', () => {
  it.each([
    ['{name}', 'Holiday 2024'],
    ['{name}-{preset}-{height}p', 'Holiday 2024-h264-mp4-720p'],
    ['{name} {width}x{height} {codec}', 'Holiday 2024 1280x720 h264'],
    ['{date} {name}', '2026-01-05 Holiday 2024'],
    ['{name}{name}', 'Holiday 2024Holiday 2024'],
    ['plain', 'plain'],
  ])('%s → %s', (template, name) => {
    expect(renderName(template, fields)).toBe(name);
  });

  it('leaves out what is unknown (audio-only output has no size)', () => {
    expect(renderName('{name}-{height}-{codec}', { ...fields, height: null, codec: null })).toBe(
      'Holiday 2024--',
    );
  });

  it('removes what Windows, macOS or Linux refuse from what the template adds', () => {
    expect(renderName('a:b*c?"d"<e>|f {name}', fields)).toBe('a_b_c__d__e__f Holiday 2024');
    expect(renderName('tab\there', fields)).toBe('tab_here');
  });

  it("keeps the source's own name, but never a separator", () => {
    expect(renderName('{name}', { ...fields, name: 'colon:name "q"' })).toBe('colon:name "q"');
    expect(renderName('{name}', { ...fields, name: 'a\\b' })).toBe('a_b');
  });

  it('avoids device names and trailing dots and spaces, and never renders nothing', () => {
    expect(renderName('{name}', { ...fields, name: 'CON' })).toBe('CON_');
    expect(renderName('{name}', { ...fields, name: 'lpt1.backup' })).toBe('lpt1.backup_');
    expect(renderName('  {name}. . ', fields)).toBe('Holiday 2024');
    expect(renderName('{codec}', { ...fields, codec: null })).toBe('output');
  });
});

describe('finishName', () => {
  it('caps the length in UTF-8 bytes without splitting a character', () => {
    const long = finishName('映'.repeat(100)); // 3 bytes each
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(long).toBe('映'.repeat(Math.floor(MAX_NAME_BYTES / 3)));
    expect(finishName('😀'.repeat(100))).toBe('😀'.repeat(Math.floor(MAX_NAME_BYTES / 4)));
  });
});

describe('localDate', () => {
  it('is the local calendar day', () => {
    expect(localDate(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });
});
