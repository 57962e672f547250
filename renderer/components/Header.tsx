import { useAppStore } from '../store/context';
import type { View } from '../store/types';

const VIEWS: { view: View; label: string }[] = [
  { view: 'queue', label: 'Queue' },
  { view: 'presets', label: 'Presets' },
  { view: 'hardware', label: 'Hardware' },
  { view: 'farm', label: 'Farm' },
  { view: 'settings', label: 'Settings' },
];

export function Header(): React.JSX.Element {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const presets = useAppStore((s) => s.presets);
  const presetId = useAppStore((s) => s.settings?.presetId ?? '');
  const choosePreset = useAppStore((s) => s.choosePreset);
  const running = useAppStore((s) => s.queue.running);
  const toggleQueue = useAppStore((s) => s.toggleQueue);
  const connected = useAppStore((s) => s.connected);
  // The Farm tab only where the host runs its jobs in a farm.
  const hasFarm = useAppStore((s) => s.farm !== null);
  const views = VIEWS.filter((v) => v.view !== 'farm' || hasFarm);

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Framewright</span>
      </div>
      <nav className="tabs" aria-label="Sections">
        {views.map(({ view: v, label }) => (
          <button
            key={v}
            type="button"
            className="tab"
            aria-current={view === v ? 'page' : undefined}
            onClick={() => setView(v)}
          >
            {label}
          </button>
        ))}
      </nav>
      <div className="header-actions">
        <label className="preset-picker">
          <span className="preset-picker-label">Preset</span>
          {/* Named here too: narrow windows hide the label's text. */}
          <select
            aria-label="Preset"
            value={presetId}
            disabled={presets.length === 0}
            onChange={(event) => void choosePreset(event.target.value)}
          >
            {presets.length === 0 && <option value="">No presets</option>}
            {presets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={running ? 'button' : 'button primary'}
          disabled={!connected}
          onClick={() => void toggleQueue()}
        >
          {running ? 'Pause' : 'Start'}
        </button>
      </div>
    </header>
  );
}
