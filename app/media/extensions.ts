// File extensions treated as media when a folder is expanded. Anything else inside a
// folder is reported as skipped (a file named explicitly is always tried).
export const MEDIA_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    '3g2 3gp aac ac3 aif aiff alac amr ape asf avi avs caf dav divx dts dv dvr-ms eac3 f4v flac flv ' +
    'h264 h265 hevc ivf m1v m2t m2ts m2v m4a m4b m4v mj2 mjpeg mka mkv mod mov mp2 mp3 mp4 mpe mpeg ' +
    'mpg mts mxf nut nsv oga ogg ogm ogv opus qt rm rmvb spx thd tod trp ts tta vob voc w64 wav weba ' +
    'webm wma wmv wtv y4m'
  ).split(' '),
);

export function isMediaExtension(fileName: string): boolean {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && MEDIA_EXTENSIONS.has(fileName.slice(dot + 1).toLowerCase());
}
