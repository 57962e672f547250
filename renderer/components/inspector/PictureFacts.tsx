import type { MediaInfo } from '../../../app/media/model';
import { HardwareDecoding } from './HardwareDecoding';
import { ResolutionTimeline } from './ResolutionTimeline';

/** The picture as this machine sees it: hardware decoding and size changes over time. */
export function PictureFacts({ info }: { info: MediaInfo }): React.JSX.Element | null {
  const hasVideo = info.streams.some(
    (s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1,
  );
  if (!hasVideo) return null;
  return (
    <section className="inspector-section" aria-labelledby="picture-title">
      <h3 id="picture-title">Picture</h3>
      <dl className="facts">
        <HardwareDecoding info={info} />
      </dl>
      <ResolutionTimeline info={info} />
    </section>
  );
}
