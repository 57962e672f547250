import { useRef } from 'react';
import type { Job } from '../../../app/jobs/job';
import { fileName } from '../../../app/util/format';
import { useAppStore } from '../../store/context';
import type { InspectorTab } from '../../store/types';
import { JobPanel } from '../job/JobPanel';
import { useDraft } from '../job/use-draft';
import { PreviewPanel } from '../preview/PreviewPanel';
import { DetailsTab } from './DetailsTab';

const TABS: { tab: InspectorTab; label: string }[] = [
  { tab: 'details', label: 'Details' },
  { tab: 'settings', label: 'Settings' },
  { tab: 'preview', label: 'Preview' },
];

/** Details, settings and preview of the selected job, as tabs (arrow keys move between them). */
function Tabs(): React.JSX.Element {
  const current = useAppStore((s) => s.inspectorTab);
  const setTab = useAppStore((s) => s.setInspectorTab);
  const list = useRef<HTMLDivElement>(null);
  function onKeyDown(event: React.KeyboardEvent): void {
    const by = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (by === 0) return;
    event.preventDefault();
    const at = TABS.findIndex((t) => t.tab === current);
    const next = TABS[(at + by + TABS.length) % TABS.length];
    if (next === undefined) return;
    setTab(next.tab);
    list.current?.querySelector<HTMLElement>(`#inspector-tab-${next.tab}`)?.focus();
  }
  return (
    <div
      className="inspector-tabs"
      role="tablist"
      aria-label="Job"
      ref={list}
      onKeyDown={onKeyDown}
    >
      {TABS.map(({ tab, label }) => (
        <button
          key={tab}
          id={`inspector-tab-${tab}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === current}
          aria-controls="inspector-tabpanel"
          tabIndex={tab === current ? 0 : -1}
          onClick={() => setTab(tab)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function InspectorFor({ job }: { job: Job }): React.JSX.Element {
  const select = useAppStore((s) => s.select);
  const tab = useAppStore((s) => s.inspectorTab);
  const selection = useAppStore((s) => s.selection);
  const inspection = useAppStore((s) => (s.inspection?.id === job.id ? s.inspection : null));
  const info = inspection?.outcome?.ok === true ? inspection.outcome.info : null;
  const reading = inspection !== null && inspection.outcome === null && inspection.error === null;
  const draft = useDraft(job);
  const ids = selection.includes(job.id) ? selection : [job.id];
  const more = ids.length - 1;

  return (
    <aside className="inspector" aria-labelledby="inspector-title">
      <div className="inspector-head">
        <h2 id="inspector-title" title={job.spec.input}>
          {fileName(job.spec.input)}
          {more > 0 && <span className="muted"> and {more} more</span>}
        </h2>
        <button type="button" className="button small quiet" onClick={() => select(null)}>
          Close details
        </button>
      </div>
      <Tabs />
      <div
        className="inspector-body"
        id="inspector-tabpanel"
        role="tabpanel"
        aria-labelledby={`inspector-tab-${tab}`}
      >
        {tab === 'details' && <DetailsTab job={job} />}
        {tab === 'settings' &&
          (reading ? (
            <p className="muted">Reading the file…</p>
          ) : (
            <JobPanel job={job} ids={ids} info={info} state={draft} />
          ))}
        {tab === 'preview' && <PreviewPanel jobId={job.id} settings={draft.settings} />}
      </div>
    </aside>
  );
}

/** The selected job (and the rest of the selection, for its settings). */
export function Inspector({ id }: { id: string }): React.JSX.Element | null {
  const job = useAppStore((s) => s.byId.get(id));
  return job === undefined ? null : <InspectorFor job={job} />;
}
