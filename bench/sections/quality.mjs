import { rmSync } from 'node:fs';
import path from 'node:path';
import { convert } from '../lib/framewright.mjs';
import { makeClip } from '../lib/media.mjs';
import { round } from '../lib/measure.mjs';

// Encoding to a quality target: the CRF search's time (samples encoded and measured at each
// trial CRF) as a share of the final encode's time, for a 60 s 720p grainy clip with the
// h264-mp4 preset (x264 medium). The final encode is timed on its own (`--crf` at the CRF
// the search chose), so the share does not count the search's own measuring of the output.

const TARGET = process.env.BENCH_QUALITY_TARGET ?? 'ssim:0.98';
// x264 medium's lookahead holds a short sample's first frames back: on a loaded machine
// that is minutes without progress, which the default stall watchdog (60 s) would stop.
const STALL = ['--stall-timeout', '600'];

export default async function quality({ work, log }) {
  const clip = await makeClip(path.join(work, 'media', 'grainy-720p.mp4'), {
    seconds: 60,
    size: '1280x720',
    filter: 'noise=alls=8:allf=t',
  });
  const out = path.join(work, 'out');
  // A cache of its own: a search cached from an earlier run would take no time.
  const env = { ...process.env, XDG_CACHE_HOME: path.join(work, 'cache') };
  const searched = await convert(
    [clip],
    out,
    ['--preset', 'h264-mp4', '--target-quality', TARGET, ...STALL],
    { env },
  );
  const job = searched.summary.jobs[0];
  const q = job.quality;
  log(
    `  ${TARGET}: CRF ${q.crf} after ${q.trials.length} trials (${q.trials.map((t) => t.crf).join(', ')}), search ${q.searchSec} s; output ${q.measured}`,
  );
  rmSync(out, { recursive: true, force: true });
  const plain = await convert(
    [clip],
    out,
    ['--preset', 'h264-mp4', '--crf', String(q.crf), ...STALL],
    {
      env,
    },
  );
  const share = round((q.searchSec * 1000 * 100) / plain.ms, 1);
  // CPU: everything the searched run did beyond the plain encode (the search and the final
  // check's measuring), the figure to trust on a loaded machine; null where not measured.
  const cpuShare =
    searched.cpuMs === null || plain.cpuMs === null
      ? null
      : round(((searched.cpuMs - plain.cpuMs) * 100) / plain.cpuMs, 1);
  log(
    `  final encode alone ${round(plain.ms / 1000)} s: search = ${share}% of it (CPU beyond the plain encode: ${cpuShare ?? '?'}%)`,
  );
  return {
    id: 'quality',
    title: `Target quality (${TARGET}), 60 s 720p grainy clip, x264 medium: search time vs the final encode`,
    goal: 'search < 35% of the final encode',
    metrics: [
      {
        name: 'search time / final encode time',
        framewrightMs: round(q.searchSec * 1000),
        otherMs: round(plain.ms),
        value: share,
        unit: '%',
        goal: '< 35%',
        met: share < 35,
      },
      {
        name: 'CPU of the searched run beyond the plain encode / plain encode CPU',
        framewrightMs: searched.cpuMs,
        otherMs: plain.cpuMs,
        value: cpuShare,
        unit: '%',
        goal: 'informational (search and the final check together)',
        met: null,
      },
      {
        name: `trials; predicted size / actual`,
        value: `${q.trials.length}; ${round(q.predictedBytes / q.actualBytes, 2)}`,
        unit: '',
        goal: 'informational',
        met: null,
      },
    ],
    runs: {
      searched: { ms: round(searched.ms), cpuMs: searched.cpuMs, quality: q },
      plain: { ms: round(plain.ms), cpuMs: plain.cpuMs },
    },
  };
}
