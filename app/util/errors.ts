import { z } from 'zod';

/** An error as it crosses a process boundary: name, message, stack, plus optional detail. */
export const SerializedErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  stack: z.string().optional(),
  /** Machine-readable reason, e.g. 'stalled', 'cancelled', 'timeout', 'exit'. */
  code: z.string().optional(),
  /** Tail of the program's diagnostic log, for the job log. */
  log: z.string().optional(),
  /** How the program ended (exit code or signal), for the host's log file. */
  exit: z.object({ code: z.number().int().nullable(), signal: z.string().nullable() }).optional(),
});
export type SerializedError = z.infer<typeof SerializedErrorSchema>;

/** An error whose message is already a sentence a person can read. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    message: string,
    readonly code: string = 'user',
    readonly log?: string,
  ) {
    super(message);
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const out: SerializedError = { name: error.name, message: error.message };
    if (error.stack !== undefined) out.stack = error.stack;
    const extra = error as { code?: unknown; log?: unknown; exit?: unknown };
    if (typeof extra.code === 'string') out.code = extra.code;
    if (typeof extra.log === 'string') out.log = extra.log;
    const exit = SerializedErrorSchema.shape.exit.safeParse(extra.exit);
    if (exit.success && exit.data !== undefined) out.exit = exit.data;
    return out;
  }
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an Error from its serialized form, keeping code and log. */
export function deserializeError(
  payload: SerializedError,
): Error & Pick<SerializedError, 'code' | 'log' | 'exit'> {
  const error = new Error(payload.message) as Error &
    Pick<SerializedError, 'code' | 'log' | 'exit'>;
  error.name = payload.name;
  if (payload.stack !== undefined) error.stack = payload.stack;
  if (payload.code !== undefined) error.code = payload.code;
  if (payload.log !== undefined) error.log = payload.log;
  if (payload.exit !== undefined) error.exit = payload.exit;
  return error;
}
