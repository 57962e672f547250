import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Who may talk to the host. With a token (any non-loopback listen address), every api,
// upload and download request must carry it. Without one the host listens on loopback
// only, and the Host header must name a loopback address so that a DNS-rebinding page
// cannot reach it. Where a request may come from is origin.ts.

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function hostName(hostHeader: string): string {
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase());
  return match?.[1] ?? '';
}

export function tokenOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers['x-framewright-token'];
  if (typeof header === 'string' && header !== '') return header;
  const bearer = req.headers.authorization;
  if (typeof bearer === 'string' && bearer.startsWith('Bearer ')) return bearer.slice(7);
  return url.searchParams.get('token');
}

export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host header is acceptable: any host with a token, loopback names without. */
export function hostAllowed(req: IncomingMessage, token: string | null): boolean {
  if (token !== null) return true;
  return LOOPBACK_NAMES.has(hostName(req.headers.host ?? ''));
}

/** Requests that change or read user data must carry the token when there is one. */
export function authorized(req: IncomingMessage, url: URL, token: string | null): boolean {
  return token === null || tokenMatches(token, tokenOf(req, url));
}
