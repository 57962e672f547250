import type { Preset } from '../../../app/presets/schema';
import { NAME_FIELDS } from '../../../app/jobs/settings';
import { CustomField, NumberField, SelectField, TextField } from './form';
import { parseTimeValue } from '../../../app/util/time-value';
import { formatTime } from './time';

// Trim, output and quality: the small groups of the job panel.

const parseTrim = (text: string): unknown =>
  text.trim() === '' ? undefined : (parseTimeValue(text) ?? text);
const formatTrim = (value: unknown): string =>
  typeof value === 'number' ? formatTime(value) : typeof value === 'string' ? value : '';

export function TrimFields(): React.JSX.Element {
  return (
    <div className="field-row">
      <CustomField
        label="Start"
        path={['trim', 'startSec']}
        placeholder="0:00"
        parse={parseTrim}
        format={formatTrim}
      />
      <CustomField
        label="End"
        path={['trim', 'endSec']}
        placeholder="The end"
        parse={parseTrim}
        format={formatTrim}
      />
    </div>
  );
}

export function OutputFields({ besideSource }: { besideSource: boolean }): React.JSX.Element {
  return (
    <>
      <TextField
        label="Name"
        path={['name']}
        placeholder="{name}"
        hint={`Without extension; may use ${NAME_FIELDS.map((f) => `{${f}}`).join(' ')}.`}
      />
      <SelectField
        label="Folder"
        path={['folder']}
        options={[
          { label: 'As the queue sets', value: undefined },
          { label: 'The output folder', value: 'chosen' },
          { label: 'The output folder, mirroring the dropped folders', value: 'keep-tree' },
          ...(besideSource ? [{ label: 'Beside the source', value: 'beside-source' }] : []),
        ]}
      />
      <SelectField
        label="Chapters"
        path={['chapters']}
        options={[
          { label: 'As the preset', value: undefined },
          { label: 'Keep', value: true },
          { label: 'Drop', value: false },
        ]}
      />
    </>
  );
}

export function QualityFields({ preset }: { preset: Preset | undefined }): React.JSX.Element {
  const video = typeof preset?.video === 'object' ? preset.video : undefined;
  return (
    <div className="field-row">
      <NumberField
        label="Quality (CRF)"
        path={['crf']}
        placeholder={video === undefined ? '' : `${video.crf} (preset)`}
      />
      <TextField
        label="Speed"
        path={['speed']}
        placeholder={video?.speed === undefined ? '' : `${video.speed} (preset)`}
      />
    </div>
  );
}
