// Diagnostics leave this computer (pasted into bug reports): no secrets, and no full paths
// unless the user agrees. Tokens and passwords are always hidden; the home folder always
// reads ~; with paths hidden every absolute path keeps only its last name.

export interface RedactOptions {
  /** The user's home folder (os.homedir()). */
  home: string;
  includePaths: boolean;
  /** Exact values to hide wherever they appear (the web host's token). */
  secrets?: readonly string[];
}

const HIDDEN = '[hidden]';

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  // scheme://user:password@host (Redis and farm URLs)
  [/\b([a-z][\w+.-]*:\/\/[^\s/:@"']*:)[^\s/@"']+@/gi, `$1${HIDDEN}@`],
  // ?token=… &key=… in URLs
  [/([?&](?:token|key|password|secret|access_token)=)[^&\s"']+/gi, `$1${HIDDEN}`],
  // token: …, "password":"…", secret=…
  [
    /\b((?:token|password|passwd|secret|api[_-]?key)"?\s*[:=]\s*"?)(?!\[hidden\])[^\s"',&}]+/gi,
    `$1${HIDDEN}`,
  ],
  [/\b(Bearer\s+)[\w.~+/=-]+/g, `$1${HIDDEN}`],
];

// An absolute path after a start, space, quote, =, (, [, comma or colon (file:/x): POSIX
// (not //, which begins a URL's host) or Windows (C:\ …, JSON-escaped or not). A space
// continues it when the next word has a separator too ("Holiday 2024/clip.mp4"): hiding
// too much is safe, a folder name left over is not.
const PATH =
  /(^|[\s"'=([,:])((?:\/(?!\/)|~\/|[A-Za-z]:\\{1,2})(?:[^\s"',;)\]]|[ \t]+(?=[^\s"',;)\]]*[\\/]))*)/gm;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The home folder as it appears in plain text and in JSON (Windows backslashes doubled). */
function homeForms(home: string): string[] {
  const forms = new Set([home.replace(/[\\/]+$/, '')]);
  if (home.includes('\\')) forms.add(home.replace(/\\/g, '\\\\'));
  return [...forms].filter((form) => form.length > 1).sort((a, b) => b.length - a.length);
}

/** Only the last name of a path: ~/…/clip.mp4, …/ffmpeg. */
function shortPath(full: string): string {
  const parts = full.split(/[\\/]+/).filter((part) => part !== '');
  const last = parts.at(-1) ?? '';
  const lead = full.startsWith('~') ? '~/…/' : '…/';
  return parts.length <= 1 && full.startsWith('~') ? '~' : `${lead}${last}`;
}

export function redact(text: string, options: RedactOptions): string {
  let out = text;
  for (const secret of options.secrets ?? [])
    if (secret.length >= 4) out = out.split(secret).join(HIDDEN);
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  for (const form of homeForms(options.home))
    out = out.replace(new RegExp(`${escapeRegExp(form)}(?=$|[\\\\/\\s"',;)\\]])`, 'g'), '~');
  if (!options.includePaths)
    out = out.replace(PATH, (_match, lead: string, full: string) => `${lead}${shortPath(full)}`);
  return out;
}
