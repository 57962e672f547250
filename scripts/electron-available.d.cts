// Types for scripts/electron-available.cjs.
export type ElectronBinary =
  { available: true; path: string } | { available: false; reason: string };

/** The repository root. */
export declare const ROOT: string;

/** Finds a runnable Electron binary by its files (never by require('electron')). */
export declare function findElectron(repoRoot?: string, env?: NodeJS.ProcessEnv): ElectronBinary;
