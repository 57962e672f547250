import { describe, expect, it } from 'vitest';
import { loadBuiltInPresets, mediaInfoFrom } from '../../test/fixtures/fixtures';
import type { MediaInfo, ProbeStream } from '../media/model';
import type { Preset, VideoSettings } from '../presets/schema';
import { buildConvertArgs } from './convert-args';
import { alignFilters } from './picture';
import { buildReinitPlan } from './resolution-plan';

// Pictures every encoder accepts: odd sizes cropped (never stretched) with the display
// aspect kept, unusual pixel formats converted to what the preset asks for.

const presets = loadBuiltInPresets();
const preset = (id: string): Preset => {
  const found = presets.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no preset ${id}`);
  return found;
};
const base = mediaInfoFrom('h264-aac2-movtext.mp4.json', '/in/x.mp4');

/** The fixture with its video stream changed, and upright (the recording is turned 90°). */
function withVideo(video: Partial<ProbeStream>): MediaInfo {
  const upright = ({ side_data_list: _, ...s }: ProbeStream): ProbeStream => s;
  return {
    ...base,
    streams: base.streams.map((s) => (s.codec_type === 'video' ? { ...upright(s), ...video } : s)),
  };
}

function vf(
  p: Preset,
  media: MediaInfo,
  hardware: Parameters<typeof buildConvertArgs>[0]['hardware'] = null,
): string[] {
  const { args } = buildConvertArgs({ preset: p, info: media, output: '/out/o.tmp', hardware });
  return args.flatMap((a, i) => (a === '-vf' ? [args[i + 1] ?? ''] : []));
}

const withSettings = (id: string, video: Partial<VideoSettings>): Preset => {
  const p = preset(id);
  if (typeof p.video !== 'object') throw new Error(id);
  return { ...p, video: { ...p.video, ...video } };
};

const odd = withVideo({ width: 333, height: 277, sample_aspect_ratio: '1:1', pix_fmt: 'yuv420p' });
const CROP = 'crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0';
/** 333:277 kept on 332x276: SAR (333*276):(332*277) reduced. */
const KEEP_DAR = 'setsar=r=22977/22991:max=65535';

describe('picture size', () => {
  it('crops an odd 4:2:0 picture to even and keeps its display aspect', () => {
    expect(vf(preset('h264-mp4'), odd)).toEqual([`${CROP},${KEEP_DAR}`]);
  });

  it('leaves an even picture in its own format alone', () => {
    expect(vf(preset('h264-mp4'), base)).toEqual([]);
  });

  it('corrects a non-square source aspect the same way', () => {
    const media = withVideo({ width: 719, height: 480, sample_aspect_ratio: '8:9' });
    // 719x480 at 8:9 → 718x480 at (8*719):(9*718).
    expect(vf(preset('h264-mp4'), media)).toEqual([
      'crop=trunc(iw/2)*2:trunc(ih/2)*2:0:0,setsar=r=2876/3231:max=65535',
    ]);
  });

  it('crops with an expression when the size is unknown', () => {
    expect(alignFilters({}, { x: 2, y: 2 })).toEqual([CROP]);
  });

  it('aligns 4:2:2 across only and leaves 4:4:4 as is', () => {
    expect(vf(withSettings('h264-mp4', { pixelFormat: 'yuv422p' }), odd)).toEqual([
      'crop=trunc(iw/2)*2:ih:0:0,setsar=r=333/332:max=65535,format=yuv422p',
    ]);
    expect(vf(withSettings('h264-mp4', { pixelFormat: 'yuv444p' }), odd)).toEqual([
      'format=yuv444p',
    ]);
  });

  it('crops before the maxHeight scale, which keeps both sides even', () => {
    expect(vf(withSettings('h264-mp4', { maxHeight: 720 }), odd)).toEqual([
      `${CROP},${KEEP_DAR},scale=-2:'min(720,ih)'`,
    ]);
    expect(vf(withSettings('h264-mp4', { maxHeight: 481 }), base)).toEqual([
      "scale=-2:'min(480,ih)'",
    ]);
  });

  it('aligns for hardware encoders too, before the upload, without a software format', () => {
    const media = withVideo({ width: 333, height: 277, pix_fmt: 'yuv444p' });
    expect(vf(preset('h264-mp4-gpu'), media, { backend: 'vaapi', encoder: 'h264_vaapi' })).toEqual([
      `${CROP},${KEEP_DAR},format=nv12,hwupload`,
    ]);
    expect(vf(preset('h264-mp4-gpu'), media, { backend: 'nvidia', encoder: 'h264_nvenc' })).toEqual(
      [`${CROP},${KEEP_DAR}`],
    );
  });

  it('emits one filter list with the fit canvas and the pixel format', () => {
    const { args } = buildConvertArgs({
      preset: preset('h264-mp4'),
      info: withVideo({ pix_fmt: 'yuv444p' }),
      output: '/out/o.tmp',
      fit: { width: 640, height: 360 },
    });
    expect(args.filter((a) => a === '-vf')).toHaveLength(1);
    expect(args[args.indexOf('-vf') + 1]).toBe(
      'scale=640:360:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p',
    );
  });

  it('crops each odd reinit segment at its own size', () => {
    const media = withVideo({ width: 320, height: 240 });
    const plan = buildReinitPlan({
      preset: preset('h264-mp4'),
      info: {
        ...media,
        resolution: {
          streamIndex: 0,
          method: 'keyframes',
          timeBase: [1, 1000],
          segments: [
            { startPts: 0, startSec: 0, width: 320, height: 240 },
            { startPts: 500, startSec: 0.5, width: 333, height: 277 },
          ],
        },
      },
      settings: { codec: 'libx264', crf: 23, pixelFormat: 'yuv420p', extraArgs: [] },
      output: '/out/o.tmp',
      workDir: '/out/work',
      hardware: null,
    });
    const chains = plan.steps.map((step) => step.args[step.args.indexOf('-vf') + 1] ?? '');
    expect(chains[0]).toBe('select=lt(pts\\,500),scale=320:240');
    expect(chains[1]).toBe(`select=gte(pts\\,500),scale=333:277,${CROP},${KEEP_DAR}`);
  });
});

describe('pixel format', () => {
  it.each([
    ['yuv444p', 'format=yuv420p'],
    ['yuv420p10le', 'format=yuv420p'],
    ['rgba', 'format=yuv420p'],
    ['pal8', 'format=yuv420p'],
    ['yuvj420p', 'format=yuv420p'],
  ])('h264-mp4 converts %s in the chain: %s', (pixFmt, chain) => {
    expect(vf(preset('h264-mp4'), withVideo({ pix_fmt: pixFmt }))).toEqual([chain]);
  });

  it.each([
    ['libx264', 'yuv444p', ['format=yuv420p']],
    ['libx264', 'yuv420p10le', ['format=yuv420p']],
    ['libx264', 'bgra', ['format=yuv420p']],
    ['libx264', 'yuvj420p', []],
    ['libx265', 'yuv420p10le', []],
    ['libx265', 'yuv444p12le', ['format=yuv420p10le']],
    ['libx265', 'gbrp', ['format=yuv420p']],
    ['libvpx', 'yuv420p10le', ['format=yuv420p']],
  ] as const)('without a preset format, %s on %s gets %j', (codec, pixFmt, chain) => {
    const p: Preset = { ...preset('hevc-mkv'), video: { codec, crf: 23, extraArgs: [] } };
    expect(vf(p, withVideo({ pix_fmt: pixFmt }))).toEqual(chain);
  });
});
