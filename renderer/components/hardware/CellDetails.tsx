import { useEffect, useRef, useState } from 'react';
import type { Cell } from '../../../app/hardware/model';
import { cellTitle, shellLine, STATUS_ICON, STATUS_SENTENCE } from './names';

/** One matrix cell explained: status in words, the reason, FFmpeg's line, the exact command. */
export function CellDetails({
  cell,
  id,
  onClose,
}: {
  cell: Cell;
  id: string;
  onClose: () => void;
}): React.JSX.Element {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const commandRef = useRef<HTMLPreElement>(null);
  const command = cell.command === null ? null : shellLine(cell.command);
  useEffect(() => setCopied(null), [cell]);

  async function copy(): Promise<void> {
    if (command === null) return;
    try {
      await navigator.clipboard.writeText(command);
      setCopied('yes');
    } catch {
      // Without clipboard access (an insecure origin), select the text for Ctrl+C instead.
      const node = commandRef.current;
      const selection = window.getSelection();
      if (node !== null && selection !== null) selection.selectAllChildren(node);
      setCopied('no');
    }
  }

  const titleId = `${id}-title`;
  return (
    <section
      id={id}
      className={`hw-details ${cell.status}`}
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="hw-details-head">
        <h3 id={titleId}>{cellTitle(cell)}</h3>
        <button type="button" className="button small quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <p className={`hw-details-status ${cell.status}`}>
        <span className="hw-icon" aria-hidden="true">
          {STATUS_ICON[cell.status]}
        </span>{' '}
        {STATUS_SENTENCE[cell.status]}
      </p>
      <dl className="facts">
        <div className="fact">
          <dt>Reason</dt>
          <dd>{cell.reason}</dd>
        </div>
        <div className="fact">
          <dt>Tested</dt>
          <dd>
            {cell.implementation ?? 'nothing (no test was run)'}
            {cell.durationMs !== null && ` · ${Math.round(cell.durationMs)} ms`}
          </dd>
        </div>
        {cell.ffmpegLine !== null && (
          <div className="fact">
            <dt>FFmpeg said</dt>
            <dd>
              <code className="hw-line">{cell.ffmpegLine}</code>
            </dd>
          </div>
        )}
      </dl>
      {command !== null && (
        <div className="hw-command">
          <div className="hw-command-head">
            <h4>Test command</h4>
            <button type="button" className="button small" onClick={() => void copy()}>
              Copy command
            </button>
            <span className="muted" role="status">
              {copied === 'yes' && 'Copied.'}
              {copied === 'no' && 'Selected: press Ctrl+C to copy.'}
            </span>
          </div>
          <pre ref={commandRef} aria-label="Test command" tabIndex={0}>
            {command}
          </pre>
        </div>
      )}
    </section>
  );
}
