import type { Device } from './model';
import { firstLine, makeDevice, splitLines } from './parse-common';

// nvidia-smi --query-gpu=index,name,pci.bus_id,driver_version,memory.total --format=csv,noheader
// prints one line per GPU: "0, NVIDIA H100 80GB HBM3, 00000000:00:06.0, 580.159.04, 81559 MiB".
// The fields are not quoted; a value the driver cannot report reads "[N/A]" or "[Not Supported]".

/** The exact --query-gpu fields these parsers expect, in order. */
export const NVIDIA_SMI_QUERY = 'index,name,pci.bus_id,driver_version,memory.total';

const BUS_ID = /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i;

function reported(value: string): string | null {
  return value === '' || /^\[.*\]$/.test(value) ? null : value;
}

/** "81559 MiB" → "80 GB memory"; null when the driver did not report it. */
function memoryDetail(value: string): string | null {
  const match = /^(\d+(?:\.\d+)?)\s*MiB$/i.exec(value);
  if (!match?.[1]) return null;
  const gib = Number(match[1]) / 1024;
  return gib >= 1 ? `${Math.round(gib)} GB memory` : `${Math.round(Number(match[1]))} MB memory`;
}

function parseLine(line: string): Device | null {
  const fields = line.split(',').map((f) => f.trim());
  if (fields.length < 5) return null;
  // A name could in principle hold a comma: everything between index and the last three.
  const [index, ...rest] = fields;
  const memory = rest.pop() ?? '';
  const driverVersion = rest.pop() ?? '';
  const busId = rest.pop() ?? '';
  const name = rest.join(', ');
  if (index === undefined || !/^\d+$/.test(index) || !BUS_ID.test(busId) || name === '')
    return null;
  const memoryText = memoryDetail(memory);
  return makeDevice({
    id: `nvidia:${busId}`,
    name,
    vendor: 'NVIDIA',
    vendorId: '0x10de',
    driver: 'nvidia',
    driverVersion: reported(driverVersion),
    source: 'nvidia-smi',
    details: memoryText === null ? [] : [memoryText],
  });
}

/** One Device per GPU line; [] for the driver's error messages or anything else. */
export function parseNvidiaSmi(csv: string): Device[] {
  if (typeof csv !== 'string') return [];
  const devices: Device[] = [];
  for (const line of splitLines(csv)) {
    const device = parseLine(line);
    if (device !== null && !devices.some((d) => d.id === device.id)) devices.push(device);
  }
  return devices;
}

/**
 * A sentence for the hardware report when nvidia-smi ran but listed no GPU (no driver,
 * driver/library mismatch, no device), quoting nvidia-smi's own first line; null when
 * the output did list GPUs or was empty.
 */
export function nvidiaSmiNote(output: string): string | null {
  if (typeof output !== 'string' || parseNvidiaSmi(output).length > 0) return null;
  const said = firstLine(output);
  if (said === null) return null;
  if (/couldn't communicate with the NVIDIA driver/i.test(said)) {
    return `nvidia-smi could not talk to the NVIDIA driver, so NVIDIA encoding and decoding are unavailable (nvidia-smi: "${said}").`;
  }
  if (/version mismatch/i.test(said)) {
    return `The NVIDIA driver and its user-space library are different versions (usually fixed by a reboot after a driver update) (nvidia-smi: "${said}").`;
  }
  if (/no devices were found/i.test(said)) return 'nvidia-smi found no NVIDIA GPU.';
  return `nvidia-smi listed no GPU (nvidia-smi: "${said}").`;
}
