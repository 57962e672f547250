// The CRF search: an interpolated binary search over the encoder's CRF range for the
// highest CRF whose samples reach the target score (and fit the size cap). Each trial
// encodes and measures the samples at one CRF; the next CRF is interpolated between the
// closest passing and failing trials, or taken halfway to the range's end while one side
// is still open. It stops when the passing and failing trials are one step apart.

/** What one trial CRF gave: the samples' score and the full output's predicted share of the source. */
export interface Trial {
  crf: number;
  score: number;
  /** Predicted size of the whole output in percent of the source. */
  sizePercent: number;
}

export interface SearchOptions {
  target: number;
  /** The encoder's CRF range (app/quality/target.ts, CRF_RANGES). */
  range: { min: number; max: number };
  /** The first CRF tried (the preset's); the middle of the range when absent. */
  start?: number;
  maxSizePercent?: number;
  /**
   * How far above the target a passing trial may land and still end the search early;
   * doubled at every trial (ab-av1's rule), so long searches settle sooner. 0: never early.
   */
  closeEnough?: number;
  /**
   * The score as interpolated on, rising with the score: a metric's distortion often
   * grows exponentially with CRF, so its logarithm interpolates closer (target.ts,
   * interpolationScale). Identity when absent.
   */
  scale?: (score: number) => number;
  /** Trials at most (default 10); the best so far is taken after that. */
  maxTrials?: number;
}

export type SearchOutcome =
  | { kind: 'reached'; crf: number; trial: Trial; trials: Trial[] }
  /**
   * The target is out of reach: `why` says whether quality (even the lowest CRF misses it)
   * or size (reaching it overflows the cap); `trial` is the best reachable setting.
   */
  | { kind: 'unreachable'; why: 'quality' | 'size'; crf: number; trial: Trial; trials: Trial[] };

/** A trial's side of the boundary: true on the low-CRF side (passes), false beyond it. */
type Side = (t: Trial) => boolean;

interface Boundary {
  side: Side;
  /** The value interpolated on, and the goal where the boundary lies. */
  value: (t: Trial) => number;
  goal: number;
}

const DEFAULT_MAX_TRIALS = 10;

/** Where the line through two trials' values meets the goal (between them or beyond); NaN when flat. */
function lerp(a: Trial, b: Trial, boundary: Boundary): number {
  const span = boundary.value(a) - boundary.value(b);
  return a.crf + ((b.crf - a.crf) * (boundary.value(a) - boundary.goal)) / span;
}

/**
 * The next CRF to try for this boundary within [lo, hi], or null when the passing and
 * failing trials are adjacent (or an end of the range is reached). Between a passing and a
 * failing trial: interpolated. With one side only: halfway to the range's end after the
 * first trial, then extrapolated from the two closest trials (the end when that fails).
 */
function nextCrf(trials: Trial[], b: Boundary, lo: number, hi: number): number | null {
  const inRange = trials.filter((t) => t.crf >= lo && t.crf <= hi);
  const passes = inRange.filter(b.side).sort((x, y) => y.crf - x.crf);
  const fails = inRange.filter((t) => !b.side(t)).sort((x, y) => x.crf - y.crf);
  const [pass, fail] = [passes[0], fails[0]];
  const within = (crf: number, from: number, to: number, fallback: number): number =>
    Number.isFinite(crf) ? Math.min(to, Math.max(from, Math.round(crf))) : fallback;
  if (pass !== undefined && fail !== undefined) {
    if (fail.crf - pass.crf <= 1) return null;
    const mid = Math.round((pass.crf + fail.crf) / 2);
    return within(lerp(pass, fail, b), pass.crf + 1, fail.crf - 1, mid);
  }
  const side = pass !== undefined ? passes : fails;
  const edge = side[0];
  if (edge === undefined) return Math.round((lo + hi) / 2);
  const end = pass !== undefined ? hi : lo;
  if (edge.crf === end) return null;
  const [first, second] = [Math.min(edge.crf, end), Math.max(edge.crf, end)];
  const [from, to] = pass !== undefined ? [first + 1, second] : [first, second - 1];
  const previous = side[1];
  if (previous === undefined) return within((edge.crf + end) / 2, from, to, end);
  const guess = lerp(previous, edge, b);
  // A guess back past the edge means the values do not move as expected: try the end.
  const forward = pass !== undefined ? guess > edge.crf : guess < edge.crf;
  return forward ? within(guess, from, to, end) : end;
}

/** Runs trials (each CRF at most once) and returns the best CRF for the target. */
export async function searchCrf(
  options: SearchOptions,
  run: (crf: number, index: number) => Promise<Trial>,
): Promise<SearchOutcome> {
  const { target, range, maxSizePercent } = options;
  const maxTrials = options.maxTrials ?? DEFAULT_MAX_TRIALS;
  const trials: Trial[] = [];
  let loops = 0;
  const at = (crf: number): Trial | undefined => trials.find((t) => t.crf === crf);
  const trial = async (crf: number): Promise<Trial> => {
    const known = at(crf);
    if (known !== undefined) return known;
    const made = await run(crf, trials.length);
    trials.push({ ...made, crf });
    return at(crf) as Trial;
  };
  const fits = (t: Trial): boolean =>
    maxSizePercent === undefined || t.sizePercent <= maxSizePercent;
  const good = (t: Trial): boolean => t.score >= target;

  // 1. The highest CRF that reaches the target.
  const scale = options.scale ?? ((score: number) => score);
  const quality: Boundary = { side: good, value: (t) => scale(t.score), goal: scale(target) };
  const clamp = (crf: number): number => Math.min(range.max, Math.max(range.min, Math.round(crf)));
  let crf: number | null = clamp(options.start ?? (range.min + range.max) / 2);
  while (crf !== null && trials.length < maxTrials && loops++ < 2 * maxTrials) {
    const t = await trial(crf);
    const close = (options.closeEnough ?? 0) * 2 ** (trials.length - 1);
    if (good(t) && fits(t) && t.score < target + close) break;
    crf = nextCrf(trials, quality, range.min, range.max);
  }
  const passing = trials.filter(good).sort((x, y) => y.crf - x.crf);
  const best = passing.find(fits) ?? passing[0];
  if (best !== undefined && fits(best))
    return { kind: 'reached', crf: best.crf, trial: best, trials };

  // 2. Out of reach: the best score within the cap (the lowest CRF that fits it).
  if (best === undefined && trials.some(fits)) {
    const pick = bestOf(trials.filter(fits));
    return { kind: 'unreachable', why: 'quality', crf: pick.crf, trial: pick, trials };
  }
  const size: Boundary = {
    side: (t) => !fits(t),
    value: (t) => Math.log(Math.max(t.sizePercent, 1e-6)),
    goal: Math.log(maxSizePercent ?? 100),
  };
  const from = best?.crf ?? range.min;
  crf = nextCrf(trials, size, from, range.max);
  while (crf !== null && trials.length < maxTrials && loops++ < 2 * maxTrials) {
    await trial(crf);
    crf = nextCrf(trials, size, from, range.max);
  }
  const small = trials.filter(fits).sort((x, y) => x.crf - y.crf)[0];
  const pick = small ?? trials.reduce((x, y) => (y.sizePercent < x.sizePercent ? y : x));
  const why = best === undefined ? 'quality' : 'size';
  return { kind: 'unreachable', why, crf: pick.crf, trial: pick, trials };
}

/** The trial with the highest score (the lowest CRF on a tie). */
function bestOf(trials: Trial[]): Trial {
  return trials.reduce((x, y) =>
    y.score > x.score || (y.score === x.score && y.crf < x.crf) ? y : x,
  );
}

/**
 * The CRF whose samples would score `score`, read off the trials (interpolated between the
 * two around it on the search's scale, or extended from the nearest two), rounded down so
 * it reaches at least that score; null with fewer than two trials.
 */
export function crfForScore(
  trials: readonly Trial[],
  score: number,
  scale: (score: number) => number = (s) => s,
): number | null {
  const sorted = [...trials].sort((x, y) => x.crf - y.crf);
  if (sorted.length < 2) return null;
  const goal = scale(score);
  // The first pair whose higher CRF scores below the goal, else the last pair.
  const at = sorted.findIndex((t, i) => i > 0 && scale(t.score) < goal);
  const upper = at > 0 ? at : sorted.length - 1;
  const [a, b] = [sorted[upper - 1], sorted[upper]] as [Trial, Trial];
  const span = scale(a.score) - scale(b.score);
  if (!(span > 0)) return a.crf;
  return Math.floor(a.crf + ((b.crf - a.crf) * (scale(a.score) - goal)) / span);
}
