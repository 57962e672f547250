import { useEffect } from 'react';
import type { HwCodec } from '../../../app/hardware/model';
import { CODEC_LABEL, HW_CODECS } from '../../../app/hardware/model';
import type { MediaInfo } from '../../../app/media/model';
import { useAppStore } from '../../store/context';
import { BACKEND_NAME } from '../hardware/names';

/** The main video stream's codec as the hardware matrix names it, or null. */
function hwCodecOf(info: MediaInfo): { name: string; codec: HwCodec | null } | null {
  const video = info.streams.find(
    (s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1,
  );
  if (video === undefined) return null;
  const name = video.codec_name ?? 'unknown';
  const codec = HW_CODECS.find((c) => c === name) ?? null;
  return { name, codec };
}

/** Which hardware could decode this file's video here, from the cached hardware report. */
export function HardwareDecoding({ info }: { info: MediaInfo }): React.JSX.Element | null {
  const report = useAppStore((s) => s.hardware);
  const busy = useAppStore((s) => s.hardwareBusy);
  const loadHardware = useAppStore((s) => s.loadHardware);
  const video = hwCodecOf(info);
  const needed = video?.codec !== null && video !== null;
  useEffect(() => {
    if (needed && report === null) void loadHardware(false);
  }, [needed, report, loadHardware]);

  if (video === null) return null;
  let body: React.ReactNode;
  if (video.codec === null) {
    body = <span>not tested for {video.name.toUpperCase()} (software decoding)</span>;
  } else if (report === null) {
    body = <span className="muted">{busy ? 'checking…' : 'unknown'}</span>;
  } else {
    const cells = report.cells.filter((c) => c.codec === video.codec && c.direction === 'decode');
    const working = cells.filter((c) => c.status === 'available');
    if (working.length > 0) {
      body = (
        <span>
          {working
            .map((c) => `${BACKEND_NAME[c.backend]} (${c.implementation ?? c.backend})`)
            .join(', ')}
        </span>
      );
    } else {
      const reasons = [
        ...new Set(cells.filter((c) => c.status !== 'not-applicable').map((c) => c.reason)),
      ];
      body = (
        <>
          <span>none on this machine; software decoding is used</span>
          {reasons.length > 0 && (
            <details className="hw-why">
              <summary>Why ({reasons.length})</summary>
              <ul>
                {reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      );
    }
  }
  return (
    <div className="fact">
      <dt>Hardware decoding{video.codec !== null && ` (${CODEC_LABEL[video.codec]})`}</dt>
      <dd>{body}</dd>
    </div>
  );
}
