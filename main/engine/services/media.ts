import os from 'node:os';
import path from 'node:path';
import type { FramewrightApi, ProbeOutcome } from '../../../app/api/contract';
import { createLimiter } from '../../../app/util/limit';
import type { WorkerSupervisor } from '../supervisor';

/** One file's probe; `scan: false` skips the keyframe and size-change scan (a name needs no keyframes). */
export type Probe = (file: string, scan?: boolean) => Promise<ProbeOutcome>;

/** Probes a file through the worker, a few at a time whatever the number asked about. */
export function createProbe(supervisor: WorkerSupervisor, timeoutMs: () => number): Probe {
  const slot = createLimiter(Math.max(2, os.availableParallelism()));
  return async (file, scan = true) => {
    try {
      const info = await slot(() =>
        supervisor.request('probe', {
          path: path.resolve(file),
          timeoutMs: timeoutMs(),
          scanResolution: scan,
        }),
      );
      return { path: file, ok: true, info };
    } catch (error) {
      return {
        path: file,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  };
}

export function mediaService(probe: Probe): FramewrightApi['media'] {
  return { probe: async ({ paths }) => Promise.all(paths.map((file) => probe(file))) };
}
