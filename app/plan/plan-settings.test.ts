import { assert, describe, expect, it } from 'vitest';
import { loadBuiltInPresets, mediaInfoFrom } from '../../test/fixtures/fixtures';
import type { Analysis, JobSettings } from '../jobs/settings';
import type { MediaInfo, ProbeStream } from '../media/model';
import type { Preset } from '../presets/schema';
import { planJob } from './plan-job';

// The argv each job setting gives, from the one planner (real runs: test/settings-*.test.ts).

const presets = new Map(loadBuiltInPresets().map((p) => [p.id, p]));
const preset = (id: string): Preset => presets.get(id) ?? assert.fail(`no preset ${id}`);
const rotated = mediaInfoFrom('h264-aac2-movtext.mp4.json', '/in/x.mp4');
/** h264 320x240 upright, 25 fps; audio #1 eng (default), #2 fra; mov_text #3 eng; data #4. */
const mp4: MediaInfo = {
  ...rotated,
  streams: rotated.streams.map(({ side_data_list: _, ...s }) => s),
};
/** h264 320x240; audio #1 eng, #2 spa (default); PGS #3 eng; SubRip #4 deu. */
const mkv = mediaInfoFrom('pgs-srt-2audio.mkv.json', '/in/x.mkv');

function plan(
  settings: JobSettings,
  options: { info?: MediaInfo; preset?: string; analysis?: Analysis | null } = {},
): { args: string[]; warnings: string[]; durationSec: number | null; steps: number } {
  const result = planJob({
    info: options.info ?? mp4,
    preset: preset(options.preset ?? 'h264-mp4'),
    hardware: null,
    policy: 'auto',
    output: { final: '/out/x.mp4', temp: '/out/.x.part' },
    stats: null,
    settings,
    analysis: options.analysis,
  });
  const step = result.steps.at(-1) ?? assert.fail('no step');
  return {
    args: step.args,
    warnings: result.warnings,
    durationSec: step.durationSec,
    steps: result.steps.length,
  };
}

const valuesOf = (args: readonly string[], flag: string): string[] =>
  args.flatMap((a, i) => (a === flag ? [args[i + 1] ?? ''] : []));
/** The -vf chain's filters (commas inside quotes or escaped do not split). */
const vf = (args: readonly string[]): string[] =>
  valuesOf(args, '-vf')[0]?.match(/(?:\\.|'[^']*'|[^,'\\])+/g) ?? [];
const maps = (args: readonly string[]): string[] => valuesOf(args, '-map');
const withStreams = (info: MediaInfo, change: (s: ProbeStream) => ProbeStream): MediaInfo => ({
  ...info,
  streams: info.streams.map(change),
});

describe('audio settings', () => {
  it('maps the asked tracks in order, the first default, and names an unknown one', () => {
    const { args, warnings } = plan({
      audio: { tracks: [{ language: 'fra' }, { language: 'deu' }, { index: 1 }] },
    });
    expect(maps(args)).toEqual(['0:0', '0:2', '0:1', '0:3']);
    expect(valuesOf(args, '-disposition:a:0')).toEqual(['default']);
    expect(valuesOf(args, '-disposition:a:1')).toEqual(['-default']);
    expect(warnings).toContain('There is no audio track for language "deu"; it was skipped.');
  });

  it('keeps all or none', () => {
    expect(maps(plan({ audio: { tracks: 'none' } }).args)).toEqual(['0:0', '0:3']);
    const all = plan({ audio: { tracks: 'all' } });
    expect(maps(all.args)).toEqual(['0:0', '0:1', '0:2', '0:3']);
    expect(all.args).not.toContain('-disposition:a:0');
  });

  it('keeps one track where the preset keeps one: the first asked', () => {
    const { args, warnings } = plan(
      { audio: { tracks: [{ language: 'fra' }, { language: 'eng' }] } },
      { preset: 'mp3' },
    );
    expect(maps(args)).toEqual(['0:2']);
    expect(warnings).toContain(
      'This format holds one audio track; kept #2 (aac, fra), dropped #1 (aac, eng).',
    );
  });

  it('copies tracks the container takes with passthrough, and encodes the rest', () => {
    const mkvArgs = plan({ audio: { passthrough: true } }, { preset: 'hevc-mkv' }).args;
    expect(valuesOf(mkvArgs, '-c:a:0')).toEqual(['copy']);
    expect(valuesOf(mkvArgs, '-c:a:1')).toEqual(['copy']);
    expect(mkvArgs).not.toContain('-b:a:0');
    // WebM takes Opus and Vorbis only: the AAC tracks are encoded.
    const webm = plan({ audio: { passthrough: true } }, { preset: 'vp9-webm' }).args;
    expect(webm).not.toContain('-c:a:0');
    expect(valuesOf(webm, '-c:a')).toEqual(['libopus']);
  });

  it('mixes surround down to 5.1 or stereo, and sizes the bit rate per channel', () => {
    const surround = withStreams(mp4, (s) =>
      s.codec_type === 'audio' ? { ...s, channels: 8, channel_layout: '7.1' } : s,
    );
    const five = plan(
      { audio: { mix: '5.1', kbpsPerChannel: 64 } },
      { info: surround, preset: 'hevc-mkv' },
    );
    expect(valuesOf(five.args, '-filter:a:0')).toEqual(['aformat=channel_layouts=5.1']);
    expect(valuesOf(five.args, '-b:a:0')).toEqual(['384k']);
    const keep = plan({ audio: { mix: 'keep' } }, { info: surround, preset: 'h264-mp4' }).args;
    expect(keep).not.toContain('-filter:a:0');
    const stereo = plan({ audio: { mix: 'stereo' } }, { info: surround, preset: 'hevc-mkv' }).args;
    expect(valuesOf(stereo, '-filter:a:0')).toEqual(['aformat=channel_layouts=stereo']);
    expect(valuesOf(stereo, '-b:a:0')).toEqual(['160k']);
  });
});

describe('subtitle settings', () => {
  it('keeps all, none, forced or languages in order', () => {
    const forced = withStreams(mkv, (s) =>
      s.index === 4 ? { ...s, disposition: { ...s.disposition, forced: 1 } } : s,
    );
    const keep = (k: NonNullable<JobSettings['subtitles']>['keep'], info = mkv): string[] =>
      maps(plan({ subtitles: { keep: k } }, { info, preset: 'hevc-mkv' }).args).slice(3);
    expect(keep('all')).toEqual(['0:3', '0:4']);
    expect(keep('none')).toEqual([]);
    expect(keep('forced', forced)).toEqual(['0:4']);
    expect(keep(['deu', 'eng'])).toEqual(['0:4', '0:3']);
    expect(plan({ subtitles: { keep: ['fra'] } }, { info: mkv }).warnings).toContain(
      'There is no subtitle track in language "fra"; it was skipped.',
    );
  });

  it('still converts text to what the container carries, and says what was dropped', () => {
    const { args, warnings } = plan({ subtitles: { keep: 'all' } }, { info: mkv });
    expect(valuesOf(args, '-c:s:0')).toEqual(['mov_text']);
    expect(warnings.some((w) => w.startsWith('Subtitle track #3 (hdmv_pgs_subtitle, eng)'))).toBe(
      true,
    );
  });

  it('burns a text track through libass with the path escaped for the filter graph', () => {
    const info = { ...mkv, path: "/in/it's: a, b;[x].mkv" };
    const { args } = plan({ subtitles: { burn: { language: 'deu' } } }, { info });
    expect(vf(args).join(',')).toContain(
      "subtitles=filename=file\\\\:/in/it\\\\\\'s\\\\: a\\, b\\;\\[x\\].mkv:si=1",
    );
    // The burned track does not travel as a track too.
    expect(maps(args)).not.toContain('0:4');
  });

  it('moves the frames onto the subtitle clock around the filter when trimmed', () => {
    const { args } = plan(
      { trim: { startSec: 1.5 }, subtitles: { burn: { index: 4 } } },
      {
        info: mkv,
      },
    );
    const chain = vf(args);
    const at = chain.findIndex((f) => f.startsWith('subtitles='));
    expect(chain[at - 1]).toBe('setpts=PTS+1.500000/TB');
    expect(chain[at + 1]).toBe('setpts=PTS-1.500000/TB');
  });

  it('burns a bitmap track through overlay in a complex graph', () => {
    const { args } = plan(
      { subtitles: { burn: { language: 'eng' } }, crop: { width: 320, height: 200, x: 0, y: 20 } },
      { info: mkv, preset: 'hevc-mkv' },
    );
    expect(args).not.toContain('-vf');
    expect(valuesOf(args, '-filter_complex')).toEqual([
      '[0:0]crop=320:200:0:20[v1];[0:3][v1]scale2ref=w=iw:h=ih[s1][m1];[m1][s1]overlay=eof_action=pass[vout]',
    ]);
    expect(maps(args)[0]).toBe('[vout]');
  });

  it('cannot burn into copied video, and says so', () => {
    const { warnings } = plan(
      { subtitles: { burn: { index: 4 } } },
      { preset: 'remux-mkv', info: mkv },
    );
    expect(warnings).toContain(
      'Subtitle track #4 (subrip, deu) was not burned in: the video is copied, not encoded.',
    );
  });
});

describe('chapters, trim and quality', () => {
  it('drops chapters', () => {
    expect(valuesOf(plan({ chapters: false }).args, '-map_chapters')).toEqual(['-1']);
    expect(valuesOf(plan({ chapters: true }).args, '-map_chapters')).toEqual(['0']);
  });

  it('trims with input options and counts progress over the trimmed length', () => {
    const { args, durationSec, warnings } = plan({ trim: { startSec: 0.5, endSec: 1.5 } });
    const input = args.indexOf('-i');
    expect(args.slice(input - 4, input)).toEqual(['-ss', '0.5', '-t', '1']);
    expect(durationSec).toBe(1);
    expect(warnings).toEqual([]);
    expect(plan({ trim: { startSec: 0.5 } }).durationSec).toBeCloseTo((mp4.durationSec ?? 0) - 0.5);
  });

  it('warns that a stream copy cuts at a keyframe', () => {
    expect(plan({ trim: { startSec: 0.5 } }, { preset: 'remux-mkv' }).warnings).toContain(
      'The video is copied, not encoded, so the cut starts at the keyframe at or before the asked start.',
    );
  });

  it('overrides the preset CRF and speed, a speed the encoder takes', () => {
    const { args } = plan({ crf: 30, speed: 'veryfast' });
    expect(valuesOf(args, '-crf')).toEqual(['30']);
    expect(valuesOf(args, '-preset')).toEqual(['veryfast']);
    const av1 = plan({ speed: 'veryfast' }, { preset: 'av1-mkv' });
    expect(valuesOf(av1.args, '-preset')).toEqual(['8']);
    expect(av1.warnings).toContain(
      'The speed "veryfast" does not apply to libsvtav1, so the preset\'s speed was kept.',
    );
    expect(valuesOf(plan({ speed: '10' }, { preset: 'av1-mkv' }).args, '-preset')).toEqual(['10']);
  });
});

describe('picture settings', () => {
  it('crops a rectangle, the analysed area for auto, and nothing it cannot', () => {
    const rect = { width: 300, height: 200, x: 10, y: 20 };
    expect(vf(plan({ crop: rect }).args)).toContain('crop=300:200:10:20');
    const analysis = { crop: rect, interlaced: null };
    expect(vf(plan({ crop: 'auto' }, { analysis }).args)).toContain('crop=300:200:10:20');
    const blind = plan({ crop: 'auto' });
    expect(vf(blind.args).some((f) => f.startsWith('crop='))).toBe(false);
    expect(blind.warnings).toContain(
      'Crop is set to auto but the source was not analysed, so nothing was cropped.',
    );
    expect(plan({ crop: 'auto' }, { analysis: { crop: null, interlaced: null } }).warnings).toEqual(
      [],
    );
    const big = plan({ crop: { ...rect, x: 100 } });
    expect(vf(big.args).some((f) => f.startsWith('crop='))).toBe(false);
    expect(big.warnings[0]).toMatch(/does not fit the 320x240 picture/);
  });

  it('crops an upright picture: a rotated source is turned as it is decoded', () => {
    const phone = withStreams(mp4, (s) =>
      s.index === 0 ? { ...s, side_data_list: [{ rotation: -90 }] } : s,
    );
    const { args, warnings } = plan(
      { crop: { width: 200, height: 300, x: 0, y: 10 } },
      { info: phone },
    );
    expect(vf(args)).toContain('crop=200:300:0:10');
    expect(warnings).toEqual([]);
  });

  it('deinterlaces when on, or when auto and the field order or analysis says so', () => {
    const bwdif = (settings: JobSettings, info = mp4, analysis: Analysis | null = null): boolean =>
      vf(plan(settings, { info, analysis }).args).some((f) => f.startsWith('bwdif='));
    const tff = withStreams(mp4, (s) => (s.index === 0 ? { ...s, field_order: 'tt' } : s));
    expect(bwdif({ deinterlace: 'on' })).toBe(true);
    expect(bwdif({ deinterlace: 'auto' })).toBe(false);
    expect(bwdif({ deinterlace: 'auto' }, tff)).toBe(true);
    expect(bwdif({ deinterlace: 'auto' }, mp4, { crop: null, interlaced: true })).toBe(true);
    expect(bwdif({ deinterlace: 'off' }, tff)).toBe(false);
  });

  it('denoises light or strong', () => {
    expect(vf(plan({ denoise: 'light' }).args)).toContain('hqdn3d=2:1:2:3');
    expect(vf(plan({ denoise: 'strong' }).args)).toContain('hqdn3d=7:7:5:5');
    expect(vf(plan({ denoise: 'off' }).args).some((f) => f.startsWith('hqdn3d'))).toBe(false);
  });

  it('rotates and flips', () => {
    expect(vf(plan({ rotate: 90 }).args)).toContain('transpose=clock');
    expect(vf(plan({ rotate: 270 }).args)).toContain('transpose=cclock');
    expect(vf(plan({ rotate: 180, flip: 'horizontal' }).args).slice(0, 3)).toEqual([
      'hflip',
      'vflip',
      'hflip',
    ]);
  });

  it('scales down to the width and height limits with one scale filter', () => {
    expect(vf(plan({ maxWidth: 161 }).args)).toContain("scale='min(160,iw)':-2");
    expect(vf(plan({ maxHeight: 100 }).args)).toContain("scale=-2:'min(100,ih)'");
    // With both, the one that binds (320x240 into 200x100: the height) scales.
    const both = vf(plan({ maxWidth: 200, maxHeight: 100 }).args);
    expect(both.filter((f) => f.startsWith('scale'))).toEqual(["scale=-2:'min(100,ih)'"]);
    const wide = vf(plan({ maxWidth: 100, maxHeight: 200 }).args);
    expect(wide.filter((f) => f.startsWith('scale'))).toEqual(["scale='min(100,iw)':-2"]);
  });

  it('caps the frame rate only when the source is faster', () => {
    expect(vf(plan({ maxFps: 24 }).args)).toContain('fps=24');
    expect(vf(plan({ maxFps: 30 }).args).some((f) => f.startsWith('fps='))).toBe(false);
  });

  it('emits one chain in order: deinterlace, crop, rotate, denoise, size, fps, burn, format', () => {
    const info = withStreams(mkv, (s) => (s.index === 0 ? { ...s, pix_fmt: 'yuv422p' } : s));
    const { args } = plan(
      {
        deinterlace: 'on',
        crop: { width: 300, height: 200, x: 0, y: 0 },
        rotate: 90,
        denoise: 'light',
        maxHeight: 160,
        maxFps: 24,
        subtitles: { burn: { index: 4 } },
      },
      { info },
    );
    expect(valuesOf(args, '-vf')).toHaveLength(1);
    expect(vf(args).map((f) => f.split('=')[0])).toEqual([
      'bwdif',
      'crop',
      'transpose',
      'hqdn3d',
      'scale',
      'fps',
      'subtitles',
      'format',
    ]);
  });
});

describe('resolution changes', () => {
  /** The mp4 fixture, its picture growing to 640x360 after two seconds. */
  const segment = (startSec: number, width: number, height: number) => ({
    startPts: startSec * 90000,
    startSec,
    width,
    height,
  });
  const sizes: MediaInfo = {
    ...mp4,
    resolution: {
      streamIndex: 0,
      method: 'keyframes',
      timeBase: [1, 90000],
      segments: [segment(0, 320, 240), segment(2, 640, 360)],
    },
  };
  const reinit = (settings: JobSettings) =>
    planJob({
      info: sizes,
      preset: preset('hevc-mkv'),
      hardware: null,
      policy: 'reinit',
      output: { final: '/out/x.mkv', temp: '/out/.x.part' },
      stats: null,
      settings,
    });

  it('applies the filters and quality to every segment', () => {
    const result = reinit({ denoise: 'strong', crf: 18, chapters: false });
    expect(result.steps).toHaveLength(3);
    for (const step of result.steps.slice(0, 2)) {
      expect(vf(step.args)).toContain('hqdn3d=7:7:5:5');
      expect(valuesOf(step.args, '-crf')).toEqual(['18']);
    }
    expect(valuesOf(result.steps[2]?.args ?? [], '-map_chapters')).toEqual(['-1']);
  });

  it('sizes each part of a quarter-rotated source upright, as ffmpeg decodes it', () => {
    const turned: MediaInfo = { ...rotated, resolution: sizes.resolution };
    const parts = planJob({
      info: turned,
      preset: preset('hevc-mkv'),
      hardware: null,
      policy: 'reinit',
      output: { final: '/out/x.mkv', temp: '/out/.x.part' },
      stats: null,
    });
    expect(parts.steps.slice(0, 2).map((step) => vf(step.args)[1])).toEqual([
      'scale=240:320',
      'scale=360:640',
    ]);
    const fitted = planJob({
      info: turned,
      preset: preset('h264-mp4'),
      hardware: null,
      policy: 'fit',
      output: { final: '/out/x.mp4', temp: '/out/.x.part' },
      stats: null,
    });
    expect(vf(fitted.steps[0]?.args ?? []).join(',')).toMatch(/^scale=360:640:/);
  });

  it('fits a trimmed job into one canvas instead of encoding it part by part', () => {
    const result = reinit({ trim: { startSec: 1 }, rotate: 90 });
    expect(result.steps).toHaveLength(1);
    // The canvas is the largest picture turned on its side.
    expect(vf(result.steps[0]?.args ?? [])).toContain(
      'scale=360:640:force_original_aspect_ratio=decrease:force_divisible_by=2',
    );
    expect(result.warnings.join('\n')).toMatch(/trimmed or subtitle-burning job/);
  });
});
