export const USAGE = `Framewright: convert and inspect media with FFmpeg, safely.

Usage: framewright <command> [options]

Commands:
  probe <paths…> [--json]
      Show every stream, chapter and tag of each file.
  convert <paths…> --preset <id> (--out <dir> | --beside-source) [options]
      Convert files and folders (folders expand recursively).
      --concurrency N         jobs at once (default: from cores and memory)
      --on-exists P           skip | rename | overwrite (default: rename, never destroys)
      --stall-timeout SECONDS stop a job that makes no progress this long (default 60)
      --resolution-policy P   when the picture size changes mid-stream: auto (reinit
                              for MKV, fit for MP4/WebM), reinit (each part at its own
                              size), fit (one canvas, shape kept), stretch
      --strict                fail a job whose source ends before its declared length
                              (default: finish it with a warning)
      --preset-file FILE      load a custom preset from a JSON file (repeatable)
      --dry-run               print the ffmpeg commands without running them
      --events ndjson         print one JSON event per line (job updates, progress)
      --json                  print a final JSON summary of every job
    Job options (override the preset for these jobs):
      --audio TRACKS          all | none | tracks in order, by ISO 639-2 language or
                              a:N for stream #N as probe lists it: fra,eng or
                              fra,a:3 (the first is marked default)
      --audio-mix M           keep | stereo | 5.1
      --subtitles S           all | none | forced | languages (eng,fra) | burn:LANG
                              (draw that language's track into the picture)
      --no-chapters           drop the chapters
      --start T, --end T      trim: seconds or [h:]m:s[.ms] (90, 1:30, 1:02:03.5)
      --crop C                auto (detect black bars) | none | W:H:X:Y
      --deinterlace D         auto (when the source is interlaced) | on | off
      --denoise D             off | light | strong
      --max-height N          largest output height, aspect kept (never upscales)
      --max-width N           largest output width, aspect kept (never upscales)
      --crf N                 quality override, 0-63 (lower is better)
      --name TEMPLATE         output name without extension from {name} {preset}
                              {width} {height} {codec} {date}, e.g. "{name}-{height}p"
                              (default {name})
      --beside-source         write each output beside its input (no --out)
      --keep-tree             mirror each dropped folder's subfolders under --out
      --chunks C              auto (only where it pays on this machine) | off | N:
                              encode the video as N parallel chunks, then join
      --hw-decode D           auto (hardware decoding where it works here) | off
      --metrics M             after the encode, measure the output against its source:
                              ssim,psnr (vmaf, xpsnr where this ffmpeg has them)
      --metrics-every N       with --metrics: measure every Nth frame (default 1)
      --farm URL              queue the jobs in a farm (redis://[:password@]host:port[/db],
                              rediss:// for TLS) instead of running them here, and
                              follow them to the end; each job names its worker
  preview <file> --preset <id> --out <dir> [convert's job options] [options]
      Before/after PNG pairs (before-<t>.png, after-<t>.png) and a short clip,
      encoded with the job's real plan, plus the whole output's estimated size.
      --at T,T,…              positions of the pairs, seconds or [h:]m:s (default:
                              5 spread over the source)
      --clip SECONDS          length of the clip (default 10, from the middle or
                              the first --at)
      --json                  print every file and estimatedBytes as JSON
  presets [--json] [--preset-file FILE]
      List the presets.
  hw [--json] [--refresh]
      Test which hardware encoders and decoders really work here, and why not.
  doctor [--json]
      Show which ffmpeg and ffprobe are used, their versions, and the sandbox.
  worker --farm URL --allow DIR… [options]
      Join a farm: take jobs from its Redis queues and run them here, until Ctrl-C.
      --allow DIR             a folder its jobs may read and write (repeatable; jobs
                              with any other input or output folder are refused)
      --path-map FROM=TO      a submitter's path prefix as this machine mounts it,
                              e.g. /mnt/media=/srv/media (repeatable)
      --name N                its name in the farm (default: the host name)
      --concurrency N         jobs at once (default 1)
      --lock-duration SECONDS how soon a job of a worker that vanished goes to
                              another (BullMQ's lock; default 30)
  jobs --farm URL [--follow [ids…]] [--json | --events ndjson]
      List the farm's jobs and workers; --follow waits for the unfinished jobs (or
      those named) and reports them as convert does (to re-attach after losing the host).
  serve [--host 127.0.0.1] [--port N] [--out DIR] [--state-dir DIR] [--farm URL]
      Run the web host: the Framewright app in a browser (port 8420 unless
      given; 0 picks a free one; a host beyond loopback requires a token).
      --farm URL runs its queue's jobs in that farm, not here (see worker).
  help
      Show this help.

Exit codes: 0 every job succeeded, 1 a job failed, 2 usage error, 130 interrupted.
`;

export class UsageError extends Error {
  override name = 'UsageError';
}
