import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchFolder } from '../app/watch/model';
import type { Engine } from '../main/engine/engine';
import { LedgerFile } from '../main/watch/ledger-file';
import { WatchService, type WatchEvent } from '../main/watch/watch-service';
import { testEngine } from './helpers/engine';
import { makeClip, probeJson, tempDir } from './helpers/media';

// Watch folders end to end with the real engine and ffmpeg: a file copied in slowly is
// converted once, after the copy ends; a restart on the same ledger redoes nothing; a
// changed file is converted again; a rename into the folder counts as new; a folder
// that vanishes is watched again when it comes back. Waits for events, never sleeps.

const SETTLE_MS = 300;

function nextEvent(
  service: WatchService,
  match: (event: WatchEvent) => boolean,
): Promise<WatchEvent> {
  return new Promise((resolve) => {
    const off = service.events.on((event) => {
      if (match(event)) {
        off();
        resolve(event);
      }
    });
  });
}

describe('watch folders', () => {
  let engine: Engine;
  let dir: string;
  let inbox: string;
  let out: string;
  let ledgerPath: string;
  let folder: WatchFolder;
  const clip = (): string => path.join(inbox, 'arrival.mkv');
  /** A second clip, made once; copies of it arrive in the folder. */
  const other = (): string => path.join(dir, 'other.mkv');
  const copied = (name: string): string => {
    copyFileSync(other(), path.join(dir, name));
    return path.join(dir, name);
  };
  const service = (): WatchService =>
    new WatchService({
      jobs: engine.jobs,
      ledger: new LedgerFile(ledgerPath, () => undefined),
      settleMs: SETTLE_MS,
      times: { pollMs: 100 },
    });

  beforeAll(async () => {
    engine = await testEngine();
    dir = tempDir('fw-watch-');
    inbox = path.join(dir, 'in');
    out = path.join(dir, 'out');
    mkdirSync(inbox);
    makeClip(other(), { audio: false });
    ledgerPath = path.join(dir, 'state', 'ledger.json');
    folder = {
      id: 'inbox',
      folder: inbox,
      presetId: 'remux-mkv', // a stream copy: the watching is under test, not the encoder
      outDir: out,
      enabled: true,
      subfolders: true,
      minSizeBytes: 0,
    };
  });
  afterAll(() => engine.dispose());

  it('converts a slow copy once, after it ends; a restart on the same ledger redoes nothing; a change is redone', async () => {
    const source = makeClip(path.join(dir, 'source.mkv'), { seconds: 2, audio: false });
    const bytes = readFileSync(source);
    const pieces = 4;
    const piece = Math.ceil(bytes.length / pieces);
    const first = new WatchService({
      jobs: engine.jobs,
      ledger: new LedgerFile(ledgerPath, () => undefined),
      settleMs: SETTLE_MS,
    });
    const taken: { file: string; size: number }[] = [];
    let written = 0;
    const fd = openSync(clip(), 'w');
    const writePiece = (): void => {
      written += writeSync(fd, bytes, written, Math.min(piece, bytes.length - written));
      if (written === bytes.length) closeSync(fd);
    };
    first.events.on((event) => {
      // Each time the watcher sees the copy grow, the next piece lands before its next look.
      if (event.type === 'observed' && event.file === clip() && written < bytes.length)
        writePiece();
      if (event.type === 'taken') taken.push({ file: event.file, size: statSync(event.file).size });
    });
    writePiece();
    const done = nextEvent(first, (e) => e.type === 'done' || e.type === 'failed');
    await first.setFolders([folder]);
    const ended = await done;

    expect(ended.type).toBe('done');
    expect(taken).toEqual([{ file: clip(), size: bytes.length }]);
    const job = ended.type === 'done' ? ended.job : null;
    expect(Number(probeJson(job?.output ?? '').format.duration)).toBeCloseTo(2, 0);
    await first.close();
    const saved = JSON.parse(readFileSync(ledgerPath, 'utf8')) as {
      entries: { path: string; size: number; hash: string }[];
    };
    expect(saved.entries).toMatchObject([{ path: clip(), size: bytes.length }]);
    expect(saved.entries[0]?.hash).toMatch(/^[0-9a-f]{64}$/);

    // Restart: a new watcher on the same ledger finds the file unchanged and queues nothing.
    const second = service();
    const secondTaken: string[] = [];
    second.events.on((event) => event.type === 'taken' && secondTaken.push(event.file));
    const unchanged = nextEvent(second, (e) => e.type === 'unchanged' && e.file === clip());
    await second.setFolders([folder]);
    await unchanged;
    expect(secondTaken).toEqual([]);

    // The same file, changed: converted again.
    const redone = nextEvent(second, (e) => e.type === 'done' || e.type === 'failed');
    writeFileSync(clip(), readFileSync(other()));
    expect((await redone).type).toBe('done');
    expect(secondTaken).toEqual([clip()]);
    expect(readdirSync(out).sort()).toEqual(['arrival (1).mkv', 'arrival.mkv']);
    await second.close();
  });

  it('takes a file renamed into the folder as new, leaves other files alone, and watches a folder that vanishes and comes back', async () => {
    const watcher = service();
    const seen: string[] = [];
    watcher.events.on((event) => event.type === 'taken' && seen.push(event.file));
    const ready = nextEvent(watcher, (e) => e.type === 'unchanged');
    await watcher.setFolders([folder]);
    await ready; // the first test's file, already converted

    writeFileSync(path.join(inbox, 'notes.txt'), 'not a video\n');
    writeFileSync(path.join(inbox, '.hidden.mkv'), 'hidden\n');
    const renamed = path.join(inbox, 'renamed.mkv');
    const done = nextEvent(watcher, (e) => e.type === 'done' && e.file === renamed);
    renameSync(copied('elsewhere.mkv'), renamed);
    await done;

    const gone = nextEvent(watcher, (e) => e.type === 'note' && /is missing/.test(e.message));
    rmSync(inbox, { recursive: true });
    await gone;
    expect(watcher.states()[0]?.status).toBe('vanished');
    const back = path.join(inbox, 'back.mkv');
    const again = nextEvent(watcher, (e) => e.type === 'done' && e.file === back);
    mkdirSync(inbox);
    renameSync(copied('back.mkv'), back);
    await again;
    expect(seen).toEqual([renamed, back]);
    expect(watcher.states()[0]).toMatchObject({ status: 'watching', taken: 2, done: 2 });
    await watcher.close();
  });
});
