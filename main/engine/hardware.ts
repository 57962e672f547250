import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { HardwareReportSchema, type HardwareReport } from '../../app/hardware/model';
import { readJson, writeFileAtomic } from '../../platform/atomic-file';
import type { WorkerSupervisor } from './supervisor';

/**
 * Asks the worker for the capability matrix and keeps the last report on disk: the
 * worker reuses it while the ffmpeg build and the devices and drivers are unchanged.
 */
export class HardwareService {
  private last: HardwareReport | null = null;
  private inflight: { refresh: boolean; report: Promise<HardwareReport> } | null = null;
  private readonly file: string;

  constructor(
    private readonly supervisor: WorkerSupervisor,
    private readonly cacheDir: string,
  ) {
    this.file = path.join(cacheDir, 'hardware.json');
  }

  inspect(refresh: boolean): Promise<HardwareReport> {
    // One matrix at a time: a caller shares the run in progress unless it asks for a
    // fresh test and that run may answer from the cache; then a forced run follows it.
    const current = this.inflight;
    if (current !== null && (current.refresh || !refresh)) return current.report;
    const before = current?.report.catch(() => undefined) ?? Promise.resolve();
    const report: Promise<HardwareReport> = before
      .then(() => this.run(refresh))
      .finally(() => {
        if (this.inflight?.report === report) this.inflight = null;
      });
    this.inflight = { refresh, report };
    return report;
  }

  private async run(refresh: boolean): Promise<HardwareReport> {
    await this.saved();
    const report = await this.supervisor.request('hardware', {
      refresh,
      samplesDir: path.join(this.cacheDir, 'hw-samples'),
      previous: this.last,
    });
    if (!report.fromCache) {
      await mkdir(this.cacheDir, { recursive: true });
      // The matrix itself is good; only the next start loses the cache, so say it and go on.
      await writeFileAtomic(this.file, JSON.stringify(report)).catch((error: unknown) => {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        console.error(
          `[framewright] The hardware results could not be saved to ${this.file} (${reason}); the next start tests again.`,
        );
      });
    }
    this.last = report;
    return report;
  }

  /**
   * The last tested report, from memory or disk, without testing anything: jobs whose
   * preset encodes in software read it for hardware decoding and never start a test.
   */
  async saved(): Promise<HardwareReport | null> {
    if (this.last === null) {
      const saved = HardwareReportSchema.safeParse(await readJson(this.file));
      this.last ??= saved.success ? saved.data : null;
    }
    return this.last;
  }

  /** The last known report without testing anything (null before the first run). */
  get known(): HardwareReport | null {
    return this.last;
  }
}
