import type { ProbeStream } from '../../../app/media/model';
import { getAt } from './draft';
import { CustomField, SelectField, useForm } from './form';
import { language, trackLabel } from './tracks';

const KEEP = ['subtitles', 'keep'] as const;

const parseLanguages = (text: string): unknown => {
  const list = text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return list.length === 0 ? [] : list;
};
const formatLanguages = (value: unknown): string =>
  Array.isArray(value) ? value.map(String).join(', ') : '';

export function SubtitleFields({
  streams,
}: {
  streams: readonly ProbeStream[];
}): React.JSX.Element {
  const { draft, change } = useForm();
  const subs = streams.filter((s) => s.codec_type === 'subtitle');
  const languages = [...new Set(subs.map(language).filter((l): l is string => l !== null))];
  return (
    <>
      {subs.length === 0 ? (
        <p className="muted">This file has no subtitle tracks.</p>
      ) : (
        <ul className="track-list plain" aria-label="Subtitle tracks in the file">
          {subs.map((s) => (
            <li key={s.index} className="track">
              {trackLabel(s)}
              {s.disposition?.forced === 1 && <span className="chip">forced</span>}
            </li>
          ))}
        </ul>
      )}
      <SelectField
        label="Keep as tracks"
        path={KEEP}
        options={[
          { label: 'As the preset', value: undefined },
          { label: 'All', value: 'all' },
          { label: 'None', value: 'none' },
          { label: 'Forced only', value: 'forced' },
          { label: 'These languages…', value: 'languages', is: Array.isArray },
        ]}
        onPick={(value) =>
          change(KEEP, value === 'languages' ? (languages.length > 0 ? languages : ['eng']) : value)
        }
      />
      {Array.isArray(getAt(draft, KEEP)) && (
        <CustomField
          label="Languages, in order"
          path={KEEP}
          hint="Three-letter codes separated by commas, e.g. eng, fra."
          parse={parseLanguages}
          format={formatLanguages}
        />
      )}
      <SelectField
        label="Burn into the picture"
        path={['subtitles', 'burn']}
        options={[
          { label: 'Nothing', value: undefined },
          ...subs.map((s) => ({
            label: trackLabel(s),
            value: { index: s.index },
            is: (current: unknown) =>
              typeof current === 'object' &&
              current !== null &&
              'index' in current &&
              current.index === s.index,
          })),
        ]}
      />
    </>
  );
}
