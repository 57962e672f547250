import type { Job } from '../../../app/jobs/job';
import type { JobStatus } from '../../../app/jobs/state';
import type { MediaInfo } from '../../../app/media/model';
import { fileName, plural } from '../../../app/util/format';
import { useAppStore } from '../../store/context';
import { shellQuote } from '../format';
import { AudioFields } from './AudioFields';
import { FormContext } from './form';
import { OutputFields, QualityFields, TrimFields } from './OtherFields';
import { PictureFields } from './PictureFields';
import { PerformanceFields } from './PerformanceFields';
import { MetricsField } from './MetricsField';
import { SubtitleFields } from './SubtitleFields';
import { usePlannedCommand, type DraftState } from './use-draft';

/** Jobs whose settings may still change: not started, or finished without an output. */
export const EDITABLE: readonly JobStatus[] = ['queued', 'failed', 'cancelled'];

function Group({
  title,
  children,
}: {
  title: string;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <details className="panel-group" open>
      <summary>{title}</summary>
      <div className="panel-group-body">{children}</div>
    </details>
  );
}

/** True when the command is the join of a plan encoded in parts (chunks, or one part per picture size). */
const joinsParts = (args: readonly string[]): boolean =>
  args.some((arg, i) => arg === 'concat' && args[i - 1] === '-f');

function CommandLine({ job, state }: { job: Job; state: DraftState }): React.JSX.Element {
  const command = usePlannedCommand(job.spec.presetId, job.id, state.settings);
  return (
    <section className="panel-command" aria-labelledby="panel-command-title">
      <h4 id="panel-command-title">Command</h4>
      {state.settings === null ? (
        <p className="muted">Correct the settings marked above to see the command.</p>
      ) : command === null ? (
        <p className="muted">Working out the command…</p>
      ) : command.error !== null ? (
        <p className="error-box">{command.error}</p>
      ) : (
        <>
          {joinsParts(command.args ?? []) && (
            <p className="muted">
              The video is encoded in parts first, with the same settings; this command joins them.
            </p>
          )}
          <pre className="command-line" tabIndex={0} aria-label="Planned FFmpeg command">
            <code>{['ffmpeg', ...(command.args ?? [])].map(shellQuote).join(' ')}</code>
          </pre>
        </>
      )}
    </section>
  );
}

interface Props {
  job: Job;
  /** Every selected job (job first); Apply saves the settings on all of them. */
  ids: string[];
  info: MediaInfo | null;
  state: DraftState;
}

/** The job's settings over its preset, as a form; the selection's settings when several. */
export function JobPanel({ job, ids, info, state }: Props): React.JSX.Element {
  const byId = useAppStore((s) => s.byId);
  const hostKind = useAppStore((s) => s.host.kind);
  const preset = useAppStore((s) => s.presets.find((p) => p.id === job.spec.presetId));
  const applySettings = useAppStore((s) => s.applySettings);
  const locked = ids.filter((id) => !EDITABLE.includes(byId.get(id)?.status ?? 'queued'));
  const readOnly = locked.length > 0;
  const streams = info?.streams ?? [];

  function onSubmit(event: React.FormEvent): void {
    event.preventDefault();
    if (state.settings !== null && !readOnly) void applySettings(ids, state.settings);
  }

  return (
    <FormContext.Provider
      value={{ draft: state.draft, errors: state.errors, readOnly, change: state.change }}
    >
      <form className="job-panel" aria-label="Job settings" onSubmit={onSubmit} noValidate>
        {ids.length > 1 && (
          <p className="panel-note">
            Applies to {plural(ids.length, 'job', 'jobs')}; tracks are listed from{' '}
            {fileName(job.spec.input)}.
          </p>
        )}
        {readOnly && (
          <p className="panel-note">
            {locked.length === 1 && ids.length === 1
              ? 'This job has started, so its settings can only be read.'
              : `${plural(locked.length, 'selected job has', 'selected jobs have')} started, so the settings can only be read.`}
          </p>
        )}
        <fieldset disabled={readOnly} className="panel-fields">
          <legend className="visually-hidden">Settings over the preset</legend>
          <Group title="Audio">
            <AudioFields streams={streams} />
          </Group>
          <Group title="Subtitles">
            <SubtitleFields streams={streams} />
          </Group>
          <Group title="Picture">
            <PictureFields jobId={job.id} video={streams.find((s) => s.codec_type === 'video')} />
          </Group>
          <Group title="Trim">
            <TrimFields />
          </Group>
          <Group title="Output">
            <OutputFields besideSource={hostKind === 'electron'} />
          </Group>
          <Group title="Quality">
            <QualityFields preset={preset} />
            <MetricsField />
          </Group>
          <Group title="Performance">
            <PerformanceFields />
          </Group>
        </fieldset>
        <div className="panel-actions">
          <button
            type="submit"
            className="button primary"
            disabled={readOnly || !state.dirty || state.settings === null}
          >
            {ids.length > 1 ? `Apply to ${plural(ids.length, 'job', 'jobs')}` : 'Apply'}
          </button>
          <button
            type="button"
            className="button"
            disabled={readOnly || !state.dirty}
            onClick={state.reset}
          >
            Undo changes
          </button>
          {state.errors.size > 0 && (
            <span className="error-text" role="status">
              {plural(state.errors.size, 'setting needs', 'settings need')} correcting.
            </span>
          )}
        </div>
        <CommandLine job={job} state={state} />
      </form>
    </FormContext.Provider>
  );
}
