import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A damaged corpus, shared by the test (test/damaged.test.ts) and the bench: short
// clips in MP4, Matroska and MPEG-TS (H.264 with AAC, or MP2 audio as broadcasts carry)
// mutated by zzuf with fixed seeds, and the reference: plain `ffmpeg -i F -c:v libx264
// -c:a aac out.mp4`. What plain ffmpeg converts, Framewright must convert too.

const QUIET = ['-hide_banner', '-v', 'error', '-nostdin', '-y'];

/** Runs a program to its end: { code, stdout } (stderr is discarded). */
function run(program, args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks) }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

// How much of each file zzuf flips: an MP4's index (moov) is dense, so a lighter touch
// there keeps most files convertible, as damaged files in the wild are.
const BASES = [
  { name: 'base.mp4', audio: ['-c:a', 'aac'], ratio: 0.0005 },
  { name: 'base.mkv', audio: ['-c:a', 'aac'], ratio: 0.002 },
  { name: 'base.ts', audio: ['-c:a', 'mp2'], ratio: 0.002 },
];

/**
 * Writes the clean clips into `dir`/bases and `seeds` mutations of each into `dir`/in;
 * resolves to the mutated files' paths. Headers, tables and packets are damaged alike:
 * some files become unreadable, others stay convertible.
 */
export async function makeDamagedCorpus(dir, { seeds, seconds = 2 }) {
  const bases = path.join(dir, 'bases');
  const input = path.join(dir, 'in');
  mkdirSync(bases, { recursive: true });
  mkdirSync(input, { recursive: true });
  const files = [];
  for (const base of BASES) {
    const clean = path.join(bases, base.name);
    const made = await run('ffmpeg', [
      ...QUIET,
      ...['-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25:duration=${seconds}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p'],
      // One thread: the same bytes on every machine, so each seed damages the same places.
      ...['-threads', '1'],
      ...base.audio,
      '-shortest',
      clean,
    ]);
    if (made.code !== 0) throw new Error(`ffmpeg could not make ${clean}`);
    const bytes = readFileSync(clean);
    for (const seed of seeds) {
      const mutated = await run('zzuf', ['-s', String(seed), '-r', String(base.ratio)], bytes);
      const file = path.join(input, `${seed}-${base.name.replace('base', 'damaged')}`);
      writeFileSync(file, mutated.stdout);
      files.push(file);
    }
  }
  return files;
}

/** Whether ffprobe reads at least one stream from a file. */
async function hasStreams(file) {
  const args = ['-v', 'error', '-show_entries', 'stream=index', '-of', 'csv=p=0', file];
  const probe = await run('ffprobe', args);
  return probe.code === 0 && probe.stdout.toString().trim() !== '';
}

/** Whether a file decodes to its end with at least one stream (ffmpeg exits 0). */
export async function decodes(file) {
  if (!(await hasStreams(file))) return false;
  return (await run('ffmpeg', [...QUIET, '-i', file, '-f', 'null', '-'])).code === 0;
}

/** The reference: does plain ffmpeg convert `file` (exit 0, an output with streams)? */
export async function plainFfmpegConverts(file, outDir) {
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${path.basename(file)}.mp4`);
  const encode = ['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'];
  // Decoding the reference's output too would cost minutes where damaged timestamps made
  // plain ffmpeg repeat frames; Framewright's outputs are decoded in full.
  const { code } = await run('ffmpeg', [...QUIET, '-i', file, ...encode, out]);
  return code === 0 && (await hasStreams(out));
}
