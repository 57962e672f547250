// Types for scripts/electron-fetch.cjs.
export type ElectronReady = { ready: true } | { ready: false; reason: string };

export interface PrepareOptions {
  repoRoot?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  now?: Date;
  /** How long the download host may take to answer, and the installer to finish. */
  reachMs?: number;
  installMs?: number;
  /** Progress lines (the download itself). */
  log?: (line: string) => void;
}

/** Where a failed fetch is remembered. */
export declare function markerPath(repoRoot?: string): string;

/** The reason a fetch failed today, or null (none, or on an earlier day). */
export declare function failedToday(marker: string, now?: Date): string | null;

/** Is Electron ready to start, fetching its binary once if it is missing? */
export declare function prepareElectron(options?: PrepareOptions): Promise<ElectronReady>;
