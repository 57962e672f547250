import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BinaryInfo, BinarySettings } from '../app/worker/protocol';
import { fileIdentity, recall, remember } from './fact-cache';

// Finds ffmpeg and ffprobe: the user's setting, then FFMPEG_PATH/FFPROBE_PATH, then the
// bundled ffmpeg-static/ffprobe-static packages, then PATH. ffprobe follows ffmpeg's
// tier where it can, so the two come from the same build.

type Program = 'ffmpeg' | 'ffprobe';
/** Optional packages are looked up at run time: absent when their binary download was impossible. */
const loadOptional = createRequire(__filename);
type Candidate = { path: string; source: BinaryInfo['source'] };

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function bundled(program: Program): string | undefined {
  try {
    if (program === 'ffmpeg') {
      const p = loadOptional('ffmpeg-static') as string | null;
      return typeof p === 'string' ? p.replace('app.asar', 'app.asar.unpacked') : undefined;
    }
    const p = (loadOptional('ffprobe-static') as { path?: string }).path;
    return typeof p === 'string' ? p.replace('app.asar', 'app.asar.unpacked') : undefined;
  } catch {
    return undefined;
  }
}

function onPath(program: Program, envPath: string | undefined): string | undefined {
  const exe = process.platform === 'win32' ? `${program}.exe` : program;
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, exe);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

export function candidates(
  program: Program,
  settings: BinarySettings,
  env: NodeJS.ProcessEnv,
): Candidate[] {
  const setting = program === 'ffmpeg' ? settings.ffmpegPath : settings.ffprobePath;
  const fromEnv = program === 'ffmpeg' ? env.FFMPEG_PATH : env.FFPROBE_PATH;
  const list: (Candidate | undefined)[] = [
    setting ? { path: setting, source: 'setting' } : undefined,
    fromEnv ? { path: fromEnv, source: 'env' } : undefined,
  ];
  // Bundled ffprobe is only used with bundled ffmpeg: never mix two builds silently.
  const bundledFfmpeg = bundled('ffmpeg');
  if (bundledFfmpeg !== undefined) {
    const p = program === 'ffmpeg' ? bundledFfmpeg : bundled('ffprobe');
    if (p !== undefined) list.push({ path: p, source: 'bundled' });
  }
  const fromPath = onPath(program, env.PATH);
  if (fromPath !== undefined) list.push({ path: fromPath, source: 'path' });
  return list.filter((c): c is Candidate => c !== undefined);
}

interface VersionFacts {
  version: string;
  configuration: string;
}
const isVersionFacts = (v: unknown): v is VersionFacts =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as VersionFacts).version === 'string' &&
  typeof (v as VersionFacts).configuration === 'string';

function askVersion(file: string): Promise<VersionFacts | null> {
  return new Promise((resolve) => {
    execFile(file, ['-hide_banner', '-version'], { timeout: 5000, env: {} }, (error, stdout) => {
      if (error) return resolve(null);
      const first = stdout.split('\n')[0] ?? '';
      const version = /version\s+(\S+)/.exec(first)?.[1] ?? 'unknown';
      const configuration = /configuration:\s*(.*)/.exec(stdout)?.[1]?.trim() ?? '';
      resolve({ version, configuration });
    });
  });
}

/** Version and build of a program, remembered until the file changes. */
async function versionOf(file: string): Promise<VersionFacts | null> {
  const key = fileIdentity(file, 'version');
  const known = recall(key, isVersionFacts);
  if (known !== undefined) return known;
  const asked = await askVersion(file);
  if (asked !== null) remember(key, asked);
  return asked;
}

/** Resolves one program; `problems` receives a sentence for each candidate that did not work. */
export async function resolveBinary(
  program: Program,
  settings: BinarySettings,
  env: NodeJS.ProcessEnv,
  problems: string[],
): Promise<BinaryInfo | null> {
  for (const candidate of candidates(program, settings, env)) {
    const info = isExecutable(candidate.path) ? await versionOf(candidate.path) : null;
    if (info !== null) return { ...candidate, ...info };
    problems.push(
      `The ${program} from ${candidate.source} (${candidate.path}) could not be run; trying the next choice.`,
    );
  }
  problems.push(
    `No working ${program} was found. Install FFmpeg (Debian: apt-get install ffmpeg) or set its path in Settings.`,
  );
  return null;
}
