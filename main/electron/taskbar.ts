import { Notification, type BrowserWindow } from 'electron';
import type { Engine } from '../engine/engine';
import { BatchTracker, summarySentence, type BatchSummary } from './batch';

// Taskbar (Windows), dock (macOS) and launcher (Unity) progress for the running batch,
// and a notification when the batch ends.

const BAR_INTERVAL_MS = 250;

export async function trackBatch(
  engine: Engine,
  win: BrowserWindow,
  onNotificationClick: () => void,
): Promise<() => void> {
  const [jobs, queue] = await Promise.all([engine.jobs.list(), engine.jobs.queueState()]);
  const tracker = new BatchTracker(jobs, queue.running);
  let timer: NodeJS.Timeout | null = null;
  let lastShown: Notification | null = null;

  const paint = (): void => {
    timer = null;
    if (win.isDestroyed()) return;
    const fraction = tracker.fraction();
    win.setProgressBar(fraction ?? -1);
  };
  const schedulePaint = (): void => {
    timer ??= setTimeout(paint, BAR_INTERVAL_MS);
  };
  const ended = (summary: BatchSummary | null): void => {
    schedulePaint();
    if (summary === null || !Notification.isSupported()) return;
    const notification = new Notification({ title: 'Framewright', body: summarySentence(summary) });
    notification.on('click', onNotificationClick);
    notification.show();
    lastShown = notification; // keeps it (and its click handler) alive until the next one
  };

  const offs = [
    engine.jobs.onAdded((jobs) => ended(tracker.updateAll(jobs))),
    engine.jobs.onUpdate((job) => ended(tracker.update(job))),
    engine.jobs.onProgress(({ id, progress }) => {
      tracker.progress(id, progress.percent);
      schedulePaint();
    }),
    engine.jobs.onRemoved(({ ids }) => ended(tracker.removed(ids))),
    engine.jobs.onQueueState((state) => ended(tracker.setQueueRunning(state.running))),
  ];
  schedulePaint();

  return () => {
    for (const off of offs) off();
    if (timer !== null) clearTimeout(timer);
    lastShown?.close();
    lastShown = null;
  };
}
