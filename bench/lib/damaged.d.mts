// Types for bench/lib/damaged.mjs, which the test suite shares with the bench.
export function makeDamagedCorpus(
  dir: string,
  options: { seeds: readonly number[]; seconds?: number },
): Promise<string[]>;
export function decodes(file: string): Promise<boolean>;
export function plainFfmpegConverts(file: string, outDir: string): Promise<boolean>;
