import { useEffect, useMemo, useState } from 'react';
import type { Job } from '../../../app/jobs/job';
import { useAppStore } from '../../store/context';
import { messageOf } from '../../store/types';
import { check, setAt, type Checked, type Draft, type Path } from './draft';

export interface DraftState extends Checked {
  draft: Draft;
  /** True when the draft differs from what the job has saved. */
  dirty: boolean;
  change: (path: Path, value: unknown) => void;
  reset: () => void;
}

/** The panel's unsaved settings for a job: starts from what the job has, follows saves. */
export function useDraft(job: Job): DraftState {
  const saved = JSON.stringify(job.spec.settings ?? {});
  const [draft, setDraft] = useState<Draft>(() => JSON.parse(saved) as Draft);
  useEffect(() => setDraft(JSON.parse(saved) as Draft), [saved, job.id]);
  const checked = useMemo(() => check(draft), [draft]);
  return {
    ...checked,
    draft,
    dirty: JSON.stringify(draft) !== saved,
    change: (path, value) => setDraft((d) => setAt(d, path, value)),
    reset: () => setDraft(JSON.parse(saved) as Draft),
  };
}

export interface PlannedCommand {
  args: string[] | null;
  error: string | null;
}

/** The plan's exact command for the unsaved settings, asked again a moment after they (or the analysis) change. */
export function usePlannedCommand(
  presetId: string,
  jobId: string,
  settings: Checked['settings'],
): PlannedCommand | null {
  const api = useAppStore((s) => s.host.api);
  // A finished analysis changes what `auto` plans (the engine keeps it with the job).
  const analysed = useAppStore((s) => s.analyses[jobId]?.status);
  const key = settings === null ? null : JSON.stringify(settings);
  const [command, setCommand] = useState<PlannedCommand | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api.presets
        .commandFor({ presetId, jobId, settings: JSON.parse(key) as Checked['settings'] & object })
        .then(
          (args) => live && setCommand({ args, error: null }),
          (error: unknown) => live && setCommand({ args: null, error: messageOf(error) }),
        );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [api, presetId, jobId, key, analysed]);
  return key === null ? null : command;
}
