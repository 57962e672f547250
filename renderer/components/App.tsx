import { useState } from 'react';
import { collectDrop, expandDrop } from '../api/drop';
import { useAppStore } from '../store/context';
import { FarmView } from './farm/FarmView';
import { HardwareView } from './hardware/HardwareView';
import { Header } from './Header';
import { Notices } from './Notices';
import { PresetsView } from './presets/PresetsView';
import { QueueView } from './queue/QueueView';
import { SettingsView } from './settings/SettingsView';

function hasFiles(event: React.DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

export function App(): React.JSX.Element {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const addFiles = useAppStore((s) => s.addFiles);
  const hostKind = useAppStore((s) => s.host.kind);
  const [dragging, setDragging] = useState(false);

  // Files and folders may be dropped anywhere in the window.
  function onDrop(event: React.DragEvent): void {
    event.preventDefault();
    setDragging(false);
    // Electron resolves folders to paths and the engine walks them; the browser must walk them itself.
    const collected =
      hostKind === 'electron'
        ? { entries: [], files: Array.from(event.dataTransfer.files) }
        : collectDrop(event.dataTransfer);
    setView('queue');
    void addFiles(expandDrop(collected));
  }

  return (
    <div
      className="app"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.relatedTarget === null) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <Header />
      <main className="app-main">
        {view === 'queue' && <QueueView />}
        {view === 'presets' && <PresetsView />}
        {view === 'hardware' && <HardwareView />}
        {view === 'farm' && <FarmView />}
        {view === 'settings' && <SettingsView />}
      </main>
      <Notices />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-card">Drop to add to the queue</div>
        </div>
      )}
    </div>
  );
}
