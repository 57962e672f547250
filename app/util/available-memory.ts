// Memory that a new job can have without the OS swapping, as each OS reports it. Parsers
// only: the callers read /proc/meminfo or run vm_stat. (Windows needs no parser: Node's
// os.freemem() there is GlobalMemoryStatusEx's ullAvailPhys, the standby, free and zero
// lists, which is the OS's own "available" figure.)

/** Linux: MemAvailable in bytes, or null when absent (kernels before 3.14) or unreadable. */
export function parseMeminfo(text: string): number | null {
  const match = /^MemAvailable:\s+(\d+) kB$/m.exec(text);
  return match ? Number(match[1]) * 1024 : null;
}

/**
 * macOS: free + speculative + inactive + purgeable pages, times the page size from
 * vm_stat's header. vm_stat prints the speculative pages apart from "Pages free",
 * though the kernel counts them as free. Null when a line is missing.
 */
export function parseVmStat(text: string): number | null {
  const pageSize = /page size of (\d+) bytes/.exec(text);
  if (pageSize === null) return null;
  let pages = 0;
  for (const name of ['free', 'speculative', 'inactive', 'purgeable']) {
    const match = new RegExp(`^Pages ${name}:\\s+(\\d+)\\.$`, 'm').exec(text);
    if (match === null) return null;
    pages += Number(match[1]);
  }
  return pages * Number(pageSize[1]);
}
