// Where the host serves a preview's files (stills and clip), by request id and file name:
// the web host at preview/<requestId>/<file> (the token in the query, since <img> and
// <video> send no headers), Electron through its framewright-preview: scheme.

export function previewUrl(requestId: string, file: string): string {
  const tail = `${encodeURIComponent(requestId)}/${encodeURIComponent(file)}`;
  if (window.framewright !== undefined) return `framewright-preview://previews/${tail}`;
  const url = new URL(`preview/${tail}`, window.location.href);
  const token = new URLSearchParams(window.location.search).get('token');
  if (token !== null) url.searchParams.set('token', token);
  return url.toString();
}
