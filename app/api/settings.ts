import { z } from 'zod';
import { IncompleteSourceSchema, OnExistsSchema, ResolutionPolicySchema } from '../jobs/job';

export const SettingsSchema = z.object({
  /** Where outputs go; empty means the host's default output folder. */
  outDir: z.string().max(4096),
  onExists: OnExistsSchema,
  /** Jobs run at once; 0 means automatic (from cores and free memory). */
  concurrency: z.number().int().min(0).max(64),
  presetId: z.string().max(200),
  /** Empty means automatic resolution (env, bundled, PATH). */
  ffmpegPath: z.string().max(4096),
  ffprobePath: z.string().max(4096),
  stallTimeoutSec: z.number().int().min(1).max(86_400),
  /** When the picture size changes mid-stream: auto (per container), reinit, fit or stretch. */
  resolutionPolicy: ResolutionPolicySchema,
  /** A source that ends before its declared length: done with a warning, or failed. */
  incompleteSource: IncompleteSourceSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  outDir: '',
  onExists: 'rename',
  concurrency: 0,
  presetId: 'h264-mp4',
  ffmpegPath: '',
  ffprobePath: '',
  stallTimeoutSec: 60,
  resolutionPolicy: 'auto',
  incompleteSource: 'warn',
};
