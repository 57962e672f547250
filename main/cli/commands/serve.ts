export interface ServeOptions {
  host: string;
  port: number;
  out: string | undefined;
  stateDir: string | undefined;
}

// Placeholder until the web host lands.
export function serveCommand(_options: ServeOptions): Promise<number> {
  process.stderr.write('The web host is not built yet.\n');
  return Promise.resolve(2);
}
