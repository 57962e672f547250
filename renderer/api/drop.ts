// Reads a drop: files as they are, folders walked recursively (the browser gives
// entries, not paths). Entries must be taken synchronously inside the drop event.

export interface Collected {
  entries: FileSystemEntry[];
  files: File[];
}

/** A file to add, with its path inside a dropped or picked folder (null for a loose file). */
export interface Picked {
  file: File;
  relativePath: string | null;
}

/** Call inside the drop handler, before any await. */
export function collectDrop(data: DataTransfer): Collected {
  const entries: FileSystemEntry[] = [];
  const files: File[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry?.isDirectory === true) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file !== null) files.push(file);
    }
  }
  if (data.items.length === 0) files.push(...Array.from(data.files));
  return { entries, files };
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const step = (): void =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          step();
        }
      }, reject);
    step();
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: Picked[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile) {
    out.push({
      file: await fileOf(entry as FileSystemFileEntry),
      relativePath: entry.fullPath.replace(/^\/+/, ''),
    });
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader()))
      await walk(child, out);
  }
}

/** The dropped files plus every file inside dropped folders (hidden ones skipped), with folder paths. */
export async function expandDrop(collected: Collected): Promise<Picked[]> {
  const out: Picked[] = collected.files.map((file) => ({ file, relativePath: null }));
  for (const entry of collected.entries) await walk(entry, out);
  return out;
}

/** Files from a file input; a folder picker gives each file its path inside the folder. */
export function pickedFromInput(files: readonly File[]): Picked[] {
  return files
    .filter((file) => !file.name.startsWith('.'))
    .map((file) => ({
      file,
      relativePath: file.webkitRelativePath === '' ? null : file.webkitRelativePath,
    }));
}
