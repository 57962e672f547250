import { z } from 'zod';

// "Copy diagnostics" (Settings): a text to paste into a bug report, made by the host with
// secrets removed (main/log/redact.ts), and where this host's log and crash reports are.

export const DiagnosticsInputSchema = z.strictObject({
  /** Keep full paths (the home folder still reads ~); otherwise only file names remain. */
  includePaths: z.boolean().default(false),
});

export const DiagnosticsSchema = z.object({
  text: z.string(),
  /** This host's log file, the home folder written ~; null when it keeps none. */
  logFile: z.string().nullable(),
  /** The desktop app's crash reports folder; null elsewhere. */
  crashDumps: z.string().nullable(),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;
