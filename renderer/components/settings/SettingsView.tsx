import { useEffect, useState } from 'react';
import type { Settings } from '../../../app/api/settings';
import type { IncompleteSource, OnExists, ResolutionPolicy } from '../../../app/jobs/job';
import { RESOLUTION_POLICY_LABEL } from '../format';
import { useAppStore } from '../../store/context';
import { Diagnostics } from './Diagnostics';
import { Toolchain } from './Toolchain';
import { WatchFolders } from './WatchFolders';

const ON_EXISTS: { value: OnExists; label: string }[] = [
  { value: 'rename', label: 'Keep both: add a number to the new file' },
  { value: 'skip', label: 'Skip: leave the existing file and do nothing' },
  { value: 'overwrite', label: 'Replace the existing file' },
];

const INCOMPLETE_SOURCE: { value: IncompleteSource; label: string }[] = [
  { value: 'warn', label: 'Convert what is there and show a warning' },
  { value: 'fail', label: 'Fail the job and keep no output' },
];

export function SettingsView(): React.JSX.Element {
  const settings = useAppStore((s) => s.settings);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const notify = useAppStore((s) => s.notify);
  const web = useAppStore((s) => s.host.kind === 'web');
  const [draft, setDraft] = useState<Settings | null>(settings);

  useEffect(() => setDraft(settings), [settings]);
  if (draft === null || settings === null) return <div className="page">Loading the settings…</div>;

  const change = <K extends keyof Settings>(key: K, value: Settings[K]): void =>
    setDraft({ ...draft, [key]: value });
  const dirty = (Object.keys(draft) as (keyof Settings)[]).filter(
    (key) => draft[key] !== settings[key],
  );

  async function onSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    if (draft === null) return;
    const patch: Partial<Settings> = Object.fromEntries(dirty.map((key) => [key, draft[key]]));
    if (await saveSettings(patch)) notify('info', 'Settings saved.');
  }

  return (
    <div className="page settings-page">
      <h1>Settings</h1>
      <form className="settings-form" onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor="out-dir">Output folder</label>
          <input
            id="out-dir"
            type="text"
            value={draft.outDir}
            placeholder="Next to Framewright's default output folder"
            readOnly={web}
            aria-describedby="out-dir-help"
            onChange={(e) => change('outDir', e.target.value)}
          />
          <p id="out-dir-help" className="help">
            {web
              ? 'Set on the server with --out. Finished files can be downloaded from the queue.'
              : 'Converted files are saved here. Leave empty to use the default folder.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="on-exists">When the output file already exists</label>
          <select
            id="on-exists"
            value={draft.onExists}
            onChange={(e) => change('onExists', e.target.value as OnExists)}
          >
            {ON_EXISTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="resolution-policy">When the picture size changes inside a file</label>
          <select
            id="resolution-policy"
            value={draft.resolutionPolicy}
            onChange={(e) => change('resolutionPolicy', e.target.value as ResolutionPolicy)}
          >
            {(Object.keys(RESOLUTION_POLICY_LABEL) as ResolutionPolicy[]).map((value) => (
              <option key={value} value={value}>
                {RESOLUTION_POLICY_LABEL[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="incomplete-source">When a file ends before its declared length</label>
          <select
            id="incomplete-source"
            value={draft.incompleteSource}
            aria-describedby="incomplete-source-help"
            onChange={(e) => change('incompleteSource', e.target.value as IncompleteSource)}
          >
            {INCOMPLETE_SOURCE.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <p id="incomplete-source-help" className="help">
            For example a download cut off halfway. Applies to jobs added after saving.
          </p>
        </div>
        <div className="field">
          <label htmlFor="concurrency">Jobs at once</label>
          <input
            id="concurrency"
            type="number"
            min={0}
            max={64}
            value={draft.concurrency}
            aria-describedby="concurrency-help"
            onChange={(e) =>
              change(
                'concurrency',
                Math.max(0, Math.min(64, Math.round(Number(e.target.value) || 0))),
              )
            }
          />
          <p id="concurrency-help" className="help">
            0 lets Framewright decide from your processor cores and free memory.
          </p>
        </div>
        <div className="field">
          <label htmlFor="ffmpeg-path">FFmpeg program</label>
          <input
            id="ffmpeg-path"
            type="text"
            value={draft.ffmpegPath}
            placeholder="Found automatically"
            readOnly={web}
            aria-describedby="ffmpeg-help"
            onChange={(e) => change('ffmpegPath', e.target.value)}
          />
          <p id="ffmpeg-help" className="help">
            {web
              ? 'Chosen on the server.'
              : 'Leave empty to use FFMPEG_PATH, the bundled copy, or the one on your PATH.'}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={dirty.length === 0}>
            Save settings
          </button>
          <button
            type="button"
            className="button quiet"
            disabled={dirty.length === 0}
            onClick={() => setDraft(settings)}
          >
            Undo changes
          </button>
        </div>
      </form>
      <WatchFolders />
      <Toolchain />
      <Diagnostics />
    </div>
  );
}
