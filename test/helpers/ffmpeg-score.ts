import { spawnSync } from 'node:child_process';

/** The overall score ffmpeg's own `ssim` or `psnr` filter logs for (main, reference). */
export function ffmpegScore(main: string, reference: string, filter: 'ssim' | 'psnr'): number {
  const args = ['-hide_banner', '-nostdin', '-i', main, '-i', reference, '-lavfi', filter];
  const log = spawnSync('ffmpeg', [...args, '-f', 'null', '-'], { encoding: 'utf8' }).stderr;
  const pattern = filter === 'ssim' ? /SSIM .*All:([0-9.]+)/ : /PSNR .*average:([0-9.]+)/;
  return Number(pattern.exec(log)?.[1]);
}
