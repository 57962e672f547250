import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Job, JobSpec, OnExists } from '../../app/jobs/job';
import { DEFAULT_NAME_TEMPLATE, nameShowsPicture, renderName } from '../../app/jobs/output-name';
import { outputPicture, type OutputPicture } from '../../app/jobs/output-picture';
import type { Analysis } from '../../app/jobs/settings';
import type { MediaInfo } from '../../app/media/model';
import type { FolderMode } from '../../app/jobs/settings';
import type { Preset } from '../../app/presets/schema';
import { UserFacingError } from '../../app/util/errors';

// Safe output: ffmpeg writes a temporary file in the destination folder, which is
// renamed to the final name only on success and removed on every failure path.
// An existing file is never replaced unless the policy is 'overwrite'.

export type OutputDecision =
  { kind: 'write'; final: string; temp: string } | { kind: 'skip'; final: string };

/** The folder an output goes to and its name without the extension. */
export interface OutputTarget {
  dir: string;
  base: string;
}

/**
 * Where a job's output goes, by its settings' folder mode and name template:
 * 'chosen' the job's folder; 'beside-source' the input's folder; 'keep-tree' the job's
 * folder plus the input's folder relative to the dropped folder it was found in.
 */
export function outputTarget(
  spec: Pick<JobSpec, 'input' | 'outDir' | 'settings' | 'sourceRoot'>,
  preset: Pick<Preset, 'id'>,
  picture: OutputPicture,
  startedAt: Date = new Date(),
): OutputTarget {
  const input = path.resolve(spec.input);
  const base = renderName(spec.settings?.name ?? DEFAULT_NAME_TEMPLATE, {
    name: path.basename(input, path.extname(input)),
    preset: preset.id,
    width: picture.size?.width ?? null,
    height: picture.size?.height ?? null,
    codec: picture.codec,
    date: startedAt,
  });
  const outDir = path.resolve(spec.outDir);
  const mode: FolderMode = spec.settings?.folder ?? 'chosen';
  switch (mode) {
    case 'beside-source':
      return { dir: path.dirname(input), base };
    case 'keep-tree': {
      const relative =
        spec.sourceRoot === undefined
          ? ''
          : path.relative(path.resolve(spec.sourceRoot), path.dirname(input));
      // A file outside its dropped folder (or on another drive) goes to the folder itself.
      const outside = relative === '..' || relative.startsWith(`..${path.sep}`);
      const inside = !outside && !path.isAbsolute(relative);
      return { dir: inside ? path.join(outDir, relative) : outDir, base };
    }
    case 'chosen':
      return { dir: outDir, base };
  }
}

async function existsOnDisk(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [ra, rb] = await Promise.all([realpath(a), realpath(b)]);
    return ra === rb;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/**
 * "clip.mov" → "clip.mp4" in the target folder (a folder alone keeps the input's name);
 * with 'rename', "clip (1).mp4" and so on until free. The input itself is never the output.
 */
export async function decideOutput(
  input: string,
  { dir, base: stem }: OutputTarget,
  extension: string,
  policy: OnExists,
  /** Names other jobs of the same batch will write: taken as if they existed already. */
  taken: ReadonlySet<string> = new Set(),
): Promise<OutputDecision> {
  const exists = async (file: string): Promise<boolean> =>
    taken.has(file) || (await existsOnDisk(file));
  let final = path.join(dir, `${stem}${extension}`);
  if (await sameFile(input, final)) {
    if (policy === 'overwrite')
      throw new UserFacingError(
        'The output would replace the input file itself, which Framewright never does. Choose another output folder, name or preset.',
        'same-file',
      );
    if (policy === 'rename') final = path.join(dir, `${stem} (converted)${extension}`);
  }
  if (await exists(final)) {
    if (policy === 'skip') return { kind: 'skip', final };
    if (policy === 'rename') {
      for (let n = 1; await exists(final); n++)
        final = path.join(dir, `${stem} (${n})${extension}`);
    }
  }
  const temp = path.join(
    dir,
    `.${stem}.framewright-${randomBytes(4).toString('hex')}.part${extension}`,
  );
  return { kind: 'write', final, temp };
}

/**
 * Creates the temporary file exclusively, proving the folder is writable before work
 * starts; the folder itself is made when missing (a keep-tree subfolder).
 */
export async function reserveTemp(temp: string): Promise<void> {
  try {
    await mkdir(path.dirname(temp), { recursive: true });
    const handle = await open(
      temp,
      constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY,
      0o644,
    );
    await handle.close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const dir = path.dirname(temp);
    if (code === 'ENOENT')
      throw new UserFacingError(`The output folder ${dir} does not exist.`, 'no-out-dir');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new UserFacingError(
        `Framewright cannot write to the output folder ${dir}.`,
        'read-only',
      );
    if (code === 'ENOSPC')
      throw new UserFacingError(`The disk holding ${dir} is full.`, 'disk-full');
    throw new UserFacingError(
      `The output file could not be created in ${dir} (${code ?? 'unknown error'}).`,
      'output',
    );
  }
}

/**
 * Moves the finished temp file to its final name. Without 'overwrite', a hard link
 * makes the move fail instead of replacing a file that appeared meanwhile. The rename
 * or link is the point of no return: `signal` is honoured right before it, never after.
 */
export async function commitOutput(
  temp: string,
  final: string,
  policy: OnExists,
  signal?: AbortSignal,
): Promise<string> {
  if (policy === 'overwrite') {
    signal?.throwIfAborted();
    await rename(temp, final);
    return final;
  }
  let target = final;
  const ext = path.extname(final);
  const stem = final.slice(0, final.length - ext.length);
  for (let n = 1; n < 10_000; n++) {
    signal?.throwIfAborted();
    try {
      await link(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        if (policy === 'skip')
          throw new UserFacingError(
            `${path.basename(final)} appeared while converting; it was kept and the new file discarded.`,
            'exists',
          );
        target = `${stem.replace(/ \(\d+\)$/, '')} (${n})${ext}`;
        continue;
      }
      // File systems without hard links (FAT, some network shares): check, then rename.
      if (!(await existsOnDisk(target))) {
        signal?.throwIfAborted();
        await rename(temp, target);
        return target;
      }
      throw error;
    }
    // Committed: a temp name left behind here is removed with the job's other temp files.
    await unlink(temp).catch(() => undefined);
    return target;
  }
  throw new UserFacingError('No free output name was found.', 'exists');
}

/** Removes a temporary file or work folder of ours; harmless when it is already gone. */
export async function discard(file: string): Promise<void> {
  try {
    await rm(file, { recursive: true, force: true });
  } catch {
    // already gone, or not ours to remove
  }
}

/** A job's end when its output exists and the policy says skip. */
export function skippedEnd(job: Job, final: string): Partial<Job> {
  return {
    finishedAt: Date.now(),
    output: final,
    warnings: [...job.warnings, `Skipped: ${final} already exists (on-exists policy "skip").`],
  };
}

/**
 * The output of one job, decided one way for the run, `--dry-run` and the command
 * preview: its folder mode and name template over the picture the plan will make.
 */
export function decideJobOutput(
  spec: Pick<JobSpec, 'input' | 'outDir' | 'settings' | 'sourceRoot'>,
  preset: Preset,
  info: MediaInfo,
  analysis: Analysis | null,
  policy: OnExists,
  taken?: ReadonlySet<string>,
): Promise<OutputDecision> {
  const picture = outputPicture(info, preset, spec.settings, analysis);
  const target = outputTarget(spec, preset, picture);
  return decideOutput(spec.input, target, preset.extension, policy, taken);
}

/**
 * The same decision before any probe, for a job whose name template shows nothing of
 * the picture ({width}, {height}, {codec}); null when it does and a probe must come first.
 */
export function decideOutputUnprobed(
  spec: Pick<JobSpec, 'input' | 'outDir' | 'settings' | 'sourceRoot'>,
  preset: Preset,
  policy: OnExists,
  taken?: ReadonlySet<string>,
): Promise<OutputDecision> | null {
  if (nameNeedsProbe(spec)) return null;
  const target = outputTarget(spec, preset, { size: null, codec: null });
  return decideOutput(spec.input, target, preset.extension, policy, taken);
}

/** Whether the job's name template shows the output picture, known only after a probe. */
export function nameNeedsProbe(spec: Pick<JobSpec, 'settings'>): boolean {
  return nameShowsPicture(spec.settings?.name ?? DEFAULT_NAME_TEMPLATE);
}
