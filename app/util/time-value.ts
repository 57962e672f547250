// The one parser of time values a person types: plain seconds ("90", "12.5") or a
// clock ("1:30", "1:02:03.250"), as ffmpeg and HandBrake accept them.

const WHOLE = /^\d+$/;
const SECONDS = /^\d+(\.\d+)?$/;
/** Seconds in a clock: two digits, as in 1:05. */
const CLOCK_SECONDS = /^\d{2}(\.\d+)?$/;

/** Seconds from "90", "12.5", "1:30" or "1:02:03.250"; null when the text is none of them. */
export function parseTimeValue(text: string): number | null {
  const parts = text.trim().split(':');
  const seconds = parts.pop() ?? '';
  if (parts.length > 2 || !SECONDS.test(seconds) || !parts.every((p) => WHOLE.test(p))) return null;
  const [minutes, hours] = parts.reverse().map(Number);
  // In a clock, seconds are under 60, and so are minutes when hours are given.
  if (parts.length > 0 && (!CLOCK_SECONDS.test(seconds) || Number(seconds) >= 60)) return null;
  if (hours !== undefined && (minutes ?? 0) >= 60) return null;
  return (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + Number(seconds);
}
