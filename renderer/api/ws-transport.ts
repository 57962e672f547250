import type { CallMessage, ReplyMessage } from '../../app/api/contract';
import type { Transport } from './transport';

// The web host's transport: one WebSocket at /api on the page's origin, reconnecting
// with backoff. Calls made while disconnected wait for the next connection; a call
// that was sent and lost with its connection is rejected and never sent again.

interface Pending {
  resolve(reply: ReplyMessage): void;
  reject(error: Error): void;
}

const TOKEN_PROBLEM =
  'This Framewright server needs its access token. Open the full address it printed when it started, the one ending in ?token=….';

export function apiSocketUrl(
  location: { readonly href: string; readonly protocol: string },
  token: string | null,
): string {
  const url = new URL('api', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  url.hash = '';
  return url.toString();
}

export function webSocketTransport(url: string): Transport {
  const pending = new Map<number, Pending>();
  /** Calls not sent yet, by id, in order: they stay pending across failed attempts. */
  const outbox = new Map<number, string>();
  const eventListeners = new Set<(message: ReplyMessage) => void>();
  const connectionListeners = new Set<(connected: boolean, problem: string | null) => void>();
  let socket: WebSocket | null = null;
  let connected = false;
  let problem: string | null = null;
  let delay = 250;

  function setConnected(value: boolean, why: string | null = null): void {
    if (connected === value && problem === why) return;
    connected = value;
    problem = why;
    connectionListeners.forEach((listener) => listener(value, why));
  }

  /** A refused socket says nothing; ask over HTTP whether the token is the reason. */
  async function refusedForToken(): Promise<boolean> {
    try {
      const response = await fetch(url.replace(/^ws/, 'http'));
      return response.status === 401;
    } catch {
      return false;
    }
  }

  function receive(message: ReplyMessage): void {
    if (message.type === 'event') {
      eventListeners.forEach((listener) => listener(message));
      return;
    }
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    waiting?.resolve(message);
  }

  function rejectPending(error: Error, which: (id: number) => boolean): void {
    for (const [id, waiting] of pending) {
      if (!which(id)) continue;
      pending.delete(id);
      waiting.reject(error);
    }
  }

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.addEventListener('open', () => {
      opened = true;
      delay = 250;
      setConnected(true);
      outbox.forEach((text) => ws.send(text));
      outbox.clear();
    });
    ws.addEventListener('message', (event: { readonly data: unknown }) => {
      if (typeof event.data !== 'string') return;
      let parsed: ReplyMessage | ReplyMessage[];
      try {
        parsed = JSON.parse(event.data) as ReplyMessage | ReplyMessage[];
      } catch {
        return;
      }
      // The host sends several messages in one frame as an array.
      for (const message of Array.isArray(parsed) ? parsed : [parsed]) receive(message);
    });
    ws.addEventListener('close', () => {
      socket = null;
      setConnected(false, problem);
      const lost = new Error(
        'The connection to Framewright was lost before it answered. Try again.',
      );
      rejectPending(lost, (id) => !outbox.has(id));
      void (async () => {
        if (!opened && (await refusedForToken())) {
          setConnected(false, TOKEN_PROBLEM);
          // No retry follows, so the calls still waiting end with the reason.
          rejectPending(new Error(TOKEN_PROBLEM), () => true);
          outbox.clear();
          return;
        }
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 5000);
      })();
    });
  }

  connect();

  return {
    kind: 'web',
    call(message: CallMessage): Promise<ReplyMessage> {
      return new Promise((resolve, reject) => {
        // Without the token no connection comes: say so rather than wait forever.
        if (problem === TOKEN_PROBLEM) {
          reject(new Error(TOKEN_PROBLEM));
          return;
        }
        pending.set(message.id, { resolve, reject });
        const text = JSON.stringify(message);
        if (socket !== null && socket.readyState === WebSocket.OPEN) socket.send(text);
        else outbox.set(message.id, text);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connected, problem);
      return () => connectionListeners.delete(listener);
    },
  };
}
