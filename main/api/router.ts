import type { z } from 'zod';
import { API, API_EVENTS, CallMessageSchema, type ReplyMessage } from '../../app/api/contract';
import { ADDED_CHUNK, addedEvents, type JobsAdded } from '../../app/jobs/added';
import type { Job } from '../../app/jobs/job';
import type { HostApi } from './host-api';

// One router serves the api over every transport (Electron IPC, WebSocket, in-process).
// It validates every inbound payload against app/api/contract.ts before calling the
// implementation, and never throws back into a transport: a bad call gets an error reply.
// Its events are what goes on the wire: new jobs leave compacted (app/jobs/added.ts).

type Send = (message: ReplyMessage) => void;
type AnyMethod = (input?: unknown) => Promise<unknown>;
type AnySubscribe = (listener: (payload: unknown) => void) => () => void;

export interface Router {
  /** Handles one raw inbound message and resolves to the reply to send back. */
  handle(raw: unknown): Promise<ReplyMessage>;
  /** Forwards every api event to `send` until the returned function is called. */
  subscribe(send: Send): () => void;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
    .join('; ');
}

function lookup(
  service: string,
  method: string,
): { input: z.ZodType; output: z.ZodType } | undefined {
  if (!Object.hasOwn(API, service)) return undefined;
  const methods = API[service as keyof typeof API] as Record<
    string,
    { input: z.ZodType; output: z.ZodType }
  >;
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}

export function createRouter(api: HostApi): Router {
  const services = api as unknown as Record<string, Record<string, unknown>>;
  // Every subscriber (each connection) gets the same compacted events, so a transport
  // that caches an event's JSON by its payload makes it once.
  const compacted = new WeakMap<readonly Job[], JobsAdded[]>();
  const wireAdded = (jobs: readonly Job[]): JobsAdded[] => {
    let events = compacted.get(jobs);
    if (events === undefined) {
      events = addedEvents(jobs, ADDED_CHUNK);
      compacted.set(jobs, events);
    }
    return events;
  };

  async function handle(raw: unknown): Promise<ReplyMessage> {
    const call = CallMessageSchema.safeParse(raw);
    if (!call.success) {
      const id =
        typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : -1;
      return {
        type: 'error',
        id,
        error: { name: 'ApiInputError', message: `Malformed call: ${describeIssues(call.error)}` },
      };
    }
    const { id, service, method, input } = call.data;
    const spec = lookup(service, method);
    if (spec === undefined) {
      return {
        type: 'error',
        id,
        error: { name: 'ApiInputError', message: `Unknown method ${service}.${method}.` },
      };
    }
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return {
        type: 'error',
        id,
        error: {
          name: 'ApiInputError',
          message: `Invalid input for ${service}.${method}: ${describeIssues(parsed.error)}`,
        },
      };
    }
    try {
      const fn = services[service]?.[method] as AnyMethod;
      const output = await fn.call(services[service], parsed.data);
      return { type: 'result', id, output };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return { type: 'error', id, error: { name: e.name, message: e.message } };
    }
  }

  function subscribe(send: Send): () => void {
    const offs: (() => void)[] = [];
    for (const [service, events] of Object.entries(API_EVENTS)) {
      for (const event of Object.keys(events)) {
        const key = `on${event[0]?.toUpperCase() ?? ''}${event.slice(1)}`;
        const on = services[service]?.[key] as AnySubscribe | undefined;
        if (on === undefined) continue;
        const added = service === 'jobs' && event === 'added';
        offs.push(
          on.call(services[service], (payload) => {
            if (!added) return send({ type: 'event', service, event, payload });
            for (const compact of wireAdded(payload as Job[]))
              send({ type: 'event', service, event, payload: compact });
          }),
        );
      }
    }
    return () => offs.splice(0).forEach((off) => off());
  }

  return { handle, subscribe };
}
