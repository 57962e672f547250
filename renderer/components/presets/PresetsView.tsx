import { useEffect, useRef, useState } from 'react';
import { BUILT_IN_PRESET_IDS } from '../../../app/presets/built-in';
import type { Preset } from '../../../app/presets/schema';
import { useAppStore } from '../../store/context';
import { CommandPreview } from './CommandPreview';
import { PresetEditor } from './PresetEditor';
import { freeId } from './preset-form';

function summary(preset: Preset): string {
  const video =
    preset.video === 'none'
      ? 'no video'
      : preset.video === 'copy'
        ? 'video copied'
        : `${preset.video.codec}, quality ${preset.video.crf}${preset.video.maxHeight !== undefined ? `, up to ${preset.video.maxHeight}p` : ''}`;
  const audio =
    preset.audio === 'copy'
      ? 'audio copied'
      : `${preset.audio.codec}${preset.audio.bitrateKbps !== undefined ? ` ${preset.audio.bitrateKbps} kb/s` : ''}`;
  return `${preset.extension} · ${video} · ${audio}`;
}

function saveText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** In a narrow window the editor sits below the list: bring it into view once drawn. */
function showEditorWhenBelow(): void {
  if (!window.matchMedia('(max-width: 900px)').matches) return;
  requestAnimationFrame(() =>
    document.querySelector('.preset-editor')?.scrollIntoView({ block: 'start' }),
  );
}

/** After a save: the preset in the list, and the focus on its editor, both in view. */
function revealSaved(id: string): void {
  requestAnimationFrame(() => {
    document.getElementById(`preset-${id}`)?.scrollIntoView({ block: 'nearest' });
    document.getElementById('preset-editor-title')?.focus();
  });
}

export function PresetsView(): React.JSX.Element {
  const presets = useAppStore((s) => s.presets);
  const current = useAppStore((s) => s.settings?.presetId ?? '');
  const choosePreset = useAppStore((s) => s.choosePreset);
  const importPreset = useAppStore((s) => s.importPreset);
  const exportPreset = useAppStore((s) => s.exportPreset);
  const removePreset = useAppStore((s) => s.removePreset);
  const [shown, setShown] = useState<string | null>(null);
  /** A duplicate being edited, not saved yet. */
  const [draft, setDraft] = useState<Preset | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = new Set(presets.map((p) => p.id));
  const focus =
    draft !== null
      ? null
      : ([shown, current, presets[0]?.id].find((id) => id != null && ids.has(id)) ?? null);
  const focused = presets.find((p) => p.id === focus) ?? null;

  // A new copy's form takes the focus (and scrolls into view in a narrow window).
  useEffect(() => {
    if (draft !== null) document.getElementById('preset-editor-title')?.focus();
  }, [draft?.id]);

  function duplicate(preset: Preset): void {
    const name = `${preset.name} (copy)`;
    setDraft({ ...preset, id: freeId(preset.id, ids), name: name.slice(0, 80) });
  }

  async function onImport(event: React.ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) await importPreset(await file.text());
  }

  async function onExport(preset: Preset): Promise<void> {
    const json = await exportPreset(preset.id);
    if (json !== null) saveText(`${preset.id}.json`, json);
  }

  return (
    <div className="page presets-page">
      <div className="page-head">
        <h1>Presets</h1>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Import preset…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(e) => void onImport(e)}
        />
      </div>
      <p className="muted">
        The chosen preset is used for files you add next. Each preset is plain JSON you can export,
        edit and import.
      </p>
      {presets.length === 0 && (
        <p className="empty-line">No presets are available. Import one to get started.</p>
      )}
      <ul className="preset-list">
        {presets.map((preset) => (
          <li
            key={preset.id}
            className={preset.id === focus ? 'preset-item focused' : 'preset-item'}
          >
            <button
              type="button"
              className="preset-main"
              aria-pressed={preset.id === focus}
              aria-labelledby={`preset-${preset.id}`}
              aria-describedby={`preset-${preset.id}-summary preset-${preset.id}-about`}
              onClick={() => {
                setDraft(null);
                setShown(preset.id);
                showEditorWhenBelow();
              }}
            >
              <span className="preset-name">
                <span id={`preset-${preset.id}`}>{preset.name}</span>
                {preset.id === current && <span className="chip">in use</span>}
                {!BUILT_IN_PRESET_IDS.has(preset.id) && <span className="chip quiet">yours</span>}
              </span>
              <span id={`preset-${preset.id}-summary`} className="preset-summary">
                {summary(preset)}
              </span>
              <span id={`preset-${preset.id}-about`} className="preset-description">
                {preset.description}
              </span>
            </button>
            <div className="preset-actions">
              {preset.id !== current && (
                <button
                  type="button"
                  className="button small"
                  aria-label={`Use preset ${preset.name}`}
                  onClick={() => void choosePreset(preset.id)}
                >
                  Use preset
                </button>
              )}
              <button
                type="button"
                className="button small"
                aria-label={`Export ${preset.name}`}
                onClick={() => void onExport(preset)}
              >
                Export
              </button>
              {!BUILT_IN_PRESET_IDS.has(preset.id) && (
                <button
                  type="button"
                  className="button small quiet"
                  aria-label={`Remove ${preset.name}`}
                  onClick={() => void removePreset(preset.id)}
                >
                  Remove
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <div className="preset-detail">
        {draft !== null ? (
          <>
            <PresetEditor
              key={`new:${draft.id}`}
              preset={draft}
              mode="new"
              onSaved={(id) => {
                setDraft(null);
                setShown(id);
                revealSaved(id);
              }}
              onDiscard={() => setDraft(null)}
            />
            <p className="muted">Save the preset to see the FFmpeg command it runs.</p>
          </>
        ) : (
          focused !== null && (
            <>
              <PresetEditor
                key={`${focused.id}:${BUILT_IN_PRESET_IDS.has(focused.id)}`}
                preset={focused}
                mode={BUILT_IN_PRESET_IDS.has(focused.id) ? 'built-in' : 'saved'}
                onDuplicate={() => duplicate(focused)}
                onSaved={revealSaved}
              />
              <CommandPreview presetId={focused.id} />
            </>
          )
        )}
      </div>
    </div>
  );
}
