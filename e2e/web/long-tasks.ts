import type { Browser, Page } from '@playwright/test';

// Long tasks while the page works: the page's own PerformanceObserver('longtask'), which
// measures wall time, and Chromium's trace of the same tasks with their thread CPU time.
// On a loaded machine (two cores, four encoders) the renderer is sometimes descheduled,
// and a task that computed for 3 ms reads as 90 ms of wall time; CPU time tells the page's
// own work from the machine's load.

interface Entry {
  startTime: number;
  duration: number;
}
interface Observer {
  observe(options: { type: string }): void;
  takeRecords(): Entry[];
}
/** The page globals used (the Node tsconfig has no DOM types). */
interface Globals {
  PerformanceObserver: new (callback: (list: { getEntries(): Entry[] }) => void) => Observer;
  __longTasks?: { tasks: Entry[]; observer: Observer };
}
interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface LongTaskReport {
  /** Wall-clock durations (ms) the page's PerformanceObserver reported. */
  observed: number[];
  /** Main-thread tasks over 50 ms of wall time, as [wall ms, CPU ms]. */
  traced: [number, number][];
}

export async function startLongTasks(browser: Browser, page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as Globals;
    const tasks: Entry[] = [];
    const observer = new g.PerformanceObserver((list) => {
      for (const { startTime, duration } of list.getEntries()) tasks.push({ startTime, duration });
    });
    observer.observe({ type: 'longtask' });
    g.__longTasks = { tasks, observer };
  });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
}

export async function stopLongTasks(browser: Browser, page: Page): Promise<LongTaskReport> {
  const trace = await browser.stopTracing();
  const observed = await page.evaluate(() => {
    const recorder = (globalThis as unknown as Globals).__longTasks;
    if (recorder === undefined) return [];
    recorder.tasks.push(...recorder.observer.takeRecords());
    return recorder.tasks.map((t) => Math.round(t.duration));
  });
  const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const traced = events
    .filter((e) => e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > 50_000)
    .map((e): [number, number] => [
      Math.round((e.dur ?? 0) / 1000),
      Math.round((e.tdur ?? 0) / 1000),
    ]);
  return { observed, traced };
}
