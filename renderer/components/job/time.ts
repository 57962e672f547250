// Trim times as the panel shows them; parsing is app/util/time-value.ts.

/** 83.5 → "1:23.5", 3600 → "1:00:00"; the clock form parseTimeValue reads back. */
export function formatTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 1000) / 1000;
  const ss = (s < 10 ? '0' : '') + String(s);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
