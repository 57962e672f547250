import type { Analysis, CropRect, JobSettings } from '../jobs/settings';
import type { ProbeStream } from '../media/model';
import { frameRateOf, interlacedFieldOrder } from '../media/streams';
import { turned, type PictureIn } from './picture';

// The picture filters a job's settings ask for, in the chain's order: deinterlace, crop,
// rotate and flip, denoise (before the size), and the frame-rate cap (after it). The
// size itself (maxWidth/maxHeight) and the burn-in are placed by the chain builder.

/** hqdn3d strengths (luma spatial : chroma spatial : luma temporal : chroma temporal), HandBrake's light and strong. */
export const DENOISE = { light: 'hqdn3d=2:1:2:3', strong: 'hqdn3d=7:7:5:5' } as const;

/** bwdif keeping the frame rate (one frame per frame), every frame deinterlaced. */
export const DEINTERLACE = 'bwdif=mode=send_frame:parity=auto:deint=all';

const ROTATE: Record<number, string[]> = {
  90: ['transpose=clock'],
  180: ['hflip', 'vflip'],
  270: ['transpose=cclock'],
};
const FLIP = { none: [], horizontal: ['hflip'], vertical: ['vflip'] } as const;

export interface Shaping {
  /** Deinterlace → crop → rotate/flip → denoise. */
  before: string[];
  /** The picture after `before`, for the alignment and the size. */
  picture: PictureIn;
  /** The job's width limit (its height limit is in the preset's video settings). */
  maxWidth: number | undefined;
  /** The frame-rate cap, after the size. */
  after: string[];
  warnings: string[];
}

function deinterlace(
  settings: JobSettings,
  analysis: Analysis | null,
  stream: ProbeStream | undefined,
): string[] {
  const mode = settings.deinterlace ?? 'off';
  const interlaced = analysis?.interlaced === true || interlacedFieldOrder(stream);
  return mode === 'on' || (mode === 'auto' && interlaced) ? [DEINTERLACE] : [];
}

function cropRect(
  settings: JobSettings,
  analysis: Analysis | null,
  warnings: string[],
): CropRect | null {
  const crop = settings.crop ?? 'none';
  if (crop === 'none') return null;
  if (crop !== 'auto') return crop;
  if (analysis === null)
    warnings.push('Crop is set to auto but the source was not analysed, so nothing was cropped.');
  return analysis?.crop ?? null;
}

const fits = (rect: CropRect, { width, height }: PictureIn): boolean =>
  width === undefined ||
  height === undefined ||
  (rect.x + rect.width <= width && rect.y + rect.height <= height);

/** The settings' picture filters for a picture entering the chain as `picture`. */
export function shapePicture(
  settings: JobSettings,
  analysis: Analysis | null,
  stream: ProbeStream | undefined,
  picture: PictureIn,
): Shaping {
  const warnings: string[] = [];
  const before = deinterlace(settings, analysis, stream);
  let out = picture;
  const rect = cropRect(settings, analysis, warnings);
  if (rect !== null && !fits(rect, picture)) {
    warnings.push(
      `The crop ${rect.width}x${rect.height} at ${rect.x},${rect.y} does not fit the ${picture.width}x${picture.height} picture, so nothing was cropped.`,
    );
  } else if (rect !== null) {
    before.push(`crop=${rect.width}:${rect.height}:${rect.x}:${rect.y}`);
    out = { ...out, width: rect.width, height: rect.height };
  }
  const turns = ROTATE[settings.rotate ?? 0] ?? [];
  if (turns[0]?.startsWith('transpose') === true) out = turned(out);
  before.push(...turns, ...FLIP[settings.flip ?? 'none']);
  const denoise = settings.denoise ?? 'off';
  if (denoise !== 'off') before.push(DENOISE[denoise]);
  const fps = frameRateOf(stream);
  const cap = settings.maxFps;
  const after = cap !== undefined && fps !== null && fps > cap + 1e-6 ? [`fps=${cap}`] : [];
  return { before, picture: out, maxWidth: settings.maxWidth, after, warnings };
}
