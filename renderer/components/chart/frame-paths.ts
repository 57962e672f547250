import uPlot from 'uplot';
import type { FrameRing } from './frame-ring';

// Drawing the frame sizes: one vertical stick per frame from zero to its size, coloured by
// picture type, with a shape on top (I square, P circle, B triangle) so the types differ
// by more than colour. Sticks are decimated to one per pixel column and type, so 30,000
// frames cost no more than a chart's width in path commands.

export interface ChartColors {
  types: [i: string, p: string, b: string, other: string];
  qp: string;
  rate: string;
  /** The measured quality's line (SSIM or PSNR). */
  quality: string;
  marker: string;
  axis: string;
  grid: string;
  text: string;
  surface: string;
}

function shape(path: Path2D, type: number, x: number, y: number, r: number): void {
  if (type === 0) path.rect(x - r, y - r, 2 * r, 2 * r);
  else if (type === 2) {
    path.moveTo(x, y - r * 1.2);
    path.lineTo(x + r * 1.1, y + r * 0.8);
    path.lineTo(x - r * 1.1, y + r * 0.8);
    path.closePath();
  } else {
    path.moveTo(x + r, y);
    path.arc(x, y, r, 0, 2 * Math.PI);
  }
}

export function framePaths(ring: FrameRing, colors: ChartColors): uPlot.Series.PathBuilder {
  return (u, _seriesIdx, idx0, idx1) => {
    const { time, size, type } = ring.columns;
    const sticks = colors.types.map(() => new Path2D());
    const shapes = colors.types.map(() => new Path2D());
    const zero = u.valToPos(0, 'y', true);
    const r = 2.5 * uPlot.pxRatio;
    // Shapes for every frame only while they have room; I-frames are rare enough always.
    const sparse = idx1 - idx0 + 1 <= u.bbox.width / (3 * r);
    const tallest = [0, 0, 0, 0];
    let column = Number.NaN;
    const flush = (): void => {
      for (let t = 0; t < 4; t++) {
        const value = tallest[t] ?? 0;
        if (value <= 0) continue;
        sticks[t]?.moveTo(column, zero);
        sticks[t]?.lineTo(column, u.valToPos(value, 'y', true));
        tallest[t] = 0;
      }
    };
    for (let i = idx0; i <= idx1; i++) {
      const x = Math.round(u.valToPos(time[i] ?? 0, 'x', true)) + 0.5;
      if (x !== column) {
        flush();
        column = x;
      }
      const t = type[i] ?? 3;
      const value = size[i] ?? 0;
      if (value > (tallest[t] ?? 0)) tallest[t] = value;
      const path = shapes[t];
      if ((sparse || t === 0) && path !== undefined)
        shape(path, t, x, u.valToPos(value, 'y', true), r);
    }
    flush();
    const stroke = new Map<string, Path2D>();
    const fill = new Map<string, Path2D>();
    colors.types.forEach((color, t) => {
      const stick = sticks[t];
      const mark = shapes[t];
      if (stick !== undefined) stroke.set(color, stick);
      if (mark !== undefined) fill.set(color, mark);
    });
    return { stroke, fill };
  };
}

/** Vertical dashed lines where the source picture size changes, labelled with the new size. */
export function drawMarkers(u: uPlot, ring: FrameRing, colors: ChartColors): void {
  const { ctx, bbox } = u;
  const px = uPlot.pxRatio;
  ctx.save();
  ctx.strokeStyle = colors.marker;
  ctx.fillStyle = colors.text;
  ctx.lineWidth = 1.5 * px;
  ctx.setLineDash([4 * px, 3 * px]);
  ctx.font = `${11 * px}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  for (const marker of ring.markers) {
    const x = Math.round(u.valToPos(marker.timeSec, 'x', true)) + 0.5;
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    const label = `${marker.width}×${marker.height}`;
    const width = ctx.measureText(label).width;
    const left = Math.min(x + 3 * px, bbox.left + bbox.width - width - 2 * px);
    ctx.fillStyle = colors.surface;
    ctx.fillRect(left - px, bbox.top + px, width + 2 * px, 14 * px);
    ctx.fillStyle = colors.text;
    ctx.fillText(label, left, bbox.top + 2 * px);
  }
  ctx.restore();
}
