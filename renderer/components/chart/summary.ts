import type { FrameRing } from './frame-ring';

function rate(bitsPerSecond: number): string {
  return bitsPerSecond >= 1e6
    ? `${(bitsPerSecond / 1e6).toFixed(1)} Mb/s`
    : `${Math.round(bitsPerSecond / 1e3)} kb/s`;
}

/** One line for people and tests: "Frames charted: 1,234 · 2 size changes · QP 23 · 1.4 Mb/s". */
export function summarize(ring: FrameRing): string {
  const n = ring.length;
  if (n === 0) return 'Waiting for the first frames…';
  const parts = [`Frames charted: ${n.toLocaleString()}`];
  if (ring.received > n)
    parts.push(`latest ${n.toLocaleString()} of ${ring.received.toLocaleString()}`);
  const changes = ring.markers.length;
  parts.push(
    changes === 0 ? 'one picture size' : `${changes} size change${changes === 1 ? '' : 's'}`,
  );
  let qpSum = 0;
  let qpCount = 0;
  let peak = 0;
  for (let i = 0; i < n; i++) {
    const qp = ring.qpLine[i];
    if (qp !== null && qp !== undefined) {
      qpSum += qp;
      qpCount += 1;
    }
    peak = Math.max(peak, ring.bitrate[i] ?? 0);
  }
  if (qpCount > 0) parts.push(`average QP ${(qpSum / qpCount).toFixed(1)}`);
  parts.push(`peak ${rate(peak)}`);
  return parts.join(' · ');
}
