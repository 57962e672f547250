import { BACKENDS } from '../../../app/hardware/model';
import type { AudioCodec, Container, VideoCodec } from '../../../app/presets/schema';
import { BACKEND_NAME } from '../hardware/names';
import { CheckField, SelectField, TextField } from './fields';
import type { PresetForm } from './preset-form';

// The editor's three groups: output, video and audio. Every preset field has a control.

type Change = <K extends keyof PresetForm>(key: K, value: PresetForm[K]) => void;
type Options = readonly (readonly [string, string])[];

const CONTAINERS: Record<Container, string> = {
  mp4: 'MP4',
  matroska: 'Matroska (MKV)',
  webm: 'WebM',
  ipod: 'MP4 audio (M4A)',
  mp3: 'MP3',
  ogg: 'Ogg',
  flac: 'FLAC',
};
const VIDEO_CODECS: Record<VideoCodec, string> = {
  libx264: 'H.264 (x264)',
  libx265: 'HEVC (x265)',
  libsvtav1: 'AV1 (SVT-AV1)',
  'libvpx-vp9': 'VP9 (libvpx)',
  libvpx: 'VP8 (libvpx)',
};
const AUDIO_CODECS: Record<AudioCodec, string> = {
  aac: 'AAC',
  libmp3lame: 'MP3 (LAME)',
  libopus: 'Opus',
  flac: 'FLAC',
};
const HARDWARE: Options = [
  ['off', 'Off: encode in software'],
  ['auto', 'Auto: the best encoder that works here'],
  ...BACKENDS.map((b) => [b, BACKEND_NAME[b]] as const),
];

type TextKey = {
  [K in keyof PresetForm]: PresetForm[K] extends string ? K : never;
}[keyof PresetForm];

/** A control's value and change handler for one text field of the form. */
const bind = (form: PresetForm, change: Change, key: TextKey) => ({
  value: form[key],
  onChange: (value: string) => change(key, value),
});

const entries = (labels: Record<string, string>): Options => Object.entries(labels);

interface Props {
  form: PresetForm;
  change: Change;
  /** The id is fixed once saved: it names the file and the command line's --preset. */
  idFixed: boolean;
}

function ExtraArgsField({
  form,
  change,
  stream,
}: Omit<Props, 'idFixed'> & { stream: 'video' | 'audio' }): React.JSX.Element {
  const key = stream === 'video' ? 'videoExtraArgs' : 'audioExtraArgs';
  return (
    <TextField
      field={`${stream}.extraArgs`}
      label={`Extra ${stream} options`}
      help="One option a line, as “-option value”. Only options this encoder allows are accepted."
      wide
      lines={2}
      value={form[key]}
      onChange={(v) => change(key, v)}
    />
  );
}

export function OutputFields({ form, change, idFixed }: Props): React.JSX.Element {
  return (
    <fieldset className="pe-group">
      <legend>Preset and file</legend>
      <TextField field="name" label="Name" {...bind(form, change, 'name')} />
      <TextField
        field="id"
        label="Id"
        help={
          <>
            {idFixed ? '' : 'Lowercase letters, digits and dashes. '}
            The name for <code>framewright convert --preset</code>.
          </>
        }
        {...bind(form, change, 'id')}
        readOnly={idFixed}
      />
      <TextField
        field="description"
        label="Description"
        wide
        lines={2}
        {...bind(form, change, 'description')}
      />
      <SelectField
        field="container"
        label="Container"
        {...bind(form, change, 'container')}
        options={entries(CONTAINERS)}
      />
      <TextField field="extension" label="File extension" {...bind(form, change, 'extension')} />
      <SelectField
        field="subtitles"
        label="Subtitles"
        help="Kept where the container can carry them."
        {...bind(form, change, 'subtitles')}
        options={[
          ['keep', 'Keep'],
          ['drop', 'Drop all'],
        ]}
      />
      <SelectField
        field="hardware"
        label="Hardware encoding"
        {...bind(form, change, 'hardware')}
        options={HARDWARE}
      />
      <CheckField
        field="faststart"
        label="Index at the front (fast start for the web)"
        checked={form.faststart}
        onChange={(v) => change('faststart', v)}
      />
    </fieldset>
  );
}

export function VideoFields({ form, change }: Omit<Props, 'idFixed'>): React.JSX.Element {
  return (
    <fieldset className="pe-group">
      <legend>Video</legend>
      <SelectField
        field="video"
        label="Video stream"
        value={form.videoMode}
        options={[
          ['encode', 'Encode'],
          ['copy', 'Copy as is'],
          ['none', 'None (audio only)'],
        ]}
        onChange={(v) => change('videoMode', v as PresetForm['videoMode'])}
      />
      {form.videoMode === 'encode' && (
        <>
          <SelectField
            field="video.codec"
            label="Video codec"
            {...bind(form, change, 'videoCodec')}
            options={entries(VIDEO_CODECS)}
          />
          <TextField
            field="video.crf"
            label="Quality (CRF)"
            help="0 to 63; lower is better and bigger."
            numeric
            {...bind(form, change, 'crf')}
          />
          <TextField
            field="video.speed"
            label="Speed preset"
            placeholder="encoder default"
            {...bind(form, change, 'speed')}
          />
          <TextField
            field="video.pixelFormat"
            label="Pixel format"
            placeholder="as the source"
            {...bind(form, change, 'pixelFormat')}
          />
          <TextField
            field="video.maxHeight"
            label="Largest height"
            placeholder="any"
            numeric
            {...bind(form, change, 'maxHeight')}
          />
          <ExtraArgsField form={form} change={change} stream="video" />
        </>
      )}
    </fieldset>
  );
}

export function AudioFields({ form, change }: Omit<Props, 'idFixed'>): React.JSX.Element {
  return (
    <fieldset className="pe-group">
      <legend>Audio</legend>
      <SelectField
        field="audio"
        label="Audio streams"
        value={form.audioMode}
        options={[
          ['encode', 'Encode'],
          ['copy', 'Copy as is'],
        ]}
        onChange={(v) => change('audioMode', v as PresetForm['audioMode'])}
      />
      {form.audioMode === 'encode' && (
        <>
          <SelectField
            field="audio.codec"
            label="Audio codec"
            {...bind(form, change, 'audioCodec')}
            options={entries(AUDIO_CODECS)}
          />
          <TextField
            field="audio.bitrateKbps"
            label="Bitrate (kb/s)"
            placeholder="encoder default"
            numeric
            {...bind(form, change, 'bitrateKbps')}
          />
          {(form.audioCodec === 'libmp3lame' || form.quality !== '') && (
            <TextField
              field="audio.quality"
              label="MP3 VBR quality"
              help="0 (best) to 9."
              placeholder="not set"
              numeric
              {...bind(form, change, 'quality')}
            />
          )}
          <SelectField
            field="audio.mixdown"
            label="Surround tracks"
            {...bind(form, change, 'mixdown')}
            options={[
              ['keep', 'Keep their channels'],
              ['stereo', 'Mix down to stereo'],
            ]}
          />
          <ExtraArgsField form={form} change={change} stream="audio" />
        </>
      )}
      <CheckField
        field="allAudioTracks"
        label="Keep every audio track (otherwise only the preferred one)"
        checked={form.allAudioTracks}
        onChange={(v) => change('allAudioTracks', v)}
      />
    </fieldset>
  );
}
