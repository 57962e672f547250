// Human output helpers: quoting for copy-paste (sizes: app/util/format.ts; the progress
// bar: progress-bar.ts).

/** Quotes an argument for a POSIX shell, for display only (we never run a shell). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
