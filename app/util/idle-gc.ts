// When a long-running process has had nothing to do for a moment, one full collection
// hands the garbage of its last jobs back to the system, so an idle process stays small.
// `gc` exists only with --expose-gc (LONG_RUNNING_V8_FLAGS: the worker and the web host's
// launchers); elsewhere this does nothing.

const IDLE_MS = 500;

/** The host's timers and V8's `gc`, typed here because app/ compiles without host typings. */
const host = globalThis as unknown as {
  setTimeout(run: () => void, ms: number): { unref?(): void };
  clearTimeout(timer: unknown): void;
  gc?: () => void;
};

export class IdleCollector {
  private timer: unknown = null;

  /** Work arrived: no collection while there is work. */
  busy(): void {
    if (this.timer !== null) host.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The last piece of work finished: collect once if nothing new comes within IDLE_MS. */
  idle(): void {
    const collect = host.gc;
    if (collect === undefined) return;
    this.busy();
    const timer = host.setTimeout(() => {
      this.timer = null;
      collect();
    }, IDLE_MS);
    timer.unref?.();
    this.timer = timer;
  }
}
