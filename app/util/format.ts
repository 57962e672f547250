// Numbers as people read them, the same in the CLI, the app and notifications.

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units (1 KB = 1000 B): 1500 → "1.5 KB", 123456789 → "123 MB"; "—" when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${BYTE_UNITS[unit] ?? 'B'}`;
}

/** The last part of a path, either separator: "/a/b.mp4" or "C:\\a\\b.mp4" → "b.mp4". */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** A count with its noun: (1, 'file', 'files') → "1 file", (1200, …) → "1,200 files". */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
