import type { HardwareReport } from '../../../app/hardware/model';
import { Facts } from '../inspector/Facts';

/** The FFmpeg build the tests used, and when they ran (or that the answer was remembered). */
export function BuildInfo({ report }: { report: HardwareReport }): React.JSX.Element {
  const tested = new Date(report.testedAt).toLocaleString();
  const when = report.fromCache
    ? `${tested}, remembered (tested again when FFmpeg or the drivers change)`
    : `${tested}, just now, in ${(report.elapsedMs / 1000).toFixed(1)} s`;
  return (
    <section className="hw-section" aria-labelledby="build-title">
      <h2 id="build-title">FFmpeg in use</h2>
      <div className="hw-card">
        <Facts
          rows={[
            ['Program', report.ffmpeg.path],
            ['Version', report.ffmpeg.version],
            ['Platform', report.platform],
            ['Tested', when],
          ]}
        />
        <details className="hw-config">
          <summary>Build configuration</summary>
          <code>{report.ffmpeg.configuration}</code>
        </details>
      </div>
    </section>
  );
}
