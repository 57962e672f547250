import { describe, expect, it } from 'vitest';
import type { MediaInfo, ProbeStream } from '../media/model';
import { parsePreset, type Preset, type PresetInput } from '../presets/schema';
import { outputPicture } from './output-picture';

function preset(input: Partial<PresetInput>): Preset {
  const parsed = parsePreset({
    id: 'p',
    name: 'P',
    container: 'matroska',
    extension: '.mkv',
    video: { codec: 'libx264', crf: 23 },
    audio: { codec: 'aac' },
    ...input,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join(' '));
  return parsed.preset;
}

function source(video: Partial<ProbeStream> | null, audio = 'ac3'): MediaInfo {
  const streams: ProbeStream[] = [{ index: 0, codec_type: 'audio', codec_name: audio }];
  if (video !== null)
    streams.unshift({ index: 0, codec_type: 'video', codec_name: 'mpeg2video', ...video });
  return { path: '/in.ts', streams, chapters: [], format: {} } as unknown as MediaInfo;
}

const hd = source({ width: 1920, height: 1080 });

describe('outputPicture', () => {
  it("is the source's size and the encoder's format when nothing changes the picture", () => {
    expect(outputPicture(hd, preset({}))).toEqual({
      size: { width: 1920, height: 1080 },
      codec: 'h264',
    });
  });

  it('follows the preset and the settings: limits keep the aspect, the settings win', () => {
    const limited = preset({ video: { codec: 'libx265', crf: 28, maxHeight: 720 } });
    expect(outputPicture(hd, limited)).toEqual({
      size: { width: 1280, height: 720 },
      codec: 'hevc',
    });
    expect(outputPicture(hd, limited, { maxHeight: 480 }).size).toEqual({
      width: 854,
      height: 480,
    });
    expect(outputPicture(hd, preset({}), { maxWidth: 640 }).size).toEqual({
      width: 640,
      height: 360,
    });
    expect(outputPicture(hd, preset({}), { maxHeight: 4320 }).size).toEqual({
      width: 1920,
      height: 1080,
    });
  });

  it('crops (a rectangle, or what the analysis found for auto) and turns', () => {
    const crop = { width: 1920, height: 800, x: 0, y: 140 };
    expect(outputPicture(hd, preset({}), { crop }).size).toEqual({ width: 1920, height: 800 });
    expect(
      outputPicture(hd, preset({}), { crop: 'auto' }, { crop, interlaced: null }).size,
    ).toEqual({ width: 1920, height: 800 });
    expect(outputPicture(hd, preset({}), { crop: 'auto' }).size).toEqual({
      width: 1920,
      height: 1080,
    });
    expect(outputPicture(hd, preset({}), { rotate: 90 }).size).toEqual({
      width: 1080,
      height: 1920,
    });
    const phone = source({ width: 1920, height: 1080, side_data_list: [{ rotation: -90 }] });
    expect(outputPicture(phone, preset({})).size).toEqual({ width: 1080, height: 1920 });
  });

  it('copies: the source codec; audio-only: no size and the audio format', () => {
    expect(outputPicture(hd, preset({ video: 'copy', audio: 'copy' }))).toEqual({
      size: { width: 1920, height: 1080 },
      codec: 'mpeg2video',
    });
    const opus = preset({
      container: 'ogg',
      extension: '.opus',
      video: 'none',
      audio: { codec: 'libopus' },
    });
    expect(outputPicture(hd, opus)).toEqual({ size: null, codec: 'opus' });
    const remux = preset({ video: 'copy', audio: 'copy' });
    expect(outputPicture(source(null), remux)).toEqual({ size: null, codec: 'ac3' });
  });
});
