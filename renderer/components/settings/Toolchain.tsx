import { useEffect } from 'react';
import { useAppStore } from '../../store/context';
import type { Row } from '../inspector/describe';
import { Facts } from '../inspector/Facts';

/** Which FFmpeg is in use, its version, and anything a person should know about it. */
export function Toolchain(): React.JSX.Element {
  const doctor = useAppStore((s) => s.doctor);
  const loadDoctor = useAppStore((s) => s.loadDoctor);
  useEffect(() => {
    void loadDoctor();
  }, [loadDoctor]);

  const rows: Row[] = [];
  if (doctor !== null) {
    rows.push([
      'FFmpeg',
      doctor.ffmpeg === null
        ? 'Not found'
        : `${doctor.ffmpeg.version} — ${doctor.ffmpeg.path} (${doctor.ffmpeg.source})`,
    ]);
    rows.push([
      'FFprobe',
      doctor.ffprobe === null ? 'Not found' : `${doctor.ffprobe.version} — ${doctor.ffprobe.path}`,
    ]);
    rows.push([
      'Sandbox',
      doctor.sandbox.available
        ? `${doctor.sandbox.kind}: ${doctor.sandbox.reason}`
        : doctor.sandbox.reason,
    ]);
    rows.push(['Platform', doctor.platform]);
  }
  return (
    <section className="toolchain" aria-labelledby="toolchain-title">
      <h2 id="toolchain-title">FFmpeg on this machine</h2>
      {doctor === null ? <p className="muted">Checking FFmpeg…</p> : <Facts rows={rows} />}
      {doctor !== null && doctor.problems.length > 0 && (
        <ul className="warnings">
          {doctor.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <button type="button" className="button small" onClick={() => void loadDoctor()}>
        Check again
      </button>
    </section>
  );
}
