// Pure parsers for GPU and video-engine discovery, one small file per source. Each takes
// the text a tool printed (or facts the caller read) and returns Devices; none does I/O,
// and none throws on garbage: it returns [] or a note instead.
export { parseNvidiaSmi, nvidiaSmiNote, NVIDIA_SMI_QUERY } from './parse-nvidia';
export { parseVainfo } from './parse-vainfo';
export { devicesFromDrm } from './parse-drm';
export { parseWindowsVideoControllers } from './parse-windows';
export { parseMacDisplays } from './parse-macos';
