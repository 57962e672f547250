import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SettingsSchema, DEFAULT_SETTINGS, type Settings } from '../../app/api/settings';
import { JobSchema, type Job } from '../../app/jobs/job';
import { rename } from 'node:fs/promises';
import { DAMAGED, readJson, writeFileAtomic } from '../../platform/atomic-file';
import { Emitter } from './emitter';
import { discard } from './output';

// Queue, history and settings on disk with a schema version, written atomically and
// at most a few times a second. Temp outputs in use are recorded so that after a
// crash the next start removes them.

export const STATE_SCHEMA_VERSION = 1;

const StateFileSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  settings: SettingsSchema.partial(),
  jobs: z.array(z.unknown()),
  temps: z.array(z.string()),
});

export interface LoadedState {
  settings: Settings;
  jobs: Job[];
  problems: string[];
}

export class StateFile {
  private readonly file: string;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failing = false;
  /** A save failed, as a sentence (once per run of failures). */
  readonly failed = new Emitter<string>();

  constructor(
    private readonly dir: string,
    private readonly snapshot: () => { settings: Settings; jobs: Job[]; temps: string[] },
  ) {
    this.file = path.join(dir, 'state.json');
  }

  async load(): Promise<LoadedState> {
    await mkdir(this.dir, { recursive: true });
    const raw = await readJson(this.file);
    const problems: string[] = [];
    if (raw === undefined) return { settings: { ...DEFAULT_SETTINGS }, jobs: [], problems };
    const parsed = StateFileSchema.safeParse(raw === DAMAGED ? null : raw);
    if (!parsed.success) {
      // Keep the unreadable file beside the new one rather than destroying it.
      await rename(this.file, `${this.file}.unreadable-${Date.now()}`).catch(() => undefined);
      problems.push('The saved queue could not be read and was started fresh.');
      return { settings: { ...DEFAULT_SETTINGS }, jobs: [], problems };
    }
    await Promise.all(parsed.data.temps.map((t) => discard(t)));
    const jobs: Job[] = [];
    for (const candidate of parsed.data.jobs) {
      const job = JobSchema.safeParse(candidate);
      if (job.success) jobs.push(job.data);
      else problems.push('One saved job could not be read and was dropped.');
    }
    return { settings: { ...DEFAULT_SETTINGS, ...parsed.data.settings }, jobs, problems };
  }

  /** Schedules a save soon; many changes in a burst become one write. */
  schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, 150);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing.then(async () => {
      try {
        const { settings, jobs, temps } = this.snapshot();
        const body = { schemaVersion: STATE_SCHEMA_VERSION, settings, jobs, temps };
        await writeFileAtomic(this.file, JSON.stringify(body));
        this.failing = false;
      } catch (error) {
        this.report(error);
      }
    });
    return this.writing;
  }

  /** Says once per run of failed saves what went wrong; the next success resets it. */
  private report(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const problem = `The queue and settings could not be saved to ${this.file} (${reason}); changes since the last save will be lost when Framewright stops.`;
    console.error(`[framewright] ${problem}`);
    this.failed.emit(problem);
  }
}
