// Functions that run inside the page (Chromium). Each times with the page's own clock.

/** Starts collecting long tasks (> 50 ms) into globalThis.__longTasks. */
export function watchLongTasks() {
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) globalThis.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
}

/** Collects long tasks seen since the last call. */
export function takeLongTasks() {
  const tasks = globalThis.__longTasks;
  globalThis.__longTasks = [];
  return tasks;
}

/**
 * Sends jobs.add for `folder` over the api socket (what a drop ends in), then waits for
 * the list to name `label` and for the main thread to be free again (a task after the
 * next frame): the list is interactive. Resolves to { shownMs, interactiveMs }.
 */
export function addAndWaitForList({ apiUrl, folder, label }) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(apiUrl);
    ws.onerror = () => reject(new Error('api socket failed'));
    ws.onopen = () => {
      const t0 = performance.now();
      ws.send(
        JSON.stringify({
          type: 'call',
          id: 1,
          service: 'jobs',
          method: 'add',
          input: { paths: [folder] },
        }),
      );
      const poll = () => {
        if (!document.querySelector(`[aria-label="${label}"]`)) {
          requestAnimationFrame(poll);
          return;
        }
        const shownMs = performance.now() - t0;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            ws.close();
            resolve({ shownMs, interactiveMs: performance.now() - t0 });
          };
          channel.port2.postMessage(null);
        });
      };
      requestAnimationFrame(poll);
    };
  });
}

/** Counts progress events on a second api socket (the page's own socket gets the same). */
export function countProgress(apiUrl) {
  globalThis.__progress = { count: 0, frames: 0, first: null, last: null, perJob: {} };
  const ws = new WebSocket(apiUrl);
  ws.onmessage = (event) => {
    const parsed = JSON.parse(event.data);
    const p = globalThis.__progress;
    p.frames++;
    for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
      if (m.type !== 'event' || m.event !== 'progress') continue;
      const now = performance.now();
      p.count++;
      p.first ??= now;
      p.last = now;
      p.perJob[m.payload.id] = (p.perJob[m.payload.id] ?? 0) + 1;
    }
  };
  return new Promise((resolve) => (ws.onopen = resolve));
}

export function progressCounts() {
  return globalThis.__progress;
}

/**
 * Scrolls the job list (`.job-list`) to its end, 3,000 px per animation frame, and
 * resolves to the frame times in ms (the first frame left out).
 */
export function scrollFrames() {
  const list = document.querySelector('.job-list');
  return new Promise((resolve) => {
    const times = [];
    let last = performance.now();
    const step = () => {
      const now = performance.now();
      times.push(now - last);
      last = now;
      list.scrollTop += 3000;
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1 || times.length > 600)
        resolve(times.slice(1));
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}
