import type { Preset } from '../../../app/presets/schema';

// The editor's form: every preset field as the text the user typed, turned back into
// preset data for the schema to judge, so each error names what the user sees.

export interface PresetForm {
  id: string;
  name: string;
  description: string;
  container: string;
  extension: string;
  videoMode: 'encode' | 'copy' | 'none';
  videoCodec: string;
  crf: string;
  speed: string;
  pixelFormat: string;
  maxHeight: string;
  videoExtraArgs: string;
  audioMode: 'encode' | 'copy';
  audioCodec: string;
  bitrateKbps: string;
  quality: string;
  mixdown: string;
  audioExtraArgs: string;
  allAudioTracks: boolean;
  subtitles: string;
  faststart: boolean;
  hardware: string;
}

const text = (value: number | string | undefined): string =>
  value === undefined ? '' : String(value);

/** One `-option value` pair a line: the value keeps any spaces it has. */
function argsText(args: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < args.length; i += 2) lines.push(args.slice(i, i + 2).join(' '));
  return lines.join('\n');
}

function argsOf(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .flatMap((line) => {
      const space = line.search(/\s/);
      return space < 0 ? [line] : [line.slice(0, space), line.slice(space).trim()];
    });
}

export function formOf(preset: Preset): PresetForm {
  const video = typeof preset.video === 'object' ? preset.video : null;
  const audio = typeof preset.audio === 'object' ? preset.audio : null;
  return {
    id: preset.id,
    name: preset.name,
    description: preset.description,
    container: preset.container,
    extension: preset.extension,
    videoMode: video === null ? (preset.video as 'copy' | 'none') : 'encode',
    videoCodec: video?.codec ?? 'libx264',
    crf: text(video?.crf ?? 23),
    speed: text(video?.speed),
    pixelFormat: text(video?.pixelFormat),
    maxHeight: text(video?.maxHeight),
    videoExtraArgs: argsText(video?.extraArgs ?? []),
    audioMode: audio === null ? 'copy' : 'encode',
    audioCodec: audio?.codec ?? 'aac',
    bitrateKbps: text(audio?.bitrateKbps),
    quality: text(audio?.quality),
    mixdown: audio?.mixdown ?? 'keep',
    audioExtraArgs: argsText(audio?.extraArgs ?? []),
    allAudioTracks: preset.allAudioTracks,
    subtitles: preset.subtitles,
    faststart: preset.faststart,
    hardware: preset.hardware,
  };
}

/** A number as typed: empty is "not set", anything else goes to the schema (NaN included). */
function numberOf(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value.trim());
}

function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

/** The preset data the form describes; the schema decides whether it is valid. */
export function presetData(form: PresetForm): Record<string, unknown> {
  const video =
    form.videoMode === 'encode'
      ? {
          codec: form.videoCodec,
          crf: numberOf(form.crf),
          speed: optional(form.speed),
          pixelFormat: optional(form.pixelFormat),
          maxHeight: numberOf(form.maxHeight),
          extraArgs: argsOf(form.videoExtraArgs),
        }
      : form.videoMode;
  const audio =
    form.audioMode === 'encode'
      ? {
          codec: form.audioCodec,
          bitrateKbps: numberOf(form.bitrateKbps),
          quality: numberOf(form.quality),
          mixdown: optional(form.mixdown),
          extraArgs: argsOf(form.audioExtraArgs),
        }
      : 'copy';
  return {
    id: form.id.trim(),
    name: form.name,
    description: form.description,
    container: form.container,
    extension: form.extension.trim(),
    video: dropUndefined(video),
    audio: dropUndefined(audio),
    allAudioTracks: form.allAudioTracks,
    subtitles: form.subtitles,
    faststart: form.faststart,
    hardware: form.hardware,
  };
}

function dropUndefined<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** parsePreset's sentences ("video.crf: Too big…") sorted by the form field they name. */
export interface FieldErrors {
  byField: ReadonlyMap<string, string[]>;
  /** Sentences that name no field of the form. */
  other: string[];
}

export function fieldErrors(errors: readonly string[], fields: readonly string[]): FieldErrors {
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const sentence of errors) {
    const colon = sentence.indexOf(': ');
    const path = colon < 0 ? '' : sentence.slice(0, colon);
    const message = colon < 0 ? sentence : sentence.slice(colon + 2);
    // The longest field path that the error's path starts with ("video.extraArgs.1").
    const field = fields
      .filter((f) => path === f || path.startsWith(`${f}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (field === undefined) other.push(sentence);
    else byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return { byField, other };
}

/** An id not taken yet, for a copy: `h264-mp4-copy`, then `h264-mp4-copy-2`, … */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  const stem = `${base.slice(0, 58)}-copy`;
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
