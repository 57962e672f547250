import type { ProbeStream } from '../../../app/media/model';
import { getAt } from './draft';
import { NumberField, SelectField, useForm, CheckField } from './form';
import { pickedIndices, trackLabel } from './tracks';

const TRACKS = ['audio', 'tracks'] as const;

/** Every audio track with a checkbox; the picked ones first, in order, movable up and down. */
function TrackList({ streams }: { streams: readonly ProbeStream[] }): React.JSX.Element {
  const { draft, change } = useForm();
  const picked = pickedIndices(getAt(draft, TRACKS), streams);
  const rest = streams.filter((s) => !picked.includes(s.index)).map((s) => s.index);
  const write = (indices: number[]): void =>
    change(
      TRACKS,
      indices.map((index) => ({ index })),
    );
  const move = (at: number, by: number): void => {
    const next = [...picked];
    const [item] = next.splice(at, 1);
    if (item === undefined) return;
    next.splice(at + by, 0, item);
    write(next);
  };
  return (
    <ol className="track-list" aria-label="Audio tracks, in output order">
      {[...picked, ...rest].map((index, at) => {
        const stream = streams.find((s) => s.index === index);
        if (stream === undefined) return null;
        const on = at < picked.length;
        const label = trackLabel(stream);
        return (
          <li key={index} className={on ? 'track on' : 'track'}>
            <label className="check">
              <input
                type="checkbox"
                checked={on}
                onChange={() => write(on ? picked.filter((i) => i !== index) : [...picked, index])}
              />
              <span className="track-label" title={label}>
                {label}
              </span>
            </label>
            {at === 0 && on && <span className="chip">default</span>}
            {on && (
              <span className="track-move">
                <button
                  type="button"
                  className="button small quiet"
                  aria-label={`Move track #${index} up`}
                  disabled={at === 0}
                  onClick={() => move(at, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button small quiet"
                  aria-label={`Move track #${index} down`}
                  disabled={at === picked.length - 1}
                  onClick={() => move(at, 1)}
                >
                  ↓
                </button>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function AudioFields({ streams }: { streams: readonly ProbeStream[] }): React.JSX.Element {
  const { draft, change } = useForm();
  const audio = streams.filter((s) => s.codec_type === 'audio');
  const choosing = Array.isArray(getAt(draft, TRACKS));
  return (
    <>
      <SelectField
        label="Tracks"
        path={TRACKS}
        options={[
          { label: 'As the preset', value: undefined },
          { label: 'All tracks', value: 'all' },
          { label: 'No audio', value: 'none' },
          { label: 'Choose tracks…', value: 'choose', is: Array.isArray },
        ]}
        onPick={(value) =>
          change(TRACKS, value === 'choose' ? audio.map((s) => ({ index: s.index })) : value)
        }
      />
      {choosing &&
        (audio.length === 0 ? (
          <p className="muted">This file has no audio tracks.</p>
        ) : (
          <TrackList streams={audio} />
        ))}
      <div className="field-row">
        <SelectField
          label="Channels"
          path={['audio', 'mix']}
          options={[
            { label: 'As the preset', value: undefined },
            { label: 'Keep the layout', value: 'keep' },
            { label: 'Stereo', value: 'stereo' },
            { label: '5.1', value: '5.1' },
          ]}
        />
        <NumberField label="kb/s per channel" path={['audio', 'kbpsPerChannel']} />
      </div>
      <CheckField label="Copy tracks the container accepts" path={['audio', 'passthrough']} />
    </>
  );
}
