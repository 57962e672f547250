import type { FrameStatsEvent } from '../../app/jobs/frame-stats';
import { FrameRing } from '../components/chart/frame-ring';

// The frame chart's data for every running job, so any job's chart is whole when it is
// chosen, and for the last few finished ones (and the one on screen), so a finished
// job keeps its chart. Older finished jobs let theirs go: memory stays bounded (each
// ring holds at most CAPACITY frames) however long the queue.

const FRAME_CAPACITY = 30_000;
/** Finished jobs whose charts are kept, besides any chart on screen. */
const KEEP_FINISHED = 4;
/** A ring nobody draws merges what arrived once this much is pending. */
const UNWATCHED_COMMIT = 2_000;

export class FrameStore {
  private readonly rings = new Map<string, FrameRing>();
  private readonly watchers = new Map<string, Set<() => void>>();
  /** Finished jobs with a kept ring, oldest first. */
  private finished: string[] = [];

  constructor(private readonly capacity = FRAME_CAPACITY) {}

  ring(id: string): FrameRing | undefined {
    return this.rings.get(id);
  }

  push(event: FrameStatsEvent): void {
    let ring = this.rings.get(event.id);
    if (ring === undefined) {
      ring = new FrameRing(this.capacity);
      this.rings.set(event.id, ring);
    }
    ring.push(event);
    const watchers = this.watchers.get(event.id);
    if (watchers !== undefined && watchers.size > 0) watchers.forEach((notify) => notify());
    else if (ring.pendingFrames >= UNWATCHED_COMMIT) ring.commit();
  }

  /** The job stopped: its ring is kept among the last few finished. */
  finish(id: string): void {
    const ring = this.rings.get(id);
    if (ring === undefined) return;
    ring.commit();
    this.finished = [...this.finished.filter((other) => other !== id), id];
    this.evict();
  }

  /** The job runs again (a retry) or is gone: its old frames go. */
  forget(id: string): void {
    this.rings.delete(id);
    this.finished = this.finished.filter((other) => other !== id);
  }

  /** Calls `changed` whenever frames arrive for the job; returns the unsubscribe. */
  watch(id: string, changed: () => void): () => void {
    let set = this.watchers.get(id);
    if (set === undefined) {
      set = new Set();
      this.watchers.set(id, set);
    }
    set.add(changed);
    return () => {
      set.delete(changed);
      if (set.size === 0) this.watchers.delete(id);
      this.evict();
    };
  }

  private evict(): void {
    let excess = this.finished.length - KEEP_FINISHED;
    for (const id of [...this.finished]) {
      if (excess <= 0) break;
      if (this.watchers.has(id)) continue;
      this.forget(id);
      excess -= 1;
    }
  }
}
