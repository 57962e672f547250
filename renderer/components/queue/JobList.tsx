import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useAppStore } from '../../store/context';
import { JobRow } from './JobRow';

const ROW_HEIGHT = 76;

/** Only the rows in view are in the DOM, so 10,000 jobs scroll as smoothly as ten. */
export function JobList(): React.JSX.Element {
  const ids = useAppStore((s) => s.ids);
  const selectedId = useAppStore((s) => s.selectedId);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => ids[index] ?? index,
  });

  // Up and down arrows move the selection; the row scrolls into view and takes focus.
  function onKeyDown(event: React.KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const current = selectedId === null ? -1 : ids.indexOf(selectedId);
    const next = Math.min(
      ids.length - 1,
      Math.max(0, current + (event.key === 'ArrowDown' ? 1 : -1)),
    );
    const id = ids[next];
    if (id === undefined) return;
    select(id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    window.requestAnimationFrame(() =>
      scroller.current
        ?.querySelector<HTMLElement>(`[data-job-id="${CSS.escape(id)}"] .job-name`)
        ?.focus(),
    );
  }

  return (
    <div className="job-list" ref={scroller} onKeyDown={onKeyDown}>
      <div
        role="list"
        aria-label={`Queue, ${ids.length.toLocaleString()} ${ids.length === 1 ? 'job' : 'jobs'}`}
        className="job-list-inner"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const id = ids[item.index];
          return id === undefined ? null : (
            <JobRow
              key={item.key}
              id={id}
              top={item.start}
              height={item.size}
              selected={id === selectedId || selection.includes(id)}
            />
          );
        })}
      </div>
    </div>
  );
}
