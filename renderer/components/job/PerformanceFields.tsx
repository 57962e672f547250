import { getAt } from './draft';
import { SelectField, useForm, type Option } from './form';

// Chunked encoding (absent: one pass) and hardware decoding (absent: auto).

function chunkOptions(current: unknown): Option[] {
  const counts = Array.from({ length: 15 }, (_, i) => i + 2);
  // A count set elsewhere (the CLI allows up to 64) stays visible rather than reading as Off.
  if (typeof current === 'number' && current > 1 && !counts.includes(current)) counts.push(current);
  return [
    {
      label: 'Off: one pass',
      value: undefined,
      is: (v) => v === undefined || v === 'off' || v === 1,
    },
    { label: 'Auto: only where it pays on this machine', value: 'auto' },
    ...counts.map((n) => ({ label: `${n} chunks`, value: n })),
  ];
}

export function PerformanceFields(): React.JSX.Element {
  const { draft } = useForm();
  return (
    <>
      <SelectField
        label="Chunks"
        path={['chunks']}
        options={chunkOptions(getAt(draft, ['chunks']))}
        hint="Encodes the video in parallel pieces joined without re-encoding; audio is encoded once."
      />
      <SelectField
        label="Hardware decoding"
        path={['hwDecode']}
        options={[
          {
            label: 'Auto: where the hardware check found it works',
            value: undefined,
            is: (v) => v === undefined || v === 'auto',
          },
          { label: 'Off: decode in software', value: 'off' },
        ]}
        hint="Only decoding moves to the GPU; the encoder stays the preset’s, and a failure retries in software."
      />
    </>
  );
}
