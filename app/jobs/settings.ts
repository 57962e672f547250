import { z } from 'zod';
import { MetricsSettingsSchema } from './metrics';
import { QualityTargetSchema } from '../quality/target';

// What one job (or a selection) changes from its preset: tracks, trim, crop, filters,
// name and folder, quality. Every field is optional; an absent field keeps the preset's
// choice. One schema, validated wherever settings cross a boundary (CLI flags, the api,
// the saved queue) and read by the one planner (app/plan/plan-job.ts).

/** ISO 639-2 language code, as containers tag tracks ("eng", "fra"). */
export const LanguageSchema = z
  .string()
  .regex(/^[a-z]{3}$/, 'use a three-letter ISO 639-2 code such as eng or fra');

/** One track, by language (the first track in that language) or by its stream index. */
export const TrackPickSchema = z.union([
  z.strictObject({ language: LanguageSchema }),
  z.strictObject({ index: z.number().int().min(0).max(9999) }),
]);
export type TrackPick = z.infer<typeof TrackPickSchema>;

export const AudioChoiceSchema = z.strictObject({
  /** Which tracks, in this order; the first is marked default. */
  tracks: z
    .union([z.literal('all'), z.literal('none'), z.array(TrackPickSchema).min(1).max(64)])
    .optional(),
  /** Keep each track's layout, or mix down to stereo or 5.1. */
  mix: z.enum(['keep', 'stereo', '5.1']).optional(),
  /** Copy tracks whose codec the container accepts instead of encoding them. */
  passthrough: z.boolean().optional(),
  /** Bitrate per channel for encoded tracks (a stereo track gets twice this). */
  kbpsPerChannel: z.number().int().min(8).max(320).optional(),
});
export type AudioChoice = z.infer<typeof AudioChoiceSchema>;

export const SubtitleChoiceSchema = z.strictObject({
  /** Which subtitle tracks travel as tracks: all, none, forced ones only, or these languages in order. */
  keep: z
    .union([z.enum(['all', 'none', 'forced']), z.array(LanguageSchema).min(1).max(64)])
    .optional(),
  /** Burn one track into the picture (text through libass, bitmaps through overlay). */
  burn: TrackPickSchema.optional(),
});
export type SubtitleChoice = z.infer<typeof SubtitleChoiceSchema>;

export const CropRectSchema = z.strictObject({
  width: z.number().int().min(16).max(16384),
  height: z.number().int().min(16).max(16384),
  x: z.number().int().min(0).max(16384),
  y: z.number().int().min(0).max(16384),
});
export type CropRect = z.infer<typeof CropRectSchema>;

export const TrimSchema = z
  .strictObject({
    /** Seconds from the start of the source. */
    startSec: z.number().min(0).max(1e7).optional(),
    endSec: z.number().positive().max(1e7).optional(),
  })
  .refine((t) => t.startSec === undefined || t.endSec === undefined || t.endSec > t.startSec, {
    message: 'the end must come after the start',
    path: ['endSec'],
  });
export type Trim = z.infer<typeof TrimSchema>;

/** The placeholders a name template may use. */
export const NAME_FIELDS = ['name', 'preset', 'width', 'height', 'codec', 'date'] as const;

export const NameTemplateSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((t) => !/[\\/]/.test(t) && !t.includes('..'), {
    message: 'a name cannot contain / or \\ or ..',
  })
  .refine(
    (t) =>
      [...t.matchAll(/\{([^}]*)\}/g)].every(([, f]) =>
        (NAME_FIELDS as readonly string[]).includes(f ?? ''),
      ),
    { message: `use only ${NAME_FIELDS.map((f) => `{${f}}`).join(', ')}` },
  );

/** Where the output goes: the chosen folder, beside its source, or the chosen folder mirroring the dropped folder's tree. */
export const FolderModeSchema = z.enum(['chosen', 'beside-source', 'keep-tree']);
export type FolderMode = z.infer<typeof FolderModeSchema>;

export const JobSettingsSchema = z.strictObject({
  audio: AudioChoiceSchema.optional(),
  subtitles: SubtitleChoiceSchema.optional(),
  /** Keep chapters (the default) or drop them. */
  chapters: z.boolean().optional(),
  trim: TrimSchema.optional(),
  /** auto: detected with cropdetect at several positions; none; or a rectangle. */
  crop: z.union([z.enum(['auto', 'none']), CropRectSchema]).optional(),
  /** auto: from the field order and idet; on; off. */
  deinterlace: z.enum(['auto', 'on', 'off']).optional(),
  denoise: z.enum(['off', 'light', 'strong']).optional(),
  /** Largest output size, display aspect kept. */
  maxWidth: z.number().int().min(16).max(16384).optional(),
  maxHeight: z.number().int().min(16).max(16384).optional(),
  rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).optional(),
  flip: z.enum(['none', 'horizontal', 'vertical']).optional(),
  /** Frames per second at most (absent: same as the source). */
  maxFps: z.number().positive().max(240).optional(),
  /** Quality override for the video encoder (CRF; lower is better). */
  crf: z.number().int().min(0).max(63).optional(),
  /** Speed override (x264/x265 preset names, SVT-AV1 0..13). */
  speed: z
    .string()
    .regex(/^[a-z0-9]{1,20}$/)
    .optional(),
  /** Output name without extension, e.g. "{name} ({preset})"; default "{name}". */
  name: NameTemplateSchema.optional(),
  folder: FolderModeSchema.optional(),
  /**
   * Encode one file as parallel chunks joined by stream copy: `auto` chunks only where
   * this machine's measurement says it pays; `off`; or a number of chunks (1 = off).
   */
  chunks: z.union([z.enum(['auto', 'off']), z.number().int().min(1).max(64)]).optional(),
  /** `auto` (the default): decode on hardware where the matrix says that decoder works; `off`: software. */
  hwDecode: z.enum(['auto', 'off']).optional(),
  /** Measure the output against the source after the encode (app/jobs/metrics.ts). */
  metrics: MetricsSettingsSchema.optional(),
  /** Encode at the highest CRF whose samples reach this score (app/quality/), instead of a fixed CRF. */
  quality: QualityTargetSchema.optional(),
});
export type JobSettings = z.infer<typeof JobSettingsSchema>;

/** What the analysis of a source found, for the `auto` settings (crop, deinterlace). */
export const AnalysisSchema = z.strictObject({
  /** The picture area without black bars; null when nothing to crop or not analysed. */
  crop: CropRectSchema.nullable(),
  /** True when idet or the field order says the source is interlaced; null when unknown. */
  interlaced: z.boolean().nullable(),
});
export type Analysis = z.infer<typeof AnalysisSchema>;
