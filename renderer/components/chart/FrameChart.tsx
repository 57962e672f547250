// uPlot draws the live chart: a small (~50 KB), kept, canvas-based library built for
// streaming time series; it redraws tens of thousands of points in a few milliseconds,
// where SVG/DOM charting libraries would create a node per point and stall the page.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/context';
import { chartColors, chartOptions } from './chart-options';
import { FrameRing } from './frame-ring';
import { summarize } from './summary';

const CAPACITY = 30_000;
const MIN_FRAME_MS = 100;
const HEIGHT = 220;

/**
 * The live per-frame chart of one job. Batches go into a ring outside React; a redraw is
 * scheduled with requestAnimationFrame at most ~10 times a second, so no batch causes a
 * React render.
 */
export function FrameChart({ jobId }: { jobId: string }): React.JSX.Element {
  const api = useAppStore((s) => s.host.api);
  const box = useRef<HTMLDivElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const container = box.current;
    if (container === null) return;
    const ring = new FrameRing(CAPACITY);
    let chart: uPlot | null = null;
    let frame: number | null = null;
    let timer: number | null = null;
    let lastDraw = 0;

    const draw = (): void => {
      frame = null;
      lastDraw = performance.now();
      ring.commit();
      const n = ring.length;
      const c = ring.columns;
      chart?.setData([
        c.time.subarray(0, n),
        c.size.subarray(0, n),
        ring.qpLine,
        ring.bitrate.subarray(0, n),
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
      const width = Math.max(240, container.clientWidth);
      chart = new uPlot(
        chartOptions(ring, chartColors(container), { width, height: HEIGHT }),
        [[], [], [], []],
        container,
      );
      lastDraw = 0;
      draw();
    };
    build();

    const off = api.jobs.onFrameStats((event) => {
      if (event.id !== jobId) return;
      ring.push(event);
      schedule();
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
  }, [api, jobId]);

  return (
    <figure className="frame-chart" data-frames="0" data-markers="0">
      <div ref={box} className="frame-chart-canvas" role="img" aria-label="Live frame chart" />
      <p ref={summary} className="frame-chart-summary" aria-live="off">
        Waiting for the first frames…
      </p>
    </figure>
  );
}
