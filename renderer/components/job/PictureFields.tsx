import type { Analysis, CropRect } from '../../../app/jobs/settings';
import type { ProbeStream } from '../../../app/media/model';
import { useAppStore } from '../../store/context';
import { NumberField, SelectField, useForm, type Option } from './form';
import { getAt } from './draft';

const isRect = (value: unknown): boolean => typeof value === 'object' && value !== null;

export function cropText(crop: CropRect): string {
  return `${crop.width} × ${crop.height} at ${crop.x}, ${crop.y}`;
}

function found(analysis: Analysis): string {
  const bars =
    analysis.crop === null
      ? 'no black bars'
      : `black bars around a ${cropText(analysis.crop)} picture`;
  const fields =
    analysis.interlaced === null
      ? 'interlacing unknown'
      : analysis.interlaced
        ? 'interlaced'
        : 'progressive';
  return `Found ${bars}; ${fields}.`;
}

/** What the analysis found, or a button to ask for it. */
function Detection({ jobId }: { jobId: string }): React.JSX.Element {
  const state = useAppStore((s) => s.analyses[jobId]);
  const analyze = useAppStore((s) => s.analyze);
  return (
    <div className="detection" role="status">
      {state?.status === 'detecting' ? (
        <span className="muted">Detecting black bars and interlacing…</span>
      ) : state?.status === 'done' && state.analysis !== null ? (
        <span>{found(state.analysis)}</span>
      ) : (
        <>
          {state?.status === 'failed' && <span className="error-text">{state.error}</span>}
          <button type="button" className="button small" onClick={() => void analyze(jobId)}>
            Detect black bars and interlacing
          </button>
        </>
      )}
    </div>
  );
}

const ANGLES: Option[] = [
  { label: 'As the preset', value: undefined },
  { label: 'None', value: 0 },
  { label: '90° clockwise', value: 90 },
  { label: '180°', value: 180 },
  { label: '90° anticlockwise', value: 270 },
];

export function PictureFields({
  jobId,
  video,
}: {
  jobId: string;
  video: ProbeStream | undefined;
}): React.JSX.Element {
  const { draft, change } = useForm();
  const detected = useAppStore((s) => s.analyses[jobId]?.analysis?.crop ?? null);
  const asked = useAppStore((s) => s.analyses[jobId] !== undefined);
  const analyze = useAppStore((s) => s.analyze);
  // Choosing what the detection decides shows what it finds.
  const detectFor = (value: unknown): void => {
    if (value === 'auto' && !asked) void analyze(jobId);
  };
  const whole: CropRect = { width: video?.width ?? 640, height: video?.height ?? 360, x: 0, y: 0 };
  return (
    <>
      <Detection jobId={jobId} />
      <SelectField
        label="Crop"
        path={['crop']}
        options={[
          { label: 'As the preset', value: undefined },
          { label: 'Keep the whole picture', value: 'none' },
          { label: 'Remove black bars (detected)', value: 'auto' },
          { label: 'Manual…', value: 'manual', is: isRect },
        ]}
        onPick={(value) => {
          detectFor(value);
          change(['crop'], value === 'manual' ? (detected ?? whole) : value);
        }}
      />
      {isRect(getAt(draft, ['crop'])) && (
        <div className="field-row four">
          <NumberField label="Width" path={['crop', 'width']} />
          <NumberField label="Height" path={['crop', 'height']} />
          <NumberField label="Left" path={['crop', 'x']} />
          <NumberField label="Top" path={['crop', 'y']} />
        </div>
      )}
      <div className="field-row">
        <SelectField
          label="Deinterlace"
          path={['deinterlace']}
          onPick={(value) => {
            detectFor(value);
            change(['deinterlace'], value);
          }}
          options={[
            { label: 'As the preset', value: undefined },
            { label: 'When detected', value: 'auto' },
            { label: 'Always', value: 'on' },
            { label: 'Never', value: 'off' },
          ]}
        />
        <SelectField
          label="Denoise"
          path={['denoise']}
          options={[
            { label: 'As the preset', value: undefined },
            { label: 'Off', value: 'off' },
            { label: 'Light', value: 'light' },
            { label: 'Strong', value: 'strong' },
          ]}
        />
      </div>
      <div className="field-row">
        <NumberField
          label="Max width"
          path={['maxWidth']}
          placeholder={video?.width === undefined ? '' : `${video.width} (source)`}
        />
        <NumberField
          label="Max height"
          path={['maxHeight']}
          placeholder={video?.height === undefined ? '' : `${video.height} (source)`}
        />
      </div>
      <div className="field-row">
        <SelectField label="Rotate" path={['rotate']} options={ANGLES} />
        <SelectField
          label="Flip"
          path={['flip']}
          options={[
            { label: 'As the preset', value: undefined },
            { label: 'None', value: 'none' },
            { label: 'Horizontal', value: 'horizontal' },
            { label: 'Vertical', value: 'vertical' },
          ]}
        />
      </div>
      <NumberField label="Max frame rate" path={['maxFps']} placeholder="Same as the source" />
    </>
  );
}
