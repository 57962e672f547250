import { chooseDecoder, decoderRecord } from '../../../app/ffmpeg/hw-decode';
import { BACKEND_INFO } from '../../../app/hardware/backends';
import { BACKENDS, HW_CODECS, type Cell, type HardwareReport } from '../../../app/hardware/model';
import { describeDecoder } from '../../../app/jobs/decoder';
import type { Engine } from '../../engine/engine';
import { hostOs } from '../../engine/host-plan';

const WORD: Record<Cell['status'], string> = {
  available: 'yes',
  unavailable: 'no',
  'not-built': 'not built',
  'not-applicable': '—',
};

function table(report: HardwareReport): string {
  const header = ['backend', ...HW_CODECS.flatMap((c) => [`${c} enc`, `${c} dec`])];
  const rows = BACKENDS.map((backend) => [
    backend,
    ...HW_CODECS.flatMap((codec) =>
      (['encode', 'decode'] as const).map((direction) => {
        const cell = report.cells.find(
          (c) => c.backend === backend && c.codec === codec && c.direction === direction,
        );
        return cell ? WORD[cell.status] : '?';
      }),
    ),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((r) => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  '))
    .join('\n');
}

export async function hwCommand(engine: Engine, json: boolean, refresh: boolean): Promise<number> {
  const report = await engine.hardware.inspect({ refresh });
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  out.push(`ffmpeg: ${report.ffmpeg.path} (version ${report.ffmpeg.version})`);
  out.push(report.devices.length === 0 ? 'devices: none found' : 'devices:');
  for (const d of report.devices)
    out.push(
      `  ${d.name} [${d.vendor}${d.driver ? `, driver ${d.driver}${d.driverVersion ? ` ${d.driverVersion}` : ''}` : ''}]${d.details.length ? ` — ${d.details.join('; ')}` : ''}`,
    );
  for (const note of report.notes) out.push(`  note: ${note}`);
  out.push('', table(report), '');
  // The decoder a video job would use for each codec (hardware decoding on).
  const decoders = HW_CODECS.map((codec) =>
    describeDecoder(
      decoderRecord(
        chooseDecoder({ report, os: hostOs(), codec, preset: { hardware: 'auto' }, encoder: null }),
      ),
    ),
  );
  out.push(`Video jobs decode ${decoders.join(', ')}.`, '');
  const explained = report.cells.filter(
    (c) => c.status === 'available' || c.status === 'unavailable' || c.status === 'not-built',
  );
  for (const backend of BACKENDS) {
    const cells = explained.filter((c) => c.backend === backend);
    if (cells.length === 0) continue;
    out.push(`${BACKEND_INFO[backend].label}:`);
    // Cells with the same verdict read once, not eight times.
    const groups = new Map<string, Cell[]>();
    for (const cell of cells)
      groups.set(`${cell.status}|${cell.reason}`, [
        ...(groups.get(`${cell.status}|${cell.reason}`) ?? []),
        cell,
      ]);
    for (const group of groups.values()) {
      const first = group[0] as Cell;
      const which = group.map((c) => `${c.codec} ${c.direction}`).join(', ');
      out.push(
        `  ${WORD[first.status]}: ${which} — ${first.reason}${first.ffmpegLine ? ` (ffmpeg: ${first.ffmpegLine})` : ''}`,
      );
    }
  }
  out.push(
    '',
    report.fromCache
      ? `Answered from cache (tested ${new Date(report.testedAt).toISOString()}); --refresh tests again.`
      : `Tested in ${(report.elapsedMs / 1000).toFixed(1)} s.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
