// The one formatter of durations as a clock: 75 → "1:15", 3725 → "1:02:05".

/** Whole seconds as m:ss, or h:mm:ss from an hour up; negatives count as 0. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
