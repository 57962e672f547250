import type { Settings } from '../../app/api/settings';
import type { Job, JobSpec } from '../../app/jobs/job';
import type { JobSettings } from '../../app/jobs/settings';
import { UserFacingError } from '../../app/util/errors';
import type { HostApi } from '../api/host-api';
import { insideOf, isInsideReal } from './paths';
import { cleanSpool } from './spool';
import { watchPolicy } from '../watch/web-policy';

// The web host's policy over the engine: a browser may only make the engine read files
// it uploaded (the spool) and write into the --out folder. Nothing outside those two
// folders is read, listed or shown; the output folder and FFmpeg paths are fixed by
// whoever started the server.

export interface PolicyOptions {
  /** Real paths (symlinks resolved). */
  spoolDir: string;
  outDir: string;
  /** Real paths under which a browser may add watch folders (`serve --watch-root`). */
  watchRoots?: readonly string[];
}

const LOCKED_SETTINGS = ['outDir', 'ffmpegPath', 'ffprobePath'] as const;

export function withPolicy(
  engine: HostApi,
  { spoolDir, outDir, watchRoots = [] }: PolicyOptions,
): HostApi {
  const inSpool = insideOf(spoolDir);
  // A job keeps its spec for life (changes copy the job, not the spec), and every
  // connection gets the same events: each job and each `added` event is checked once.
  const checked = new WeakMap<JobSpec, boolean>();
  const visible = (job: Job): boolean => {
    let inside = checked.get(job.spec);
    if (inside === undefined) {
      inside = inSpool(job.spec.input);
      checked.set(job.spec, inside);
    }
    return inside;
  };
  const shownAdded = new WeakMap<Job[], Job[] | null>();
  const visibleAdded = (event: Job[]): Job[] | null => {
    let shown = shownAdded.get(event);
    if (shown === undefined) {
      const jobs = event.filter(visible);
      // The engine's own event when nothing is hidden; either way one array for every
      // connection, so the router compacts it and its JSON is made once.
      shown = jobs.length === event.length ? event : jobs.length > 0 ? jobs : null;
      shownAdded.set(event, shown);
    }
    return shown;
  };
  const shown = (settings: Settings): Settings => ({ ...settings, outDir });

  async function checkInputs(paths: readonly string[]): Promise<void> {
    for (const p of paths) {
      if (!(await isInsideReal([spoolDir], p))) {
        throw new UserFacingError(
          'This server only converts files uploaded to it. Drop the file into the page to upload it.',
          'forbidden',
        );
      }
    }
  }
  /** Outputs stay in the --out folder: a browser cannot ask for "beside the source". */
  function checkSettings(settings: JobSettings | undefined): void {
    if (settings?.folder === 'beside-source')
      throw new UserFacingError(
        'This server writes every output into its own folder; "beside the source" is for the desktop app and the CLI.',
        'forbidden',
      );
  }
  async function checkJobs(ids: readonly string[]): Promise<void> {
    const known = new Map((await engine.jobs.list()).map((job) => [job.id, job]));
    for (const id of ids) {
      const job = known.get(id);
      if (job !== undefined && !visible(job))
        throw new UserFacingError('That job does not exist on this server.', 'forbidden');
    }
  }

  /** Runs a removal, then deletes the uploads of the jobs that are gone. */
  async function removing(run: () => Promise<void>): Promise<void> {
    const before = (await engine.jobs.list()).filter(visible);
    await run();
    const still = new Set((await engine.jobs.list()).map((job) => job.id));
    await cleanSpool(
      spoolDir,
      before.filter((job) => !still.has(job.id)),
    );
  }

  return {
    media: {
      async probe(input) {
        await checkInputs(input.paths);
        return engine.media.probe(input);
      },
    },
    jobs: {
      list: async () => (await engine.jobs.list()).filter(visible),
      async add(input) {
        await checkInputs(input.paths);
        checkSettings(input.settings);
        return engine.jobs.add({ ...input, outDir });
      },
      start: () => engine.jobs.start(),
      pause: () => engine.jobs.pause(),
      queueState: () => engine.jobs.queueState(),
      async cancel(input) {
        await checkJobs(input.ids);
        return engine.jobs.cancel(input);
      },
      async retry(input) {
        await checkJobs(input.ids);
        return engine.jobs.retry(input);
      },
      async remove(input) {
        await checkJobs(input.ids);
        await removing(() => engine.jobs.remove(input));
      },
      clearFinished: () => removing(() => engine.jobs.clearFinished()),
      async inspect(input) {
        await checkJobs([input.id]);
        return engine.jobs.inspect(input);
      },
      async setSettings(input) {
        await checkJobs(input.ids);
        checkSettings(input.settings);
        return engine.jobs.setSettings(input);
      },
      async analyze(input) {
        await checkJobs([input.id]);
        return engine.jobs.analyze(input);
      },
      onAdded: (listener) =>
        engine.jobs.onAdded((event) => {
          const shown = visibleAdded(event);
          if (shown !== null) listener(shown);
        }),
      onUpdate: (listener) => engine.jobs.onUpdate((job) => visible(job) && listener(job)),
      onRemoved: (listener) => engine.jobs.onRemoved(listener),
      onProgress: (listener) => engine.jobs.onProgress(listener),
      onFrameStats: (listener) => engine.jobs.onFrameStats(listener),
      onQueueState: (listener) => engine.jobs.onQueueState(listener),
    },
    presets: {
      list: () => engine.presets.list(),
      async commandFor(input) {
        if (input.jobId !== undefined) await checkJobs([input.jobId]);
        checkSettings(input.settings);
        return engine.presets.commandFor(input);
      },
      save: (input) => engine.presets.save(input),
      import: (input) => engine.presets.import(input),
      export: (input) => engine.presets.export(input),
      remove: (input) => engine.presets.remove(input),
      onChanged: (listener) => engine.presets.onChanged(listener),
    },
    preview: {
      async make(input) {
        await checkJobs([input.jobId]);
        checkSettings(input.settings);
        return engine.preview.make(input);
      },
      cancel: (input) => engine.preview.cancel(input),
    },
    settings: {
      get: async () => shown(await engine.settings.get()),
      async set(input) {
        for (const key of LOCKED_SETTINGS) {
          if (input[key] !== undefined) {
            throw new UserFacingError(
              'The output folder and FFmpeg location are set on the server and cannot be changed from the browser.',
              'forbidden',
            );
          }
        }
        return shown(await engine.settings.set(input));
      },
      onChanged: (listener) => engine.settings.onChanged((settings) => listener(shown(settings))),
    },
    system: {
      doctor: () => engine.system.doctor(),
      // A browser gets no full paths, whatever it asks.
      diagnostics: () => engine.system.diagnostics({ includePaths: false }),
    },
    farm: {
      status: () => engine.farm.status(),
    },
    hardware: {
      inspect: (input) => engine.hardware.inspect(input),
      saved: () => engine.hardware.saved(),
    },
    watch: watchPolicy(engine.watch, { roots: watchRoots, outDir, checkSettings }),
  };
}
