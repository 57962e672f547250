import { z } from 'zod';
import { MetricsSettingsSchema } from '../jobs/metrics';
import { HardwareChoiceSchema } from '../hardware/model';
import { extraArgsProblems, ExtraArgsSchema } from './extra-args';
import { QualityTargetSchema } from '../quality/target';

// A preset is data (resources/presets/*.json, or a user's JSON file), validated here.

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lowercase letters, digits and dashes');
export const VideoCodecSchema = z.enum(['libx264', 'libx265', 'libsvtav1', 'libvpx-vp9', 'libvpx']);
export const AudioCodecSchema = z.enum(['aac', 'libmp3lame', 'libopus', 'flac']);
export type VideoCodec = z.infer<typeof VideoCodecSchema>;
export type AudioCodec = z.infer<typeof AudioCodecSchema>;

/** Refuses extraArgs that the settings' encoder does not list (encoder-options.ts). */
const allowedExtraArgs =
  (stream: 'v' | 'a') =>
  (
    settings: { codec: VideoCodec | AudioCodec; extraArgs: string[] },
    ctx: z.core.$RefinementCtx,
  ): void => {
    for (const { index, message } of extraArgsProblems(settings.codec, stream, settings.extraArgs))
      ctx.addIssue({ code: 'custom', path: ['extraArgs', index], message });
  };

export const VideoSettingsSchema = z
  .object({
    codec: VideoCodecSchema,
    /** Constant-quality factor (CRF); lower is better quality. */
    crf: z.number().int().min(0).max(63),
    /** Encoder speed preset (x264/x265 names, or SVT-AV1's 0..13 as a string). */
    speed: z.string().max(20).optional(),
    pixelFormat: z
      .string()
      .regex(/^[a-z0-9_]+$/)
      .optional(),
    /** Largest output height; taller sources are scaled down with aspect kept. */
    maxHeight: z.number().int().min(16).max(8640).optional(),
    extraArgs: ExtraArgsSchema.default([]),
  })
  .strict()
  .superRefine(allowedExtraArgs('v'));
export type VideoSettings = z.infer<typeof VideoSettingsSchema>;

export const AudioSettingsSchema = z
  .object({
    codec: AudioCodecSchema,
    bitrateKbps: z.number().int().min(8).max(1536).optional(),
    /** libmp3lame VBR quality 0 (best) .. 9. */
    quality: z.number().int().min(0).max(9).optional(),
    /** Surround tracks: keep their channels (the default) or mix them down to stereo. */
    mixdown: z.enum(['keep', 'stereo']).optional(),
    extraArgs: ExtraArgsSchema.default([]),
  })
  .strict()
  .superRefine(allowedExtraArgs('a'));
export type AudioSettings = z.infer<typeof AudioSettingsSchema>;

export const ContainerSchema = z.enum(['mp4', 'matroska', 'webm', 'ipod', 'mp3', 'ogg', 'flac']);
export type Container = z.infer<typeof ContainerSchema>;

export const PresetSchema = z
  .object({
    id: Id,
    name: z.string().min(1).max(80),
    description: z.string().max(400).default(''),
    container: ContainerSchema,
    /** Output file extension including the dot. */
    extension: z.string().regex(/^\.[a-z0-9]{1,8}$/),
    /** Video: encode, copy as is, or none (audio-only output). */
    video: z.union([VideoSettingsSchema, z.literal('copy'), z.literal('none')]),
    audio: z.union([AudioSettingsSchema, z.literal('copy')]),
    /** Keep every audio track (true) or only the preferred one. */
    allAudioTracks: z.boolean().default(true),
    /** Keep subtitles the container can carry; others are dropped with a warning. */
    subtitles: z.enum(['keep', 'drop']).default('keep'),
    /** Move the MP4 index to the front for web playback. */
    faststart: z.boolean().default(false),
    /** Hardware encoding: off, auto (best encoder that really works here), or one backend. */
    hardware: HardwareChoiceSchema.default('off'),
    /** Measure each output against its source after the encode (a job's own setting wins). */
    metrics: MetricsSettingsSchema.optional(),
    /** Encode at the highest CRF that reaches this quality (a job's own target wins). */
    quality: QualityTargetSchema.optional(),
  })
  .strict();
export type Preset = z.infer<typeof PresetSchema>;
export type PresetInput = z.input<typeof PresetSchema>;

/**
 * zod reports a settings object that fails inside (`video: { crf: 22.5 }`) as a bare
 * "Invalid input" on the union; descend into the branch that got past the type check
 * (the settings object) so the sentence names the field at fault.
 */
function flattenIssue(
  issue: z.core.$ZodIssue,
  base: readonly PropertyKey[],
): { path: PropertyKey[]; message: string }[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union') {
    const branch = issue.errors.find(
      (issues) =>
        issues.length > 0 &&
        issues.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys'),
    );
    if (branch !== undefined) return branch.flatMap((inner) => flattenIssue(inner, path));
  }
  return [{ path, message: issue.message }];
}

/** Validates a preset and returns either it or sentences naming each problem. */
export function parsePreset(
  data: unknown,
): { ok: true; preset: Preset } | { ok: false; errors: string[] } {
  const result = PresetSchema.safeParse(data);
  if (result.success) return { ok: true, preset: result.data };
  return {
    ok: false,
    errors: result.error.issues
      .flatMap((issue) => flattenIssue(issue, []))
      .map(
        ({ path, message }) =>
          `${path.length > 0 ? path.map(String).join('.') : 'preset'}: ${message}`,
      ),
  };
}
