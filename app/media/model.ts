import { z } from 'zod';
import { ResolutionScanSchema } from './resolution';

// The probe model mirrors ffprobe's JSON (-show_format -show_streams -show_chapters
// -show_programs) so it can be compared field for field. Known fields are typed,
// unknown fields are kept (looseObject), never dropped.

const Tags = z.record(z.string(), z.string());
const Disposition = z.record(z.string(), z.number());

export const SideDataSchema = z.looseObject({
  side_data_type: z.string().optional(),
  rotation: z.number().optional(),
  displaymatrix: z.string().optional(),
  red_x: z.string().optional(),
  max_luminance: z.string().optional(),
  min_luminance: z.string().optional(),
  max_content: z.number().optional(),
  max_average: z.number().optional(),
});
export type SideData = z.infer<typeof SideDataSchema>;

export const StreamSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  codec_long_name: z.string().optional(),
  profile: z.string().optional(),
  codec_tag_string: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  coded_width: z.number().int().optional(),
  coded_height: z.number().int().optional(),
  sample_aspect_ratio: z.string().optional(),
  display_aspect_ratio: z.string().optional(),
  pix_fmt: z.string().optional(),
  level: z.number().optional(),
  color_range: z.string().optional(),
  color_space: z.string().optional(),
  color_transfer: z.string().optional(),
  color_primaries: z.string().optional(),
  field_order: z.string().optional(),
  sample_fmt: z.string().optional(),
  sample_rate: z.string().optional(),
  channels: z.number().int().optional(),
  channel_layout: z.string().optional(),
  bits_per_raw_sample: z.string().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  time_base: z.string().optional(),
  start_time: z.string().optional(),
  duration: z.string().optional(),
  bit_rate: z.string().optional(),
  nb_frames: z.string().optional(),
  disposition: Disposition.optional(),
  tags: Tags.optional(),
  side_data_list: z.array(SideDataSchema).optional(),
});
export type ProbeStream = z.infer<typeof StreamSchema>;

export const FormatSchema = z.looseObject({
  filename: z.string().optional(),
  nb_streams: z.number().int().optional(),
  nb_programs: z.number().int().optional(),
  format_name: z.string().optional(),
  format_long_name: z.string().optional(),
  start_time: z.string().optional(),
  duration: z.string().optional(),
  size: z.string().optional(),
  bit_rate: z.string().optional(),
  probe_score: z.number().optional(),
  tags: Tags.optional(),
});

export const ChapterSchema = z.looseObject({
  id: z.number(),
  time_base: z.string().optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  tags: Tags.optional(),
});

export const ProgramSchema = z.looseObject({
  program_id: z.number().optional(),
  program_num: z.number().optional(),
  nb_streams: z.number().optional(),
  tags: Tags.optional(),
  streams: z.array(StreamSchema).optional(),
});

/** ffprobe's JSON document as printed by our probe command. */
export const FfprobeOutputSchema = z.looseObject({
  format: FormatSchema.optional(),
  streams: z.array(StreamSchema).default([]),
  chapters: z.array(ChapterSchema).default([]),
  programs: z.array(ProgramSchema).default([]),
});
export type FfprobeOutput = z.infer<typeof FfprobeOutputSchema>;

/** What Framewright knows about one input file. */
export const MediaInfoSchema = z.object({
  path: z.string(),
  sizeBytes: z.number().nonnegative(),
  /** The file's modification time when probed: with the size, tells whether the probe still holds. */
  mtimeMs: z.number().optional(),
  /** Container duration in seconds, or null when unknown (streams, images). */
  durationSec: z.number().nonnegative().nullable(),
  format: FormatSchema,
  streams: z.array(StreamSchema),
  chapters: z.array(ChapterSchema),
  programs: z.array(ProgramSchema),
  /** Where the main video stream changes size; absent when not scanned. */
  resolution: ResolutionScanSchema.nullable().optional(),
});
export type MediaInfo = z.infer<typeof MediaInfoSchema>;
