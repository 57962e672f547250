import type { Decoder } from './job';

/** The decoder that ran, as the details pane and the CLI say it: "h264 (software)", "h264 on cuda (hardware)". */
export function describeDecoder(decoder: Decoder): string {
  return decoder.hwaccel === null
    ? `${decoder.codec} (software)`
    : `${decoder.codec} on ${decoder.hwaccel} (hardware)`;
}
