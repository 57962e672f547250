import { useEffect, useRef, useState } from 'react';
import type { Diagnostics as Report } from '../../../app/api/diagnostics';
import { useAppStore } from '../../store/context';
import type { Row } from '../inspector/describe';
import { Facts } from '../inspector/Facts';

/**
 * Where this host's log and crash reports are, and "Copy diagnostics": a text for a bug
 * report (versions, FFmpeg, hardware, the last log lines) with tokens removed and, unless
 * the user ticks the box, only file names instead of full paths. The text is shown too.
 */
export function Diagnostics(): React.JSX.Element {
  const api = useAppStore((s) => s.host.api);
  const [where, setWhere] = useState<Report | null>(null);
  const [includePaths, setIncludePaths] = useState(false);
  const [copied, setCopied] = useState<{ text: string; done: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    api.system.diagnostics({ includePaths: true }).then(setWhere, () => setWhere(null));
  }, [api]);

  async function copy(): Promise<void> {
    setProblem(null);
    let report: Report;
    try {
      report = await api.system.diagnostics({ includePaths });
    } catch (error) {
      setProblem(`The diagnostics could not be gathered: ${(error as Error).message}`);
      return;
    }
    try {
      await navigator.clipboard.writeText(report.text);
      setCopied({ text: report.text, done: true });
    } catch {
      // No clipboard access here: the text is shown selected for Ctrl+C instead.
      setCopied({ text: report.text, done: false });
      requestAnimationFrame(() => textRef.current?.select());
    }
  }

  const rows: Row[] =
    where === null ? [] : [['Log file', where.logFile ?? 'None: this host keeps no log']];
  if (where?.crashDumps != null) rows.push(['Crash reports', where.crashDumps]);
  return (
    <section className="toolchain diagnostics" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Logs and diagnostics</h2>
      {rows.length > 0 && <Facts rows={rows} />}
      <p className="help" id="diagnostics-help">
        Copies versions, FFmpeg, the hardware test and the last log lines for a bug report. Tokens
        and passwords are always removed; your home folder reads ~.
      </p>
      <div className="diagnostics-actions">
        <label className="check">
          <input
            type="checkbox"
            checked={includePaths}
            onChange={(event) => setIncludePaths(event.target.checked)}
          />
          Include full paths
        </label>
        <button
          type="button"
          className="button small"
          aria-describedby="diagnostics-help"
          onClick={() => void copy()}
        >
          Copy diagnostics
        </button>
      </div>
      {problem !== null && <p className="warnings">{problem}</p>}
      {copied !== null && (
        <>
          <p role="status" className="help">
            {copied.done
              ? 'Copied. This is the text:'
              : 'The clipboard is not available here: press Ctrl+C (⌘C) to copy the selected text.'}
          </p>
          <textarea
            ref={textRef}
            className="diagnostics-text"
            aria-label="Diagnostics text"
            readOnly
            rows={14}
            value={copied.text}
          />
        </>
      )}
    </section>
  );
}
