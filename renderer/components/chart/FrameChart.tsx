// uPlot draws the live chart: a small (~50 KB), kept, canvas-based library built for
// streaming time series; it redraws tens of thousands of points in a few milliseconds,
// where SVG/DOM charting libraries would create a node per point and stall the page.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import type { MetricFrames } from '../../../app/jobs/metrics';
import { useAppStore } from '../../store/context';
import { chartColors, chartOptions } from './chart-options';
import type { FrameRing } from './frame-ring';
import { qualityLine, qualityValues } from './quality-line';
import { summarize } from './summary';

const MIN_FRAME_MS = 100;
const HEIGHT = 220;

/**
 * The per-frame chart of one job, live while it runs. Batches go into the store's ring
 * outside React; a redraw is scheduled with requestAnimationFrame at most ~10 times a
 * second, so no batch causes a React render. A finished job's kept frames draw at once,
 * with its measured quality as a line once there is one.
 */
export function FrameChart({
  jobId,
  quality,
}: {
  jobId: string;
  quality?: MetricFrames | undefined;
}): React.JSX.Element {
  const frames = useAppStore((s) => s.frames);
  const box = useRef<HTMLDivElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const container = box.current;
    if (container === null) return;
    let chart: uPlot | null = null;
    /** The ring the chart was built on: a retried job starts a new one. */
    let drawn: FrameRing | undefined;
    let frame: number | null = null;
    let timer: number | null = null;
    let lastDraw = 0;
    const line = qualityLine(quality);

    const draw = (): void => {
      frame = null;
      lastDraw = performance.now();
      const ring = frames.ring(jobId);
      if (ring === undefined) return;
      ring.commit();
      const n = ring.length;
      const c = ring.columns;
      chart?.setData([
        c.time.subarray(0, n),
        c.size.subarray(0, n),
        ring.qpLine,
        ring.bitrate.subarray(0, n),
        ...(line === null || quality === undefined ? [] : [qualityValues(ring, quality, line)]),
      ]);
      const text = summarize(ring);
      const figure = container.parentElement;
      figure?.setAttribute('data-frames', String(n));
      figure?.setAttribute('data-markers', String(ring.markers.length));
      if (summary.current !== null) summary.current.textContent = text;
    };
    const schedule = (): void => {
      if (frame !== null || timer !== null) return;
      const wait = MIN_FRAME_MS - (performance.now() - lastDraw);
      const ask = (): void => {
        timer = null;
        frame = window.requestAnimationFrame(draw);
      };
      if (wait > 0) timer = window.setTimeout(ask, wait);
      else ask();
    };
    const build = (): void => {
      chart?.destroy();
      chart = null;
      const width = Math.max(240, container.clientWidth);
      const ring = frames.ring(jobId);
      drawn = ring;
      if (ring === undefined) return;
      chart = new uPlot(
        chartOptions(ring, chartColors(container), { width, height: HEIGHT }, line),
        line === null ? [[], [], [], []] : [[], [], [], [], []],
        container,
      );
      lastDraw = 0;
      draw();
    };
    build();

    const off = frames.watch(jobId, () => {
      if (frames.ring(jobId) !== drawn) build();
      else schedule();
    });
    // Light and dark themes differ in colour: rebuild with the new palette.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    const resize = new ResizeObserver(() => {
      const width = Math.max(240, container.clientWidth);
      if (chart !== null && Math.abs(chart.width - width) > 1)
        chart.setSize({ width, height: HEIGHT });
    });
    resize.observe(container);
    return () => {
      off();
      scheme.removeEventListener('change', build);
      resize.disconnect();
      if (frame !== null) window.cancelAnimationFrame(frame);
      if (timer !== null) window.clearTimeout(timer);
      chart?.destroy();
    };
  }, [frames, jobId, quality]);

  return (
    <figure className="frame-chart" data-frames="0" data-markers="0">
      <div ref={box} className="frame-chart-canvas" role="img" aria-label="Live frame chart" />
      <p ref={summary} className="frame-chart-summary" aria-live="off">
        Waiting for the first frames…
      </p>
    </figure>
  );
}
