import type uPlot from 'uplot';
import { drawMarkers, framePaths, type ChartColors } from './frame-paths';
import type { FrameRing } from './frame-ring';
import type { QualityLine } from './quality-line';

// uPlot options for the live frame chart: x is the frame's time in seconds; frame size in
// bytes on the left axis, QP and the rolling bitrate on the right; once measured, the
// output's quality (SSIM or PSNR) on an outer left axis.

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/** The chart's colours from the theme's CSS variables (light or dark). */
export function chartColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  return {
    types: [
      cssVar(style, '--chart-i', '#c2410c'),
      cssVar(style, '--chart-p', '#2563eb'),
      cssVar(style, '--chart-b', '#0f8a66'),
      cssVar(style, '--chart-other', '#6b7280'),
    ],
    qp: cssVar(style, '--chart-qp', '#7c3aed'),
    rate: cssVar(style, '--chart-rate', '#c0267a'),
    quality: cssVar(style, '--chart-quality', '#0e7490'),
    marker: cssVar(style, '--chart-marker', '#2b313c'),
    axis: cssVar(style, '--muted', '#586170'),
    grid: cssVar(style, '--border', '#dde1e8'),
    text: cssVar(style, '--text', '#15181e'),
    surface: cssVar(style, '--surface', '#ffffff'),
  };
}

const bytes = (v: number): string =>
  v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : `${v}`;
const bits = (v: number): string =>
  v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${Math.round(v / 1e3)}k` : `${v}`;
const seconds = (v: number): string => `${+v.toFixed(2)}s`;

/** The quality axis: the measured values with some room, SSIM never above 1. */
function qualityRange({ metric, range: [min, max] }: QualityLine): uPlot.Range.MinMax {
  const pad = Math.max((max - min) * 0.15, metric === 'ssim' ? 0.002 : 0.5);
  return [min - pad, metric === 'ssim' ? Math.min(1, max + pad) : max + pad];
}

export function chartOptions(
  ring: FrameRing,
  colors: ChartColors,
  size: { width: number; height: number },
  quality: QualityLine | null = null,
): uPlot.Options {
  const font = '11px system-ui, sans-serif';
  const axis = (scale: string, side: 0 | 1 | 2 | 3, format: (v: number) => string): uPlot.Axis => ({
    scale,
    side,
    stroke: colors.axis,
    font,
    size: side === 2 ? 28 : 44,
    gap: 4,
    grid: { show: scale === 'y' || scale === 'x', stroke: colors.grid, width: 1 },
    ticks: { show: true, stroke: colors.grid, width: 1, size: 4 },
    values: (_u, splits) => splits.map(format),
  });
  return {
    ...size,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    padding: [16, 4, 0, 4],
    scales: {
      x: { time: false },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
      qp: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max / 10) * 10)] },
      rate: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      ...(quality === null ? {} : { quality: { range: qualityRange(quality) } }),
    },
    axes: [
      axis('x', 2, seconds),
      axis('y', 3, bytes),
      axis('qp', 1, (v) => `${v}`),
      axis('rate', 1, bits),
      ...(quality === null ? [] : [axis('quality', 3, quality.format)]),
    ],
    series: [
      {},
      {
        label: 'Frame size (bytes)',
        scale: 'y',
        width: 1,
        stroke: colors.types[1],
        fill: colors.types[1],
        paths: framePaths(ring, colors),
        points: { show: false },
      },
      { label: 'QP', scale: 'qp', stroke: colors.qp, width: 1.5, points: { show: false } },
      {
        label: 'Bitrate (bits/s, last second)',
        scale: 'rate',
        stroke: colors.rate,
        width: 1.5,
        points: { show: false },
      },
      ...(quality === null
        ? []
        : [
            {
              label: quality.label,
              scale: 'quality',
              stroke: colors.quality,
              width: 2,
              spanGaps: true,
              points: { show: false },
            },
          ]),
    ],
    hooks: { draw: [(u) => drawMarkers(u, ring, colors)] },
  };
}
