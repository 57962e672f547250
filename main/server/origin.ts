import type { IncomingMessage } from 'node:http';

// Cross-site writes. A page on another site may send requests to this host (loopback
// included) and open WebSockets to it, so a request that changes anything must come
// from this host's own page or from a client that is not a browser page at all (no
// Origin). Browsers also say where a request comes from in Sec-Fetch-Site.

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::']);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FOREIGN_FETCH = new Set(['cross-site', 'same-site']);

export const CROSS_SITE_SENTENCE = 'This server only accepts changes from its own page.';

/** host:port with the port always written and names in lower case. */
function hostPort(hostname: string, port: string, protocol: string): string {
  const shownPort = port !== '' ? port : protocol === 'https:' ? '443' : '80';
  return `${hostname.toLowerCase()}:${shownPort}`;
}

/** The host:port pairs of this host's own page: the loopback names and the configured host. */
export function ownHosts(host: string, port: number): ReadonlySet<string> {
  const names = [...LOOPBACK];
  if (!WILDCARD.has(host)) names.push(host.includes(':') ? `[${host}]` : host);
  return new Set(names.map((name) => hostPort(name, String(port), 'http:')));
}

/**
 * True when a browser page of another origin sent this request: an Origin that is not
 * one of `own` (nor, with a token, the Host the client asked for), or Sec-Fetch-Site
 * saying another site. No Origin and no Sec-Fetch-Site: curl, scripts, this host's own GETs.
 */
export function fromForeignPage(
  req: IncomingMessage,
  own: ReadonlySet<string>,
  token: string | null,
): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && FOREIGN_FETCH.has(fetchSite.toLowerCase())) return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return true; // `null` (sandboxed frames, file: pages) and anything malformed
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return true;
  const from = hostPort(parsed.hostname, parsed.port, parsed.protocol);
  if (own.has(from)) return false;
  // With a token the host listens on every address; its page then has the address it was opened at.
  const asked = (req.headers.host ?? '').toLowerCase();
  return !(token !== null && asked !== '' && (from === asked || parsed.host === asked));
}

/** Methods that change something and must not come from another site's page. */
export function changesState(req: IncomingMessage): boolean {
  return STATE_CHANGING.has(req.method ?? '');
}
