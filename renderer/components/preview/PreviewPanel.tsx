import type { JobSettings } from '../../../app/jobs/settings';
import { formatBytes } from '../../../app/util/format';
import { previewUrl } from '../../api/preview-url';
import { useAppStore } from '../../store/context';
import { formatClock } from '../format';
import { Compare } from './Compare';

interface Props {
  jobId: string;
  /** The panel's unsaved settings, or null while some are invalid. */
  settings: JobSettings | null;
}

/** Before/after stills, a short clip and the size estimate, made on request. */
export function PreviewPanel({ jobId, settings }: Props): React.JSX.Element {
  const preview = useAppStore((s) => (s.preview?.jobId === jobId ? s.preview : null));
  const makePreview = useAppStore((s) => s.makePreview);
  const cancelPreview = useAppStore((s) => s.cancelPreview);
  const making = preview?.status === 'making';
  const result = preview?.status === 'ready' ? preview.result : null;
  const url = (file: string): string => previewUrl(preview?.requestId ?? '', file);

  return (
    <section className="preview-panel" aria-labelledby="preview-title">
      <div className="preview-head">
        <h3 id="preview-title" className="visually-hidden">
          Preview
        </h3>
        {making ? (
          <button type="button" className="button" onClick={() => void cancelPreview()}>
            Cancel preview
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={settings === null}
            onClick={() => settings !== null && void makePreview(jobId, settings)}
          >
            {result === null ? 'Make a preview' : 'Make it again'}
          </button>
        )}
      </div>
      <div role="status" className="preview-status">
        {settings === null && !making && (
          <p className="muted">Correct the settings first: the preview uses them.</p>
        )}
        {preview === null && settings !== null && (
          <p className="muted">
            Stills before and after, and a short clip, encoded with this job’s settings, including
            changes not applied yet. The queue keeps running meanwhile.
          </p>
        )}
        {making && (
          <p className="preview-making">
            <span className="spinner" aria-hidden="true" /> Making the preview…
          </p>
        )}
        {preview?.status === 'cancelled' && <p className="muted">The preview was cancelled.</p>}
        {preview?.status === 'failed' && <p className="error-box">{preview.error}</p>}
      </div>
      {result !== null && (
        <>
          <p className="preview-estimate">
            Estimated output: <strong>{formatBytes(result.estimatedBytes)}</strong>
            <span className="muted"> (from a {Math.round(result.clip.durationSec)} s clip)</span>
          </p>
          <Compare
            stills={result.stills.map((s) => ({
              atSec: s.atSec,
              before: url(s.before),
              after: url(s.after),
            }))}
          />
          <figure className="preview-clip">
            <video
              controls
              muted
              preload="metadata"
              src={url(result.clip.file)}
              aria-label="Preview clip"
            />
            <figcaption className="muted">
              Clip from {formatClock(result.clip.startSec)}, {Math.round(result.clip.durationSec)}{' '}
              s, encoded with the job’s plan.
            </figcaption>
          </figure>
        </>
      )}
    </section>
  );
}
