import { useMemo, useState } from 'react';
import { parsePreset, type Preset } from '../../../app/presets/schema';
import { useAppStore } from '../../store/context';
import { EditableContext, ErrorsContext } from './fields';
import { fieldErrors, formOf, presetData, type PresetForm } from './preset-form';
import { AudioFields, OutputFields, VideoFields } from './sections';

// Every field of one preset. A built-in is shown read-only with a Duplicate button; a
// copy or a user preset is checked by the schema on each keystroke and saved through
// the api, which checks it again.

const FIELDS = [
  'id',
  'name',
  'description',
  'container',
  'extension',
  'video',
  'video.codec',
  'video.crf',
  'video.speed',
  'video.pixelFormat',
  'video.maxHeight',
  'video.extraArgs',
  'audio',
  'audio.codec',
  'audio.bitrateKbps',
  'audio.quality',
  'audio.mixdown',
  'audio.extraArgs',
  'allAudioTracks',
  'subtitles',
  'faststart',
  'hardware',
];

export type EditorMode = 'built-in' | 'saved' | 'new';

interface Props {
  preset: Preset;
  mode: EditorMode;
  /** Offered for a built-in: start an editable copy. */
  onDuplicate?: () => void;
  onSaved: (id: string) => void;
  /** Drops an unsaved copy. */
  onDiscard?: () => void;
}

export function PresetEditor({
  preset,
  mode,
  onDuplicate,
  onSaved,
  onDiscard,
}: Props): React.JSX.Element {
  const savePreset = useAppStore((s) => s.savePreset);
  const [form, setForm] = useState<PresetForm>(() => formOf(preset));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const editable = mode !== 'built-in';
  const data = useMemo(() => presetData(form), [form]);
  const parsed = useMemo(() => parsePreset(data), [data]);
  const errors = useMemo(() => fieldErrors(parsed.ok ? [] : parsed.errors, FIELDS), [parsed]);
  const dirty =
    mode === 'new' || JSON.stringify(data) !== JSON.stringify(presetData(formOf(preset)));

  const change = <K extends keyof PresetForm>(key: K, value: PresetForm[K]): void => {
    setSaveError(null);
    setForm((f) => ({ ...f, [key]: value }));
  };

  function undo(): void {
    setSaveError(null);
    setForm(formOf(preset));
  }

  async function onSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    if (!parsed.ok) return;
    setSaving(true);
    const error = await savePreset(parsed.preset);
    setSaving(false);
    if (error === null) onSaved(parsed.preset.id);
    else setSaveError(error);
  }

  const problems = parsed.ok ? 0 : parsed.errors.length;
  return (
    <form
      className="preset-editor"
      aria-labelledby="preset-editor-title"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
    >
      <div className="pe-head">
        <h2 id="preset-editor-title" tabIndex={-1}>
          {mode === 'new'
            ? 'New preset'
            : mode === 'built-in'
              ? preset.name
              : `Edit ${preset.name}`}
        </h2>
        {mode === 'built-in' && (
          <button type="button" className="button small primary" onClick={onDuplicate}>
            Duplicate to edit
          </button>
        )}
      </div>
      <p className="muted">
        {mode === 'built-in'
          ? 'Built-in presets are read-only. Duplicate this one to make your own copy and change it.'
          : mode === 'new'
            ? 'An unsaved copy. Change what you like, then save it.'
            : 'Your own preset. Changes apply to files added after you save.'}
      </p>
      <ErrorsContext.Provider value={errors}>
        <EditableContext.Provider value={editable}>
          <div className="pe-groups">
            <OutputFields form={form} change={change} idFixed={mode !== 'new'} />
            <VideoFields form={form} change={change} />
            <AudioFields form={form} change={change} />
          </div>
        </EditableContext.Provider>
      </ErrorsContext.Provider>
      {editable && (
        <div className="pe-footer">
          {errors.other.length > 0 && (
            <ul className="pe-error">
              {errors.other.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          )}
          {saveError !== null && <p className="error-box">{saveError}</p>}
          <div className="form-actions">
            <button
              type="submit"
              className="button primary"
              disabled={problems > 0 || saving || !dirty}
            >
              {saving ? 'Saving…' : 'Save preset'}
            </button>
            {(mode === 'new' || dirty) && (
              <button type="button" className="button" onClick={mode === 'new' ? onDiscard : undo}>
                {mode === 'new' ? 'Discard copy' : 'Undo changes'}
              </button>
            )}
            <p className="pe-status" role="status">
              {problems > 0
                ? `${problems === 1 ? 'One problem' : `${problems} problems`} to fix before saving.`
                : dirty
                  ? 'Unsaved changes.'
                  : 'No unsaved changes.'}
            </p>
          </div>
        </div>
      )}
    </form>
  );
}
