import type { AudioCodec, VideoCodec } from './schema';
import { bool, either, int, listOf, num, oneOf, pair, rate, type OptionRule } from './value-rules';
import { SVTAV1_PARAMS, X264_PARAMS, X265_PARAMS, words } from './encoder-param-keys';

// The options a preset's extraArgs may give each encoder, and the keys allowed inside
// -x264-params, -x265-params and -svtav1-params. Anything not listed is refused: options
// that name files (-passlogfile, -stats, dump-yuv=, csv=, analysis-save=, qpfile=, …)
// simply do not appear. Checked against `ffmpeg -h encoder=<name>` (ffmpeg 5.1).

type Rules = Readonly<Record<string, OptionRule>>;

const COLOUR: Rules = {
  color_primaries: oneOf(
    'bt709 bt470m bt470bg smpte170m smpte240m film bt2020 smpte428 smpte431 smpte432 jedec-p22 ebu3213 unspecified',
  ),
  color_trc: oneOf(
    'bt709 gamma22 gamma28 smpte170m smpte240m linear log100 log316 iec61966-2-4 bt1361e iec61966-2-1 bt2020-10 bt2020-12 smpte2084 smpte428 arib-std-b67 unspecified',
  ),
  colorspace: oneOf(
    'rgb bt709 fcc bt470bg smpte170m smpte240m ycgco bt2020nc bt2020c smpte2085 chroma-derived-nc chroma-derived-c ictcp unspecified',
  ),
  color_range: oneOf('tv pc mpeg jpeg unspecified'),
};

/** Metadata may be dropped (-1), never copied from another input. */
const OUTPUT: Rules = { map_metadata: oneOf('-1'), map_chapters: oneOf('-1') };

/** Options of every video encoder (AVCodecContext). */
const VIDEO: Rules = {
  ...OUTPUT,
  ...COLOUR,
  b: rate,
  maxrate: rate,
  minrate: rate,
  bufsize: rate,
  g: int,
  keyint_min: int,
  qmin: int,
  qmax: int,
  threads: int,
};

/** libvpx options shared by VP8 and VP9. */
const VPX: Rules = {
  ...VIDEO,
  'cpu-used': int,
  tune: oneOf('psnr ssim'),
  'lag-in-frames': int,
  'auto-alt-ref': int,
  'arnr-maxframes': int,
  'arnr-strength': int,
  'arnr-type': int,
  'static-thresh': int,
  'noise-sensitivity': int,
  'undershoot-pct': int,
  'overshoot-pct': int,
  'max-intra-rate': int,
  sharpness: int,
};

/** Options of every audio encoder. */
const AUDIO: Rules = { ...OUTPUT, ar: int, ac: int };

export const ENCODER_OPTIONS: Readonly<Record<VideoCodec | AudioCodec, Rules>> = {
  libx264: {
    ...VIDEO,
    tune: listOf('film animation grain stillimage fastdecode zerolatency psnr ssim'),
    profile: oneOf('baseline main high high10 high422 high444'),
    level: words(/^(1b|[1-6](\.[0-2])?|[1-6][0-2])$/, 'a level such as 4.1'),
    bf: int,
    refs: int,
    tag: oneOf('avc1 avc3'),
    'aq-mode': either(int, oneOf('none variance autovariance autovariance-biased')),
    'aq-strength': num,
    psy: bool,
    'psy-rd': pair,
    'rc-lookahead': int,
    weightb: bool,
    weightp: either(int, oneOf('none simple smart')),
    'b-pyramid': either(int, oneOf('none strict normal')),
    'mixed-refs': bool,
    '8x8dct': bool,
    'fast-pskip': bool,
    aud: bool,
    mbtree: bool,
    deblock: pair,
    'direct-pred': either(int, oneOf('none spatial temporal auto')),
    'nal-hrd': either(int, oneOf('none vbr cbr')),
    'motion-est': oneOf('dia hex umh esa tesa'),
    coder: oneOf('default cavlc cabac vlc ac'),
    sc_threshold: int,
    'forced-idr': bool,
    'bluray-compat': bool,
    'intra-refresh': bool,
    a53cc: bool,
    'x264-params': { keys: X264_PARAMS },
    x264opts: { keys: X264_PARAMS },
  },
  libx265: {
    ...VIDEO,
    tune: oneOf('psnr ssim grain zerolatency fastdecode animation'),
    profile: oneOf(
      'main main10 mainstillpicture msp main-intra main10-intra main444-8 main444-intra main444-stillpicture main422-10 main422-10-intra main444-10 main444-10-intra main12 main12-intra main422-12 main422-12-intra main444-12 main444-12-intra',
    ),
    bf: int,
    refs: int,
    tag: oneOf('hvc1 hev1'),
    'forced-idr': bool,
    'x265-params': { keys: X265_PARAMS },
  },
  libsvtav1: {
    ...VIDEO,
    tile_columns: int,
    tile_rows: int,
    la_depth: int,
    tag: oneOf('av01'),
    'svtav1-params': { keys: SVTAV1_PARAMS },
  },
  'libvpx-vp9': {
    ...VPX,
    'tune-content': either(int, oneOf('default screen film')),
    'tile-columns': int,
    'tile-rows': int,
    'frame-parallel': bool,
    'aq-mode': int,
    level: num,
    'row-mt': bool,
    lossless: int,
    'enable-tpl': bool,
    'corpus-complexity': int,
    tag: oneOf('vp09'),
  },
  libvpx: { ...VPX, 'drop-threshold': int },
  aac: {
    ...AUDIO,
    aac_coder: either(int, oneOf('anmr twoloop fast')),
    aac_ms: bool,
    aac_is: bool,
    aac_pns: bool,
    aac_tns: bool,
    aac_ltp: bool,
    aac_pred: bool,
    aac_pce: bool,
    profile: oneOf('aac_low aac_main aac_ltp mpeg2_aac_low'),
    cutoff: int,
  },
  libmp3lame: {
    ...AUDIO,
    reservoir: bool,
    joint_stereo: bool,
    abr: bool,
    compression_level: int,
    cutoff: int,
  },
  libopus: {
    ...AUDIO,
    application: oneOf('voip audio lowdelay'),
    frame_duration: oneOf('2.5 5 10 20 40 60 80 100 120'),
    packet_loss: int,
    fec: bool,
    vbr: oneOf('off on constrained'),
    mapping_family: int,
    apply_phase_inv: bool,
    compression_level: int,
    cutoff: oneOf('0 4000 6000 8000 12000 20000'),
  },
  flac: {
    ...AUDIO,
    compression_level: int,
    lpc_coeff_precision: int,
    lpc_type: either(int, oneOf('none fixed levinson cholesky')),
    lpc_passes: int,
    min_partition_order: int,
    max_partition_order: int,
    prediction_order_method: oneOf('estimation 2level 4level 8level search log'),
    ch_mode: either(int, oneOf('auto indep left_side right_side mid_side')),
    exact_rice_parameters: bool,
    multi_dim_quant: bool,
    min_prediction_order: int,
    max_prediction_order: int,
    sample_fmt: oneOf('s16 s32'),
  },
};
