import { z } from 'zod';

// The hardware truth: which GPUs and video engines exist, and for each backend and
// codec whether a real one-frame encode and decode worked on this machine.

export const DeviceSchema = z.object({
  /** Stable identity for caching, e.g. "drm:card0" or "nvidia:00000000:00:06.0". */
  id: z.string(),
  name: z.string(),
  vendor: z.string(),
  vendorId: z.string().nullable(),
  deviceId: z.string().nullable(),
  driver: z.string().nullable(),
  driverVersion: z.string().nullable(),
  /** /dev/dri/renderD* on Linux, when there is one. */
  renderNode: z.string().nullable(),
  source: z.enum(['drm', 'nvidia-smi', 'vainfo', 'windows', 'macos']),
  /** Extra facts worth showing (memory, VA-API entry points…). */
  details: z.array(z.string()),
});
export type Device = z.infer<typeof DeviceSchema>;

export const BACKENDS = [
  'nvidia',
  'qsv',
  'vaapi',
  'amf',
  'videotoolbox',
  'mediafoundation',
  'v4l2m2m',
  'vulkan',
] as const;
export const BackendSchema = z.enum(BACKENDS);
export type Backend = z.infer<typeof BackendSchema>;

export const HW_CODECS = ['h264', 'hevc', 'av1', 'vp9'] as const;
export const HwCodecSchema = z.enum(HW_CODECS);
export type HwCodec = z.infer<typeof HwCodecSchema>;
export const CODEC_LABEL: Record<HwCodec, string> = {
  h264: 'H.264',
  hevc: 'HEVC',
  av1: 'AV1',
  vp9: 'VP9',
};

export const CellStatusSchema = z.enum(['available', 'unavailable', 'not-built', 'not-applicable']);
export type CellStatus = z.infer<typeof CellStatusSchema>;

export const CellSchema = z.object({
  backend: BackendSchema,
  codec: HwCodecSchema,
  direction: z.enum(['encode', 'decode']),
  status: CellStatusSchema,
  /** Why, in a person's words. */
  reason: z.string(),
  /** ffmpeg's own line that decided it, when a test ran. */
  ffmpegLine: z.string().nullable(),
  /** The exact test command (program and arguments), when a test ran or would run. */
  command: z.array(z.string()).nullable(),
  /** Name of the ffmpeg encoder or hwaccel tested. */
  implementation: z.string().nullable(),
  durationMs: z.number().nonnegative().nullable(),
});
export type Cell = z.infer<typeof CellSchema>;

export const HardwareReportSchema = z.object({
  ffmpeg: z.object({ path: z.string(), version: z.string(), configuration: z.string() }),
  platform: z.string(),
  devices: z.array(DeviceSchema),
  /** Sentences about device discovery (tools missing, permissions). */
  notes: z.array(z.string()),
  cells: z.array(CellSchema),
  testedAt: z.number(),
  /** How long the tests took when they ran (not when answered from cache). */
  elapsedMs: z.number().nonnegative(),
  fromCache: z.boolean(),
  cacheKey: z.string(),
});
export type HardwareReport = z.infer<typeof HardwareReportSchema>;

export const HardwareChoiceSchema = z.union([z.literal('off'), z.literal('auto'), BackendSchema]);
export type HardwareChoice = z.infer<typeof HardwareChoiceSchema>;
