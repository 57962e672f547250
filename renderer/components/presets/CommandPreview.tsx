import { useEffect } from 'react';
import { useAppStore } from '../../store/context';
import { fileName } from '../../../app/util/format';
import { shellQuote } from '../format';

export function CommandPreview({ presetId }: { presetId: string }): React.JSX.Element {
  const command = useAppStore((s) => s.command);
  const loadCommand = useAppStore((s) => s.loadCommand);
  const selectedId = useAppStore((s) => s.selectedId);
  const inputName = useAppStore((s) =>
    s.selectedId === null ? null : s.byId.get(s.selectedId)?.spec.input,
  );

  useEffect(() => {
    void loadCommand(presetId);
  }, [presetId, selectedId, loadCommand]);

  const ready = command?.presetId === presetId ? command : null;
  return (
    <section className="command" aria-labelledby="command-title">
      <h3 id="command-title">FFmpeg arguments</h3>
      <p className="muted">
        {inputName === null || inputName === undefined
          ? 'Exactly what Framewright runs, shown for a sample input. Select a job in the queue to see its own command.'
          : `Exactly what Framewright runs for the selected job, ${fileName(inputName)}.`}
      </p>
      {ready === null || (ready.args === null && ready.error === null) ? (
        <p className="muted">Working out the command…</p>
      ) : ready.error !== null ? (
        <p className="error-box">{ready.error}</p>
      ) : (
        <pre className="command-line" tabIndex={0} aria-label="FFmpeg command">
          <code>{['ffmpeg', ...(ready.args ?? [])].map(shellQuote).join(' ')}</code>
        </pre>
      )}
    </section>
  );
}
