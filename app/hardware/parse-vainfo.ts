import type { Device, HwCodec } from './model';
import { makeDevice, pciIdForVendor, splitLines, vendorFromText } from './parse-common';

// `vainfo --display drm --device /dev/dri/renderD128`, stdout and stderr together.
// Success prints "vainfo: Driver version: …" and then "VAProfileX : VAEntrypointY" pairs
// (the separator is a tab in libva-utils; copies on the web often have spaces).
// VAEntrypointVLD is decoding; EncSlice and EncSliceLP (Intel's low-power engine) are encoding.

export interface VaCapabilities {
  decode: HwCodec[];
  encode: HwCodec[];
  /** Other codecs with a decode entry point (MPEG-2, VC-1, VP8, JPEG, VVC). */
  otherDecode: string[];
}

const CODEC_ORDER: readonly HwCodec[] = ['h264', 'hevc', 'vp9', 'av1'];
const CODEC_LABEL: Record<HwCodec, string> = {
  h264: 'H.264',
  hevc: 'HEVC',
  vp9: 'VP9',
  av1: 'AV1',
};
const OTHER_ORDER = ['MPEG-2', 'VC-1', 'VP8', 'JPEG', 'VVC'] as const;

function profileCodec(profile: string): HwCodec | (typeof OTHER_ORDER)[number] | null {
  if (profile.startsWith('VAProfileH264')) return 'h264';
  if (profile.startsWith('VAProfileHEVC')) return 'hevc';
  if (profile.startsWith('VAProfileVP9')) return 'vp9';
  if (profile.startsWith('VAProfileAV1')) return 'av1';
  if (profile.startsWith('VAProfileMPEG2')) return 'MPEG-2';
  if (profile.startsWith('VAProfileVC1')) return 'VC-1';
  if (profile.startsWith('VAProfileVP8')) return 'VP8';
  if (profile.startsWith('VAProfileJPEG')) return 'JPEG';
  if (profile.startsWith('VAProfileVVC')) return 'VVC';
  return null;
}

function isHwCodec(value: string): value is HwCodec {
  return (CODEC_ORDER as readonly string[]).includes(value);
}

/** The codecs vainfo's profile/entry-point list can decode and encode. */
export function parseVaProfiles(output: string): VaCapabilities {
  const decode = new Set<HwCodec>();
  const encode = new Set<HwCodec>();
  const other = new Set<string>();
  for (const line of splitLines(typeof output === 'string' ? output : '')) {
    const match = /^\s*(VAProfile\w+)\s*:\s*(VAEntrypoint\w+)\s*$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const codec = profileCodec(match[1]);
    if (codec === null) continue;
    const entry = match[2];
    if (isHwCodec(codec)) {
      if (entry === 'VAEntrypointVLD') decode.add(codec);
      if (entry === 'VAEntrypointEncSlice' || entry === 'VAEntrypointEncSliceLP') encode.add(codec);
    } else if (entry === 'VAEntrypointVLD') {
      other.add(codec);
    }
  }
  return {
    decode: CODEC_ORDER.filter((c) => decode.has(c)),
    encode: CODEC_ORDER.filter((c) => encode.has(c)),
    otherDecode: OTHER_ORDER.filter((c) => other.has(c)),
  };
}

interface DriverFacts {
  name: string;
  vendor: string;
  driver: string | null;
  driverVersion: string | null;
}

const GALLIUM_DRIVERS = ['radeonsi', 'r600', 'nouveau', 'virgl', 'd3d12', 'iris', 'crocus'];

/** Read the "Driver version:" string of the Intel, Mesa and other VA-API drivers. */
function driverFacts(text: string): DriverFacts {
  // "Intel iHD driver for Intel(R) Gen Graphics - 24.1.0 ()" / "Intel i965 driver for Intel(R) Kaby Lake - 2.4.0"
  const intel = /^Intel (iHD|i965) driver for (.+?) - (\S+)/.exec(text);
  if (intel?.[1] && intel[2] && intel[3]) {
    return { name: intel[2], vendor: 'Intel', driver: intel[1], driverVersion: intel[3] };
  }
  // "Mesa Gallium driver 23.0.0-devel for Radeon RX 7900 XTX (gfx1100, LLVM 16.0.0, DRM 3.49, …)"
  const mesa = /^Mesa Gallium driver (\S+) for (.+?)(?: \((.*)\))?$/.exec(text);
  if (mesa?.[1] && mesa[2]) {
    const first = mesa[3]?.split(',')[0]?.trim() ?? '';
    const gallium = GALLIUM_DRIVERS.includes(first) ? first : null;
    const vendor =
      vendorFromText(mesa[2]) ?? (gallium === 'radeonsi' || gallium === 'r600' ? 'AMD' : 'Unknown');
    return { name: mesa[2], vendor, driver: gallium ?? 'mesa', driverVersion: mesa[1] };
  }
  // Anything else ("VA-API NVDEC driver [direct backend]", VDPAU bridges…): keep it whole.
  const version = / - (\S+)\s*$/.exec(text)?.[1] ?? null;
  return {
    name: text,
    vendor: vendorFromText(text) ?? 'Unknown',
    driver: null,
    driverVersion: version,
  };
}

function failureNote(output: string, node: string): string {
  const lines = splitLines(output)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const find = (re: RegExp): string | undefined => lines.find((l) => re.test(l));
  const quote = (line: string): string => ` (vainfo: "${line}")`;
  const opened = find(/Failed to open the given device/i);
  if (opened)
    return `VA-API is unavailable: ${node} does not exist or this user cannot open it (on Linux, add the user to the "render" group)${quote(opened)}.`;
  const notDrm = find(/Failed to a DRM display|failed to initialize display/i);
  if (notDrm)
    return `VA-API is unavailable: ${node} is not a DRM device libva can use${quote(notDrm)}.`;
  const initFailed = find(/init failed|vaInitialize failed/i);
  if (initFailed) {
    const missing = lines.some((l) =>
      /va_openDriver\(\) returns -1|driver_name = \(null\)/i.test(l),
    );
    return missing
      ? `VA-API is unavailable: no VA-API driver is installed for ${node} (intel-media-va-driver for Intel, mesa-va-drivers for AMD)${quote(initFailed)}.`
      : `VA-API is unavailable: the VA-API driver for ${node} failed to start${quote(initFailed)}.`;
  }
  const last = lines.at(-1);
  return last === undefined
    ? `VA-API is unavailable: vainfo printed nothing for ${node}.`
    : `VA-API is unavailable for ${node}${quote(last)}.`;
}

/**
 * The VA-API device behind one render node, with its decode/encode codecs as details;
 * or, when vainfo found no working driver, device null and a sentence saying why.
 */
export function parseVainfo(
  output: string,
  renderNode: string | null,
): { device: Device | null; note: string | null } {
  const text = typeof output === 'string' ? output : '';
  const node = renderNode ?? 'the default VA-API device';
  const driverLine = /^.*?vainfo(?:\.exe)?: Driver version: (.+?)\s*$/m.exec(text)?.[1];
  if (driverLine === undefined) return { device: null, note: failureNote(text, node) };
  const facts = driverFacts(driverLine);
  const caps = parseVaProfiles(text);
  const list = (codecs: readonly HwCodec[]): string =>
    codecs.length === 0 ? 'none' : codecs.map((c) => CODEC_LABEL[c]).join(', ');
  const details = [`decode: ${list(caps.decode)}; encode: ${list(caps.encode)}`];
  if (caps.otherDecode.length > 0) details.push(`also decodes: ${caps.otherDecode.join(', ')}`);
  details.push(`VA-API driver: ${driverLine}`);
  const device = makeDevice({
    id: `vaapi:${renderNode ?? 'default'}`,
    name: facts.name,
    vendor: facts.vendor,
    vendorId: pciIdForVendor(facts.vendor),
    driver: facts.driver,
    driverVersion: facts.driverVersion,
    renderNode,
    source: 'vainfo',
    details,
  });
  return { device, note: null };
}
