import type { Backend, Cell, CellStatus } from '../../../app/hardware/model';
import { CODEC_LABEL } from '../../../app/hardware/model';

// Words and shapes for the capability matrix: every status reads as a word and a symbol,
// so colour is never the only signal.

export const BACKEND_NAME: Record<Backend, string> = {
  nvidia: 'NVIDIA (NVENC / NVDEC)',
  qsv: 'Intel Quick Sync',
  vaapi: 'VA-API',
  amf: 'AMD AMF',
  videotoolbox: 'Apple VideoToolbox',
  mediafoundation: 'Media Foundation',
  v4l2m2m: 'V4L2 M2M',
  vulkan: 'Vulkan',
};

export const STATUS_WORD: Record<CellStatus, string> = {
  available: 'Works',
  unavailable: 'Fails',
  'not-built': 'Not built in',
  'not-applicable': 'Not offered',
};

/** A longer sentence for the details panel. */
export const STATUS_SENTENCE: Record<CellStatus, string> = {
  available: 'Works: the one-frame test succeeded on this machine.',
  unavailable: 'Fails: this FFmpeg has it, but the test did not succeed here.',
  'not-built': 'Not built in: this FFmpeg was compiled without it.',
  'not-applicable': 'Not offered: this backend does not exist for this codec or system.',
};

export const STATUS_ICON: Record<CellStatus, string> = {
  available: '✓',
  unavailable: '✕',
  'not-built': '○',
  'not-applicable': '–',
};

export function cellKey(cell: Pick<Cell, 'backend' | 'codec' | 'direction'>): string {
  return `${cell.backend}:${cell.codec}:${cell.direction}`;
}

export function cellTitle(cell: Cell): string {
  return `${BACKEND_NAME[cell.backend]} · ${CODEC_LABEL[cell.codec]} ${cell.direction}`;
}

/** A command line a person can paste into a POSIX shell: arguments quoted only when needed. */
export function shellLine(args: readonly string[]): string {
  return args
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}
