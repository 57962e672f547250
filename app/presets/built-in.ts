/**
 * The ids of the presets shipped in resources/presets (read-only: a user duplicates one
 * to change it). The renderer cannot read that folder, so it asks this list.
 */
export const BUILT_IN_PRESET_IDS: ReadonlySet<string> = new Set([
  'aac-m4a',
  'av1-mkv',
  'flac',
  'h264-mp4',
  'h264-mp4-gpu',
  'hevc-mkv',
  'mp3',
  'opus',
  'remux-mkv',
  'vp9-webm',
]);
