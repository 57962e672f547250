import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { CallMessage } from '../app/api/contract';
import type { Transport } from '../renderer/api/transport';
import { webSocketTransport } from '../renderer/api/ws-transport';

// The web transport against a real WebSocket server (Node 20 has no WebSocket of its
// own, so the `ws` client stands in for the browser's). A call lost with its
// connection is rejected once and never sent again; a call still waiting to be sent
// outlives a refused attempt and is sent exactly once.

type Mode = 'refuse' | 'accept' | 'token';

let server: Server;
let wss: WebSocketServer;
let mode: Mode;
/** Call ids in the order the server received them, over every connection. */
let received: number[];
/** Ids the server reads and then drops the connection without answering. */
let dropOn: Set<number>;
let url: string;

/** Like the browser's: a refused or failed socket reports through its events, never by throwing. */
class BrowserWebSocket extends WebSocket {
  constructor(address: string) {
    super(address);
    this.on('error', () => undefined);
  }
}

beforeEach(async () => {
  vi.stubGlobal('WebSocket', BrowserWebSocket);
  mode = 'accept';
  received = [];
  dropOn = new Set();
  wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws) => {
    ws.on('message', (data: Buffer) => {
      const call = JSON.parse(data.toString()) as CallMessage;
      received.push(call.id);
      if (dropOn.has(call.id)) ws.terminate();
      else ws.send(JSON.stringify({ type: 'result', id: call.id, output: call.id }));
    });
  });
  // The transport asks over HTTP whether a refused socket was refused for its token.
  server = createServer((_request, response) => {
    response.writeHead(mode === 'token' ? 401 : 503).end();
  });
  server.on('upgrade', (request, socket, head) => {
    if (mode === 'accept') {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
      return;
    }
    socket.end(`HTTP/1.1 ${mode === 'token' ? '401 Unauthorized' : '503 Busy'}\r\n\r\n`);
    server.emit('refused');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterEach(async () => {
  vi.unstubAllGlobals();
  wss.close();
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

function call(transport: Transport, id: number): Promise<unknown> {
  return transport.call({ type: 'call', id, service: 'jobs', method: 'list' });
}

/** Resolves on the next connection report that matches. */
function connection(
  transport: Transport,
  match: (connected: boolean, problem: string | null) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const off = transport.onConnection((connected, problem) => {
      if (!match(connected, problem)) return;
      queueMicrotask(() => off());
      resolve();
    });
  });
}

/** The transport stops retrying once it learns that its token is wrong. */
async function stop(transport: Transport): Promise<void> {
  mode = 'token';
  const stopped = connection(transport, (_connected, problem) => problem !== null);
  for (const client of wss.clients) client.terminate();
  await stopped;
}

describe('web transport', () => {
  it('a call waiting for a connection outlives a refused attempt and is sent exactly once', async () => {
    mode = 'refuse';
    const refused = once(server, 'refused').then(() => {
      mode = 'accept';
    });
    const transport = webSocketTransport(url);
    const reply = call(transport, 1);
    await refused;
    expect(await reply).toEqual({ type: 'result', id: 1, output: 1 });
    expect(await call(transport, 2)).toEqual({ type: 'result', id: 2, output: 2 });
    expect(received).toEqual([1, 2]);
    await stop(transport);
  });

  it('a call lost with its connection is rejected and never sent again after reconnecting', async () => {
    const transport = webSocketTransport(url);
    await connection(transport, (connected) => connected);
    dropOn.add(1);
    const lost = connection(transport, (connected) => !connected);
    await expect(call(transport, 1)).rejects.toThrow(/connection to Framewright was lost/);
    await lost;
    await connection(transport, (connected) => connected);
    expect(await call(transport, 2)).toEqual({ type: 'result', id: 2, output: 2 });
    expect(received).toEqual([1, 2]);
    await stop(transport);
  });

  it('without its token, waiting calls end with the reason instead of waiting forever', async () => {
    mode = 'token';
    const transport = webSocketTransport(url);
    const waiting = call(transport, 1);
    await expect(waiting).rejects.toThrow(/needs its access token/);
    await expect(call(transport, 2)).rejects.toThrow(/needs its access token/);
    expect(received).toEqual([]);
  });
});
