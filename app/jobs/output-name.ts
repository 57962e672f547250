// Output names from a template ("{name}-{preset}-{height}p"), safe on Windows, macOS
// and Linux: no separators, no reserved characters or device names, no trailing dots
// or spaces, and short enough that the temporary sibling's longer name still fits.

export const DEFAULT_NAME_TEMPLATE = '{name}';

/** What the placeholders stand for; null when unknown (e.g. the size of audio-only output). */
export interface NameFields {
  /** The source's file name without its extension. */
  name: string;
  preset: string;
  width: number | null;
  height: number | null;
  codec: string | null;
  /** The job's start; {date} is its local calendar day. */
  date: Date;
}

/** Characters Windows refuses in names (and the separators), plus control characters. */
const RESERVED_CHARS = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const SEPARATORS = /[/\\]/g;
/** Device names Windows reserves, with or without an extension. */
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/**
 * Bytes of UTF-8 a base name may take: file systems allow 255, and the temporary
 * sibling adds a dot, ".framewright-xxxxxxxx.part", the extension, ".vstats-N" and a
 * " (N)" a rename may add.
 */
export const MAX_NAME_BYTES = 180;

const pad = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD in local time. */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Cuts whole characters from the end until the text fits in `max` UTF-8 bytes. */
function capBytes(text: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    bytes += utf8Length(char.codePointAt(0) ?? 0);
    if (bytes > max) break;
    out += char;
  }
  return out;
}

/**
 * Makes a rendered name safe as a base name everywhere: trimmed, no trailing dots or
 * spaces, no device name, length-capped; "output" when nothing is left.
 */
export function finishName(raw: string): string {
  const trimmed = (text: string): string => text.trim().replace(/[. ]+$/, '');
  let name = trimmed(capBytes(trimmed(raw), MAX_NAME_BYTES));
  if (RESERVED_NAMES.test(name)) name = `${name}_`;
  return name === '' ? 'output' : name;
}

function fieldValue(field: string, fields: NameFields): string {
  switch (field) {
    case 'name':
      return fields.name;
    case 'preset':
      return fields.preset;
    case 'width':
      return fields.width === null ? '' : String(fields.width);
    case 'height':
      return fields.height === null ? '' : String(fields.height);
    case 'codec':
      return fields.codec ?? '';
    case 'date':
      return localDate(fields.date);
    default:
      return `{${field}}`; // refused by NameTemplateSchema; kept visible, not dropped
  }
}

/** Whether a template shows the output picture's size or codec (known only after a probe). */
export function nameShowsPicture(template: string): boolean {
  return /\{(width|height|codec)\}/.test(template);
}

/**
 * Renders a template (its placeholders: NAME_FIELDS in settings.ts). The source's own name is
 * kept as it is, since the disk it came from accepts it (only separators are replaced);
 * everything the template adds loses the characters some system refuses.
 */
export function renderName(template: string, fields: NameFields): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(/\{([^}]*)\}/g)) {
    out += template.slice(last, match.index).replace(RESERVED_CHARS, '_');
    const field = match[1] ?? '';
    const value = fieldValue(field, fields);
    out += field === 'name' ? value.replace(SEPARATORS, '_') : value.replace(RESERVED_CHARS, '_');
    last = match.index + match[0].length;
  }
  out += template.slice(last).replace(RESERVED_CHARS, '_');
  return finishName(out);
}
