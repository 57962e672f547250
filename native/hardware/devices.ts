import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import {
  devicesFromDrm,
  NVIDIA_SMI_QUERY,
  nvidiaSmiNote,
  parseMacDisplays,
  parseNvidiaSmi,
  parseVainfo,
  parseWindowsVideoControllers,
} from '../../app/hardware/devices-parse';
import type { Device } from '../../app/hardware/model';
import { runQuick } from './run-quick';

// Finds GPUs and video engines: sysfs and /dev/dri on Linux, nvidia-smi and vainfo
// where installed, WMI on Windows, system_profiler on macOS. Parsing is pure (app/).

const LIMIT_MS = 5000;

function readTrim(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

function drmEntries(): Parameters<typeof devicesFromDrm>[0] {
  const base = '/sys/class/drm';
  let names: string[];
  try {
    names = readdirSync(base).filter((n) => /^card\d+$/.test(n));
  } catch {
    return [];
  }
  return names.map((card) => {
    const deviceDir = path.join(base, card, 'device');
    let driver: string | null = null;
    try {
      driver = path.basename(readlinkSync(path.join(deviceDir, 'driver')));
    } catch {
      driver = null;
    }
    let renderNode: string | null = null;
    try {
      const render = readdirSync(path.join(deviceDir, 'drm')).find((n) => n.startsWith('renderD'));
      renderNode = render ? `/dev/dri/${render}` : null;
    } catch {
      renderNode = null;
    }
    return {
      card,
      vendor: readTrim(path.join(deviceDir, 'vendor')) ?? '',
      device: readTrim(path.join(deviceDir, 'device')) ?? '',
      driver,
      renderNode,
    };
  });
}

export async function discoverDevices(
  env: Record<string, string>,
): Promise<{ devices: Device[]; notes: string[] }> {
  const devices: Device[] = [];
  const notes: string[] = [];
  if (process.platform === 'linux') {
    const drm = devicesFromDrm(drmEntries());
    devices.push(...drm);
    const smi = await runQuick(
      'nvidia-smi',
      [`--query-gpu=${NVIDIA_SMI_QUERY}`, '--format=csv,noheader'],
      LIMIT_MS,
      env,
    );
    if (smi.exitCode === 0) {
      for (const gpu of parseNvidiaSmi(smi.stdout)) {
        const twin = devices.findIndex((d) => d.vendor === 'NVIDIA' && d.source === 'drm');
        if (twin >= 0)
          devices.splice(twin, 1, { ...gpu, renderNode: devices[twin]?.renderNode ?? null });
        else devices.push(gpu);
      }
    } else if (smi.exitCode !== null) {
      notes.push(
        nvidiaSmiNote(smi.stdout + smi.stderr) ??
          `nvidia-smi is installed but failed: ${(smi.stdout + smi.stderr).trim().split('\n')[0] ?? ''}`,
      );
    }
    for (const node of devices.map((d) => d.renderNode).filter((n): n is string => n !== null)) {
      if (!existsSync(node)) continue;
      const va = await runQuick('vainfo', ['--display', 'drm', '--device', node], LIMIT_MS, env);
      if (va.exitCode === null) break; // vainfo not installed
      const parsed = parseVainfo(va.stdout + va.stderr, node);
      if (parsed.note) notes.push(parsed.note);
      const target = devices.find((d) => d.renderNode === node);
      if (parsed.device && target)
        target.details.push(...parsed.device.details.filter((x) => !target.details.includes(x)));
    }
  } else if (process.platform === 'win32') {
    const ps = await runQuick(
      'powershell',
      [
        '-NoProfile',
        '-Command',
        'Get-CimInstance Win32_VideoController | Select-Object Name,AdapterCompatibility,DriverVersion,PNPDeviceID | ConvertTo-Json',
      ],
      LIMIT_MS * 2,
      env,
    );
    devices.push(...parseWindowsVideoControllers(ps.stdout));
  } else if (process.platform === 'darwin') {
    const sp = await runQuick(
      'system_profiler',
      ['SPDisplaysDataType', '-json'],
      LIMIT_MS * 2,
      env,
    );
    devices.push(...parseMacDisplays(sp.stdout));
  }
  if (devices.length === 0) notes.push('No GPU or video engine was found on this machine.');
  return { devices, notes };
}
