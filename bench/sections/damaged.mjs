import path from 'node:path';
import { cli } from '../lib/framewright.mjs';
import { decodes, makeDamagedCorpus, plainFfmpegConverts } from '../lib/damaged.mjs';

// 8. A damaged corpus (zzuf over MP4, Matroska and MPEG-TS, 30 seeds each): how many
// files plain `ffmpeg -i F -c:v libx264 -c:a aac out.mp4` converts, and how many of
// those Framewright converts (done, and the output decodes). Every failure needs a sentence.

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

export default async function damaged({ work, log }) {
  const files = await makeDamagedCorpus(work, { seeds: SEEDS });
  const plain = [];
  for (const file of files)
    if (await plainFfmpegConverts(file, path.join(work, 'plain'))) plain.push(file);
  // Exit 1 is expected: some damaged files fail (each with its sentence).
  const run = await cli(
    [
      'convert',
      ...files,
      ...[
        '--preset',
        'h264-mp4',
        '--out',
        path.join(work, 'out'),
        '--stall-timeout',
        '15',
        '--json',
      ],
    ],
    { allowFailure: true },
  );
  const { jobs } = JSON.parse(run.stdout);
  const byInput = new Map(jobs.map((job) => [job.input, job]));
  let converted = 0;
  const missed = [];
  for (const file of plain) {
    const job = byInput.get(file);
    if (job?.status === 'done' && (await decodes(job.output))) converted++;
    else missed.push(`${path.basename(file)}: ${job?.error ?? 'no job'}`);
  }
  const silent = jobs.filter((job) => job.status === 'failed' && !/\w.*\./.test(job.error ?? ''));
  const done = jobs.filter((job) => job.status === 'done').length;
  log(
    `  ${files.length} damaged files; plain ffmpeg converts ${plain.length}; Framewright ${done}`,
  );
  for (const line of missed) log(`  missed ${line}`);
  return {
    id: 'damaged',
    title: '8. Damaged files: Framewright converts every file plain ffmpeg converts',
    goal: 'all of the files plain ffmpeg converts; every failure with a sentence',
    metrics: [
      {
        name: `of ${plain.length} files plain ffmpeg converts (of ${files.length}), Framewright converts`,
        value: converted,
        unit: 'files',
        goal: `${plain.length}`,
        met: converted === plain.length,
      },
      {
        name: 'Framewright done in all (some files plain ffmpeg refuses convert too)',
        value: done,
        unit: 'files',
        goal: 'informational',
        met: null,
      },
      {
        name: 'failures without a sentence',
        value: silent.length,
        unit: 'jobs',
        goal: '0',
        met: silent.length === 0,
      },
    ],
  };
}
