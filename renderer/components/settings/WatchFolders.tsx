import type { WatchFolderState, WatchStatus } from '../../../app/watch/model';
import { describeRules } from '../../../app/watch/model';
import { formatBytes, plural } from '../../../app/util/format';
import { useAppStore } from '../../store/context';
import { useWatchFolders } from './use-watch-folders';
import { WatchFolderForm } from './WatchFolderForm';

const STATUS: Record<WatchStatus, string> = {
  watching: 'Watching',
  starting: 'Starting',
  vanished: 'Folder missing',
  disabled: 'Off',
};

function FolderCard(props: {
  state: WatchFolderState;
  onToggle: () => void;
  onRemove: () => void;
}): React.JSX.Element {
  const { folder, status, note, taken, done } = props.state;
  const preset = useAppStore((s) => s.presets.find((p) => p.id === folder.presetId));
  return (
    <li className="watch-card" data-folder={folder.folder}>
      <div className="watch-card-head">
        <strong className="watch-path">{folder.folder}</strong>
        <span className={`chip watch-status ${status}`}>{STATUS[status]}</span>
      </div>
      <p className="help">
        {preset?.name ?? folder.presetId} → {folder.outDir}
      </p>
      <p className="help">{describeRules(folder, formatBytes)}</p>
      {(taken > 0 || done > 0) && (
        <p className="help">
          {plural(taken, 'file', 'files')} taken, {done} converted since the start.
        </p>
      )}
      {note !== null && <p className="watch-note">{note}</p>}
      <div className="form-actions">
        <button type="button" className="button small" onClick={props.onToggle}>
          {folder.enabled ? 'Pause' : 'Resume'}
        </button>
        <button type="button" className="button small quiet" onClick={props.onRemove}>
          Remove
        </button>
      </div>
    </li>
  );
}

/** Settings → Watch folders: each folder converts what arrives in it with its own preset and rules. */
export function WatchFolders(): React.JSX.Element {
  const { overview, save, remove } = useWatchFolders();
  const roots = overview?.allowedRoots ?? null;
  const allowed = roots === null || roots.length > 0;
  return (
    <section className="watch-folders" aria-labelledby="watch-title">
      <h2 id="watch-title">Watch folders</h2>
      <p className="help">
        Files that arrive in a watch folder are converted once they stop changing. Nothing is
        converted twice, even after a restart, and a file that changes is converted again.
        {roots !== null &&
          roots.length > 0 &&
          ` This server watches folders under ${roots.join(', ')}.`}
      </p>
      {!allowed && (
        <p className="watch-note">
          This server watches no folders; start it with --watch-root DIR to allow folders under DIR.
        </p>
      )}
      {overview !== null && overview.folders.length > 0 && (
        <ul className="watch-list">
          {overview.folders.map((state) => (
            <FolderCard
              key={state.folder.id}
              state={state}
              onToggle={() => void save({ ...state.folder, enabled: !state.folder.enabled })}
              onRemove={() => void remove(state.folder.id)}
            />
          ))}
        </ul>
      )}
      <WatchFolderForm
        fixedOutDir={overview?.fixedOutDir ?? null}
        allowed={allowed}
        onSave={save}
      />
    </section>
  );
}
