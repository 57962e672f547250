import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BACKEND_INFO, type Os } from '../../app/hardware/backends';
import {
  NATIVE_DECODERS,
  parseCodecList,
  parseDecoderHwDevices,
  parseHwaccels,
  type BuildCapabilities,
} from '../../app/hardware/capabilities';
import { classifyTest } from '../../app/hardware/classify';
import { decodeTestArgs, encodeTestArgs, sampleArgs } from '../../app/hardware/commands';
import {
  BACKENDS,
  CODEC_LABEL,
  HW_CODECS,
  type Backend,
  type Cell,
  type HardwareReport,
  type HwCodec,
} from '../../app/hardware/model';
import { SAMPLE_ENCODERS } from '../../app/hardware/backends';
import type { BinaryInfo } from '../../app/worker/protocol';
import { discoverDevices } from './devices';
import { mapLimit } from '../../app/util/limit';
import { runQuick } from './run-quick';
import type { Sandbox } from '../sandbox';

// The capability matrix: every backend × codec × direction, decided by a real
// one-frame test, time-boxed, run in parallel with a bound, cached per ffmpeg build
// and device/driver identity, re-run on demand.

const TEST_LIMIT_MS = 8000;
const PARALLEL = 4;

export interface MatrixOptions {
  ffmpeg: BinaryInfo;
  env: Record<string, string>;
  /** Where the tiny decode-test samples are kept between runs. */
  samplesDir: string;
  /** Runs each test inside the sandbox (reading only the samples). */
  wrap: Sandbox['wrap'];
  /** The last report the engine kept; reused when the build and devices are unchanged. */
  previous: HardwareReport | null;
  refresh: boolean;
}

async function buildCapabilities(
  ffmpeg: string,
  env: Record<string, string>,
): Promise<BuildCapabilities> {
  const ask = (args: string[]) =>
    runQuick(ffmpeg, ['-hide_banner', ...args], TEST_LIMIT_MS, env).then((r) => r.stdout); // reads no file
  const [encoders, decoders, hwaccels, ...perCodec] = await Promise.all([
    ask(['-encoders']),
    ask(['-decoders']),
    ask(['-hwaccels']),
    ...HW_CODECS.map((c) => ask(['-h', `decoder=${NATIVE_DECODERS[c]}`])),
  ]);
  const decoderDevices = Object.fromEntries(
    HW_CODECS.map((c, i) => [c, parseDecoderHwDevices(perCodec[i] ?? '')]),
  ) as Record<HwCodec, Set<string>>;
  return {
    encoders: parseCodecList(encoders ?? ''),
    decoders: parseCodecList(decoders ?? ''),
    hwaccels: parseHwaccels(hwaccels ?? ''),
    decoderDevices,
  };
}

function currentOs(): Os | null {
  const p = process.platform;
  return p === 'linux' || p === 'win32' || p === 'darwin' ? p : null;
}

interface PlannedCell {
  cell: Omit<Cell, 'status' | 'reason' | 'ffmpegLine' | 'durationMs'>;
  /** Set when no test needs to run. */
  fixed?: Pick<Cell, 'status' | 'reason'>;
  needsSample?: HwCodec;
}

function planCell(
  backend: Backend,
  codec: HwCodec,
  direction: 'encode' | 'decode',
  caps: BuildCapabilities,
  samples: Record<HwCodec, string>,
): PlannedCell {
  const info = BACKEND_INFO[backend];
  const base = { backend, codec, direction, command: null, implementation: null };
  const os = currentOs();
  const codecName = CODEC_LABEL[codec];
  if (os === null || !info.os.includes(os)) {
    return {
      cell: base,
      fixed: {
        status: 'not-applicable',
        reason: `${info.label} does not exist on ${process.platform}.`,
      },
    };
  }
  if (direction === 'encode') {
    const encoder = info.encoders[codec];
    if (encoder === undefined)
      return {
        cell: base,
        fixed: { status: 'not-applicable', reason: `${info.label} has no ${codecName} encoder.` },
      };
    const command = ['ffmpeg', ...encodeTestArgs(backend, encoder)];
    if (!caps.encoders.has(encoder))
      return {
        cell: { ...base, implementation: encoder, command },
        fixed: { status: 'not-built', reason: `This FFmpeg build does not include ${encoder}.` },
      };
    return { cell: { ...base, implementation: encoder, command } };
  }
  const decode = info.decode;
  if (
    decode.kind === 'none' ||
    (decode.kind === 'hwaccel' && !decode.codecs.includes(codec)) ||
    (decode.kind === 'decoder' && decode.decoders[codec] === undefined)
  ) {
    return {
      cell: base,
      fixed: { status: 'not-applicable', reason: `${info.label} does not decode ${codecName}.` },
    };
  }
  const args = decodeTestArgs(backend, codec, samples[codec]);
  const command = args === null ? null : ['ffmpeg', ...args];
  const implementation =
    decode.kind === 'hwaccel' ? `-hwaccel ${decode.hwaccel}` : (decode.decoders[codec] ?? null);
  const built =
    decode.kind === 'hwaccel'
      ? caps.hwaccels.has(decode.hwaccel) && caps.decoderDevices[codec].has(decode.hwaccel)
      : caps.decoders.has(decode.decoders[codec] ?? '');
  if (!built) {
    return {
      cell: { ...base, implementation, command },
      fixed: {
        status: 'not-built',
        reason: `This FFmpeg build cannot decode ${codecName} through ${info.label}.`,
      },
    };
  }
  return { cell: { ...base, implementation, command }, needsSample: codec };
}

async function makeSamples(
  ffmpeg: string,
  env: Record<string, string>,
  dir: string,
  caps: BuildCapabilities,
  wrap: Sandbox['wrap'],
): Promise<Record<HwCodec, string | null>> {
  await mkdir(dir, { recursive: true });
  const entries = await Promise.all(
    HW_CODECS.map(async (codec): Promise<[HwCodec, string | null]> => {
      const file = path.join(dir, `sample-${codec}${SAMPLE_ENCODERS[codec].extension}`);
      try {
        await readFile(file);
        return [codec, file];
      } catch {
        if (!caps.encoders.has(SAMPLE_ENCODERS[codec].encoder)) return [codec, null];
        const c = wrap(ffmpeg, sampleArgs(codec, file), { reads: [], writes: [dir] });
        const made = await runQuick(c.program, c.args, 30_000, env);
        return [codec, made.exitCode === 0 ? file : null];
      }
    }),
  );
  return Object.fromEntries(entries) as Record<HwCodec, string | null>;
}

function cacheKey(ffmpeg: BinaryInfo, devices: unknown): string {
  const identity = JSON.stringify({
    path: ffmpeg.path,
    version: ffmpeg.version,
    configuration: ffmpeg.configuration,
    devices,
    platform: process.platform,
    arch: process.arch,
  });
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

export async function hardwareMatrix(options: MatrixOptions): Promise<HardwareReport> {
  const { ffmpeg, env } = options;
  const { devices, notes } = await discoverDevices(env);
  const key = cacheKey(
    ffmpeg,
    devices.map((d) => [d.id, d.driver, d.driverVersion]),
  );
  if (!options.refresh && options.previous?.cacheKey === key)
    return { ...options.previous, fromCache: true };

  const started = performance.now();
  const caps = await buildCapabilities(ffmpeg.path, env);
  const samples = await makeSamples(ffmpeg.path, env, options.samplesDir, caps, options.wrap);
  const planned: PlannedCell[] = [];
  for (const backend of BACKENDS) {
    for (const codec of HW_CODECS) {
      for (const direction of ['encode', 'decode'] as const) {
        planned.push(
          planCell(
            backend,
            codec,
            direction,
            caps,
            Object.fromEntries(HW_CODECS.map((c) => [c, samples[c] ?? ''])) as Record<
              HwCodec,
              string
            >,
          ),
        );
      }
    }
  }
  const cells = await mapLimit(planned, PARALLEL, async (p): Promise<Cell> => {
    if (p.fixed) return { ...p.cell, ...p.fixed, ffmpegLine: null, durationMs: null };
    if (p.needsSample !== undefined && samples[p.needsSample] === null) {
      return {
        ...p.cell,
        status: 'unavailable',
        reason: `No ${p.needsSample} sample could be made to test decoding (this FFmpeg lacks ${SAMPLE_ENCODERS[p.needsSample].encoder}).`,
        ffmpegLine: null,
        durationMs: null,
      };
    }
    const args = (p.cell.command ?? []).slice(1);
    const c = options.wrap(ffmpeg.path, args, { reads: [options.samplesDir], writes: [] });
    const result = await runQuick(c.program, c.args, TEST_LIMIT_MS, env);
    const verdict = classifyTest(p.cell.backend, p.cell.direction, {
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      stderr: result.stderr,
      timeLimitMs: TEST_LIMIT_MS,
    });
    return { ...p.cell, ...verdict, durationMs: Math.round(result.durationMs) };
  });

  return {
    ffmpeg: { path: ffmpeg.path, version: ffmpeg.version, configuration: ffmpeg.configuration },
    platform: `${process.platform}-${process.arch}`,
    devices,
    notes,
    cells,
    testedAt: Date.now(),
    elapsedMs: Math.round(performance.now() - started),
    fromCache: false,
    cacheKey: key,
  };
}
