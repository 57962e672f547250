import type { z } from 'zod';
import { API, API_EVENTS, ReplyMessageSchema, type FramewrightApi } from '../../app/api/contract';
import type { Transport } from './transport';

// Builds the typed api from the contract tables: `api.jobs.add(...)` becomes one call
// message; `api.jobs.onUpdate(fn)` listens for the matching event messages.

type Listener = (payload: unknown) => void;

/** An error reply from the host; its message is meant for people. */
export class ApiError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** JSON has no undefined: a void result arrives without `output`; put the key back. */
function withOutput(reply: unknown): unknown {
  if (typeof reply !== 'object' || reply === null || 'output' in reply) return reply;
  return (reply as { type?: unknown }).type === 'result' ? { ...reply, output: undefined } : reply;
}

function eventKey(event: string): string {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}`;
}

export function createApiClient(transport: Transport): FramewrightApi {
  let nextId = 1;
  const listeners = new Map<string, Set<Listener>>();

  transport.onEvent((raw) => {
    const message = ReplyMessageSchema.safeParse(raw);
    if (!message.success || message.data.type !== 'event') return;
    const { service, event, payload } = message.data;
    listeners.get(`${service}.${event}`)?.forEach((listener) => listener(payload));
  });

  const api: Record<string, Record<string, unknown>> = {};
  for (const [service, methods] of Object.entries(API)) {
    const target: Record<string, unknown> = {};
    for (const [method, spec] of Object.entries(methods as Record<string, { output: z.ZodType }>)) {
      target[method] = async (input?: unknown): Promise<unknown> => {
        const id = nextId++;
        const reply = ReplyMessageSchema.parse(
          withOutput(await transport.call({ type: 'call', id, service, method, input })),
        );
        if (reply.type === 'error') throw new ApiError(reply.error.name, reply.error.message);
        if (reply.type !== 'result')
          throw new ApiError('ApiError', 'The host sent an unexpected reply.');
        return spec.output.parse(reply.output);
      };
    }
    api[service] = target;
  }
  for (const [service, events] of Object.entries(API_EVENTS)) {
    const target = api[service] ?? {};
    for (const event of Object.keys(events)) {
      const key = `${service}.${event}`;
      target[eventKey(event)] = (listener: Listener): (() => void) => {
        const set = listeners.get(key) ?? new Set<Listener>();
        listeners.set(key, set);
        set.add(listener);
        return () => set.delete(listener);
      };
    }
    api[service] = target;
  }
  return api as unknown as FramewrightApi;
}
