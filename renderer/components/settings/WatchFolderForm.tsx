import { useState } from 'react';
import type { WatchFolderInput } from '../../../app/watch/model';
import { parseExtensions } from '../../../app/watch/model';
import { useAppStore } from '../../store/context';

const MB = 1_000_000;

function TextField(props: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  disabled: boolean;
  readOnly?: boolean;
  onChange: (value: string) => void;
}): React.JSX.Element {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        readOnly={props.readOnly === true}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** Adds a watch folder: where, which preset, where to, and which files. */
export function WatchFolderForm(props: {
  /** The output folder every watch folder uses here (the web host's), or null. */
  fixedOutDir: string | null;
  /** False: the host allows no folder (a web host started without --watch-root). */
  allowed: boolean;
  onSave: (folder: WatchFolderInput) => Promise<boolean>;
}): React.JSX.Element {
  const presets = useAppStore((s) => s.presets);
  const defaultPreset = useAppStore((s) => s.settings?.presetId ?? '');
  const [folder, setFolder] = useState('');
  const [presetId, setPresetId] = useState(defaultPreset);
  const savedOutDir = useAppStore((s) => s.settings?.outDir ?? '');
  const [outDir, setOutDir] = useState(savedOutDir);
  const [extensions, setExtensions] = useState('');
  const [minMb, setMinMb] = useState(0);
  const [subfolders, setSubfolders] = useState(true);
  const preset = presets.some((p) => p.id === presetId) ? presetId : (presets[0]?.id ?? '');
  const out = props.fixedOutDir ?? outDir;
  const ready = props.allowed && folder.trim() !== '' && out.trim() !== '' && preset !== '';

  async function onSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready) return;
    const list = parseExtensions(extensions);
    const saved = await props.onSave({
      folder: folder.trim(),
      presetId: preset,
      outDir: out.trim(),
      enabled: true,
      subfolders,
      minSizeBytes: Math.round(minMb * MB),
      ...(list === undefined ? {} : { extensions: list }),
    });
    if (saved) {
      setFolder('');
      setExtensions('');
    }
  }

  return (
    <form
      className="settings-form watch-form"
      aria-labelledby="watch-add-title"
      onSubmit={(e) => void onSubmit(e)}
    >
      <h3 id="watch-add-title">Add a watch folder</h3>
      <TextField
        id="watch-folder"
        label="Folder to watch"
        value={folder}
        placeholder="/full/path/to/inbox"
        disabled={!props.allowed}
        onChange={setFolder}
      />
      <div className="watch-form-row">
        <div className="field">
          <label htmlFor="watch-preset">Preset</label>
          <select
            id="watch-preset"
            value={preset}
            disabled={!props.allowed}
            onChange={(e) => setPresetId(e.target.value)}
          >
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="watch-out"
          label="Output folder"
          value={out}
          placeholder="/full/path/to/converted"
          readOnly={props.fixedOutDir !== null}
          disabled={!props.allowed}
          onChange={setOutDir}
        />
      </div>
      <div className="watch-form-row">
        <TextField
          id="watch-extensions"
          label="Only these extensions"
          value={extensions}
          placeholder="Every video and audio file"
          disabled={!props.allowed}
          onChange={setExtensions}
        />
        <div className="field">
          <label htmlFor="watch-min-size">Smallest file (MB)</label>
          <input
            id="watch-min-size"
            type="number"
            min={0}
            value={minMb}
            disabled={!props.allowed}
            onChange={(e) => setMinMb(Math.max(0, Number(e.target.value) || 0))}
          />
        </div>
      </div>
      <label className="watch-check">
        <input
          type="checkbox"
          checked={subfolders}
          disabled={!props.allowed}
          onChange={(e) => setSubfolders(e.target.checked)}
        />
        Include the folders inside it
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!ready}>
          Add watch folder
        </button>
      </div>
    </form>
  );
}
