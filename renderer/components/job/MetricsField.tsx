import type { MetricName } from '../../../app/jobs/metrics';
import { SelectField, type Option } from './form';

// Measuring the output against its source after the encode (absent: the preset's choice).

const BOTH: MetricName[] = ['ssim', 'psnr'];

const measures =
  (every: number | undefined) =>
  (current: unknown): boolean => {
    if (typeof current !== 'object' || current === null) return false;
    const { names, every: n } = current as { names?: unknown; every?: unknown };
    return Array.isArray(names) && names.join() === BOTH.join() && (n ?? 1) === (every ?? 1);
  };

const OPTIONS: Option[] = [
  { label: 'As the preset says', value: undefined },
  { label: 'SSIM and PSNR, every frame', value: { names: BOTH }, is: measures(undefined) },
  {
    label: 'SSIM and PSNR, every 10th frame',
    value: { names: BOTH, every: 10 },
    is: measures(10),
  },
];

export function MetricsField(): React.JSX.Element {
  return (
    <SelectField
      label="Measure quality"
      path={['metrics']}
      options={OPTIONS}
      hint="After the encode, compares the saved output with its source, aligned as the job shaped it; the chart draws it as a line."
    />
  );
}
