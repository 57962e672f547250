import type { FrameStatsBatch } from '../../../app/jobs/frame-stats';

// The live chart's data, kept outside React: a bounded window of the latest frames by
// time, in typed arrays sorted by time. Batches are only queued on arrival; `commit()`
// (once per drawn frame, at most ~10 times a second) sorts what arrived and merges it in
// one O(n) pass. Sorting matters: the segments of a reinit job are encoded in parallel,
// so batches from different parts of the timeline interleave.

/** Field pictures report lower-case letters; they chart as their frame type. */
const TYPE_CODE: Record<string, number> = { I: 0, P: 1, B: 2, i: 0, p: 1, b: 2 };

/** Where the source picture size changes: the first charted frame of the new size. */
export interface SizeMarker {
  timeSec: number;
  width: number;
  height: number;
}

class Columns {
  readonly time: Float64Array;
  readonly size: Float64Array;
  readonly qp: Float64Array;
  readonly type: Uint8Array;
  readonly width: Uint16Array;
  readonly height: Uint16Array;
  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.size = new Float64Array(capacity);
    this.qp = new Float64Array(capacity);
    this.type = new Uint8Array(capacity);
    this.width = new Uint16Array(capacity);
    this.height = new Uint16Array(capacity);
  }
  copy(to: number, from: Columns, at: number): void {
    this.time[to] = from.time[at] ?? 0;
    this.size[to] = from.size[at] ?? 0;
    this.qp[to] = from.qp[at] ?? 0;
    this.type[to] = from.type[at] ?? 3;
    this.width[to] = from.width[at] ?? 0;
    this.height[to] = from.height[at] ?? 0;
  }
}

export class FrameRing {
  private front: Columns;
  private back: Columns;
  private incoming: Columns;
  private pending: FrameStatsBatch[] = [];
  private pendingCount = 0;
  /** Bits per second over the last second of frames, per frame. */
  readonly bitrate: Float64Array;
  /** QP per frame for the chart: null where the encoder reported none (-1 while flushing). */
  readonly qpLine: (number | null)[] = [];
  length = 0;
  /** Frames received in all (including those that fell out of the window). */
  received = 0;
  markers: SizeMarker[] = [];

  constructor(readonly capacity: number) {
    this.front = new Columns(capacity);
    this.back = new Columns(capacity);
    this.incoming = new Columns(capacity);
    this.bitrate = new Float64Array(capacity);
  }

  get columns(): Readonly<Columns> {
    return this.front;
  }

  /** Cheap: called from the event listener; the work happens in `commit()`. */
  push(batch: FrameStatsBatch): void {
    this.pending.push(batch);
    this.pendingCount += batch.timeSec.length;
  }

  get dirty(): boolean {
    return this.pending.length > 0;
  }

  /** Frames queued since the last `commit()`. */
  get pendingFrames(): number {
    return this.pendingCount;
  }

  /** Merges what arrived since the last call; returns false when nothing did. */
  commit(): boolean {
    if (this.pending.length === 0) return false;
    const k = this.unpack();
    const order = Array.from({ length: k }, (_, i) => i);
    const t = this.incoming.time;
    order.sort((a, b) => (t[a] ?? 0) - (t[b] ?? 0));
    // Merge the sorted arrivals with what is charted; keep the latest `capacity` by time.
    const total = this.length + k;
    let skip = Math.max(0, total - this.capacity);
    let i = 0;
    let j = 0;
    let out = 0;
    const { front, back, incoming } = this;
    while (i < this.length || j < k) {
      const fromFront =
        j >= k || (i < this.length && (front.time[i] ?? 0) <= (t[order[j] ?? 0] ?? 0));
      if (skip > 0) skip -= 1;
      else if (fromFront) back.copy(out++, front, i);
      else back.copy(out++, incoming, order[j] ?? 0);
      if (fromFront) i += 1;
      else j += 1;
    }
    this.front = back;
    this.back = front;
    this.length = out;
    this.derive();
    return true;
  }

  /** Flattens pending batches into `incoming` (at most `capacity`, the newest). */
  private unpack(): number {
    const batches = this.pending;
    this.pending = [];
    this.received += this.pendingCount;
    let drop = Math.max(0, this.pendingCount - this.capacity);
    this.pendingCount = 0;
    let k = 0;
    const into = this.incoming;
    for (const batch of batches) {
      for (let f = 0; f < batch.timeSec.length; f++) {
        if (drop > 0) {
          drop -= 1;
          continue;
        }
        into.time[k] = batch.timeSec[f] ?? 0;
        into.size[k] = batch.sizeBytes[f] ?? 0;
        into.qp[k] = batch.qp[f] ?? 0;
        into.type[k] = TYPE_CODE[batch.pictureTypes.charAt(f)] ?? 3;
        into.width[k] = batch.width[f] ?? 0;
        into.height[k] = batch.height[f] ?? 0;
        k += 1;
      }
    }
    return k;
  }

  /** Rolling one-second bitrate and the size-change markers, in one pass each. */
  private derive(): void {
    const { time, size, qp, width, height } = this.front;
    const n = this.length;
    const line = this.qpLine;
    line.length = n;
    for (let i = 0; i < n; i++) {
      const value = qp[i] ?? -1;
      line[i] = value >= 0 ? value : null;
    }
    let start = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const now = time[i] ?? 0;
      sum += size[i] ?? 0;
      while (start < i && (time[start] ?? 0) <= now - 1) sum -= size[start++] ?? 0;
      this.bitrate[i] = sum * 8;
    }
    const markers: SizeMarker[] = [];
    let w = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const fw = width[i] ?? 0;
      const fh = height[i] ?? 0;
      if (fw === 0 || fh === 0 || (fw === w && fh === h)) continue;
      if (w !== 0) markers.push({ timeSec: time[i] ?? 0, width: fw, height: fh });
      w = fw;
      h = fh;
    }
    this.markers = markers;
  }
}
