import { useEffect, useRef } from 'react';
import { pickedFromInput } from '../../api/drop';
import { useAppStore } from '../../store/context';

/**
 * "Add files" is both a button (opens a picker) and the drop zone's name; "Add folder"
 * picks a whole folder. Drops anywhere in the window are handled by App.
 */
export function AddButtons({ large = false }: { large?: boolean }): React.JSX.Element {
  const host = useAppStore((s) => s.host);
  const addFiles = useAppStore((s) => s.addFiles);
  const addPaths = useAppStore((s) => s.addPaths);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  function pick(input: HTMLInputElement | null): void {
    if (host.pickPaths !== null) {
      void host.pickPaths().then(addPaths);
      return;
    }
    input?.click();
  }

  function onChosen(event: React.ChangeEvent<HTMLInputElement>): void {
    const files = pickedFromInput(Array.from(event.target.files ?? []));
    event.target.value = '';
    void addFiles(Promise.resolve(files));
  }

  return (
    <div className={large ? 'add-buttons large' : 'add-buttons'}>
      <button
        type="button"
        className={large ? 'button primary big' : 'button primary'}
        aria-label="Add files"
        onClick={() => pick(filesInput.current)}
      >
        <span className="icon-plus" aria-hidden="true" />
        Add files
      </button>
      {host.pickPaths === null && (
        <button
          type="button"
          className={large ? 'button big' : 'button'}
          onClick={() => pick(folderInput.current)}
        >
          Add folder
        </button>
      )}
      <input ref={filesInput} type="file" multiple hidden onChange={onChosen} />
      <input ref={folderInput} type="file" multiple hidden onChange={onChosen} />
    </div>
  );
}
