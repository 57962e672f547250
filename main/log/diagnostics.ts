import { readdir } from 'node:fs/promises';
import os from 'node:os';
import type { Diagnostics } from '../../app/api/diagnostics';
import type { HardwareReport } from '../../app/hardware/model';
import type { ToolchainReport } from '../../app/worker/protocol';
import { version } from '../../package.json';
import { processLogFile } from './process-log';
import { redact } from './redact';
import { lastLines } from './tail';

// "Copy diagnostics": versions, the doctor's report, the hardware matrix in a few lines,
// crash reports and this process's last log lines, as one text with secrets removed.

const LOG_LINES = 60;

let crashDumps: string | null = null;

/** The desktop app's crash reports folder (Electron's crashReporter writes there). */
export function setCrashDumpsDir(dir: string): void {
  crashDumps = dir;
}

export interface DiagnosticsSources {
  doctor: () => Promise<ToolchainReport>;
  /** The last tested hardware matrix, without testing. */
  hardware: () => Promise<HardwareReport | null>;
  includePaths: boolean;
  /** Values to hide wherever they appear (the web host's token). */
  secrets?: readonly string[];
}

function versionsLine(): string {
  const { node, electron, chrome } = process.versions as NodeJS.ProcessVersions & {
    electron?: string;
    chrome?: string;
  };
  const runtime =
    electron === undefined
      ? `Node ${node}`
      : `Electron ${electron} (Chrome ${chrome ?? '?'}, Node ${node})`;
  return `Framewright ${version} on ${process.platform}-${process.arch} (${os.release()}), ${runtime}`;
}

function doctorLines(report: ToolchainReport): string[] {
  const tool = (label: string, info: ToolchainReport['ffmpeg']): string =>
    info === null
      ? `${label}: not found`
      : `${label}: ${info.version} — ${info.path} (${info.source})`;
  return [
    tool('ffmpeg', report.ffmpeg),
    tool('ffprobe', report.ffprobe),
    `sandbox: ${report.sandbox.kind} — ${report.sandbox.reason}`,
    ...report.problems.map((problem) => `problem: ${problem}`),
  ];
}

function hardwareLines(report: HardwareReport | null): string[] {
  if (report === null) return ['hardware: not tested yet'];
  const lines = report.devices.map((d) =>
    `device: ${d.name} (${d.vendor}, driver ${d.driver ?? '?'} ${d.driverVersion ?? ''})`.replace(
      ' )',
      ')',
    ),
  );
  for (const direction of ['encode', 'decode'] as const) {
    const passed = report.cells
      .filter((c) => c.direction === direction && c.status === 'available')
      .map((c) => `${c.codec} ${c.backend}`);
    lines.push(`${direction}: ${passed.length === 0 ? 'software only' : passed.join(', ')}`);
  }
  lines.push(
    `tested: ${new Date(report.testedAt).toISOString()}`,
    ...report.notes.map((n) => `note: ${n}`),
  );
  return lines;
}

async function crashLines(): Promise<string[]> {
  if (crashDumps === null) return [];
  let names: string[] = [];
  try {
    names = (await readdir(crashDumps, { recursive: true })).filter((name) =>
      name.endsWith('.dmp'),
    );
  } catch {
    // no folder yet: no crash so far
  }
  return [
    `crash reports: ${crashDumps} (${names.length} dump${names.length === 1 ? '' : 's'})`,
    ...names.slice(-10).map((n) => `  ${n}`),
  ];
}

export async function buildDiagnostics(sources: DiagnosticsSources): Promise<Diagnostics> {
  const logFile = processLogFile();
  const [doctor, hardware, crashes, log] = await Promise.all([
    sources.doctor().then(doctorLines, (error: unknown) => [`doctor: ${(error as Error).message}`]),
    sources.hardware().then(hardwareLines, () => ['hardware: unreadable']),
    crashLines(),
    logFile === null ? Promise.resolve([]) : lastLines(logFile, LOG_LINES),
  ]);
  const text = [
    versionsLine(),
    '',
    ...doctor,
    '',
    ...hardware,
    '',
    `log: ${logFile ?? 'none'}`,
    ...crashes,
    ...(log.length === 0 ? [] : ['', `last ${log.length} log lines:`, ...log]),
  ].join('\n');
  const home = os.homedir();
  const options = { home, includePaths: sources.includePaths, secrets: sources.secrets ?? [] };
  const located = { home, includePaths: true, secrets: options.secrets };
  return {
    text: `${redact(text, options)}\n`,
    logFile: logFile === null ? null : redact(logFile, sources.includePaths ? located : options),
    crashDumps:
      crashDumps === null ? null : redact(crashDumps, sources.includePaths ? located : options),
  };
}
