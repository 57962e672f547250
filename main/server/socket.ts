import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ReplyMessage } from '../../app/api/contract';
import type { Router } from '../api/router';

// The api over WebSocket: each message is one call (validated by the router), each
// connection receives every event until it closes. A client that cannot keep up
// misses progress ticks (the next one supersedes them) and frame statistics (a live
// chart's gap), never job updates: what the host holds for it stays bounded.

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;
/** Events a slow client goes without rather than have the host buffer them. */
const DROPPED_WHEN_SLOW: ReadonlySet<string> = new Set(['progress', 'frameStats']);
/**
 * A frame is closed once it holds about this much: a browser parses and applies each
 * frame in its own task, so a 10,000-job add (a few MB) never becomes one long task.
 */
const FRAME_CHARS = 256 * 1024;

export interface ApiSocket {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** JSON has no undefined: a call without input arrives without the key; put it back. */
function parse(data: RawData): unknown {
  let message: unknown;
  try {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as ArrayBuffer).toString('utf8');
    message = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  if (
    typeof message === 'object' &&
    message !== null &&
    !Array.isArray(message) &&
    !('input' in message)
  ) {
    return { ...message, input: undefined };
  }
  return message;
}

export function createApiSocket(router: Router): ApiSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  // Every connection gets the same event: its JSON is made once, not once per connection.
  // Payloads are never changed after they are emitted (the engine replaces, not mutates).
  const eventJson = new WeakMap<object, { service: string; event: string; json: string }>();
  const serialize = (message: ReplyMessage): string => {
    if (message.type !== 'event' || typeof message.payload !== 'object' || message.payload === null)
      return JSON.stringify(message);
    const { service, event, payload } = message;
    const cached = eventJson.get(payload);
    if (cached !== undefined && cached.service === service && cached.event === event)
      return cached.json;
    const json = JSON.stringify(message);
    eventJson.set(payload, { service, event, json });
    return json;
  };

  wss.on('connection', (ws: WebSocket) => {
    // Messages produced together (in one run of code, before its promise callbacks)
    // go out together: a JSON array when there are several, in frames of about
    // FRAME_CHARS. A 10,000-file drop is a few frames, not 10,000, and they leave
    // before the add's own reply is even written.
    let outbox: string[] = [];
    let outboxChars = 0;
    let scheduled = false;
    const flush = (): void => {
      scheduled = false;
      const batch = outbox;
      outbox = [];
      outboxChars = 0;
      if (ws.readyState !== ws.OPEN || batch.length === 0) return;
      ws.send(batch.length === 1 ? (batch[0] ?? '') : `[${batch.join(',')}]`);
    };
    const send = (message: ReplyMessage): void => {
      if (ws.readyState !== ws.OPEN) return;
      const slow = ws.bufferedAmount > SLOW_CLIENT_BYTES;
      if (slow && message.type === 'event' && DROPPED_WHEN_SLOW.has(message.event)) return;
      const text = serialize(message);
      if (outbox.length > 0 && outboxChars + text.length > FRAME_CHARS) flush();
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
      outbox.push(text);
      outboxChars += text.length;
    };
    const unsubscribe = router.subscribe(send);
    ws.on('message', (data) => {
      void router.handle(parse(data)).then(send);
    });
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate());
  });

  return {
    upgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
