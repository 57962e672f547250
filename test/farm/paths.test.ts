import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFarmUrl } from '../../main/farm/connection';
import {
  allowedOutputFolder,
  insideAllowed,
  parsePathMap,
  resolveAllowed,
  toLocal,
} from '../../main/farm/paths';
import { tempDir } from '../helpers/media';

// What a worker accepts before any job runs: the farm URL, path maps and --allow.

describe('farm URL', () => {
  it('reads password, user, database and TLS from the URL, and never shows the password', () => {
    const plain = parseFarmUrl('redis://:p%40ss@queue.lan:6380/2');
    expect(plain.options).toMatchObject({ host: 'queue.lan', port: 6380, db: 2, password: 'p@ss' });
    expect(plain.options.tls).toBeUndefined();
    expect(plain.label).toBe('redis://queue.lan:6380/2');
    const tls = parseFarmUrl('rediss://farm:secret@queue.lan');
    expect(tls.options).toMatchObject({ port: 6379, db: 0, username: 'farm', password: 'secret' });
    expect(tls.options.tls).toEqual({ servername: 'queue.lan' });
  });

  it('refuses other schemes and bad databases with a sentence', () => {
    expect(() => parseFarmUrl('http://queue.lan')).toThrow(/needs a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => parseFarmUrl('redis://queue.lan/x')).toThrow(/must be a number/);
    expect(() => parseFarmUrl('queue.lan:6379')).toThrow(/needs a redis:\/\/ or rediss:\/\/ URL/);
  });
});

describe('paths', () => {
  const dir = tempDir('fw-farm-paths-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps a submitter prefix at a folder boundary only, first match first', () => {
    const maps = [parsePathMap('/mnt/nas=/srv/media'), parsePathMap('/mnt=/data')];
    expect(toLocal('/mnt/nas/film.mkv', maps)).toBe('/srv/media/film.mkv');
    expect(toLocal('/mnt/nas2/film.mkv', maps)).toBe('/data/nas2/film.mkv');
    expect(toLocal('/home/film.mkv', maps)).toBe('/home/film.mkv');
    expect(toLocal('Z:\\media\\film.mkv', [parsePathMap('Z:\\media=/srv/media')])).toBe(
      '/srv/media/film.mkv',
    );
    expect(() => parsePathMap('/mnt/nas')).toThrow(/--path-map needs FROM=TO/);
  });

  it('allows only real paths inside an allowed folder: a symbolic link out is refused', async () => {
    const allowed = path.join(dir, 'allowed');
    const outside = path.join(dir, 'outside');
    mkdirSync(allowed);
    mkdirSync(outside);
    symlinkSync(outside, path.join(allowed, 'escape'));
    const real = await resolveAllowed([allowed]);
    await expect(insideAllowed(allowed, real, 'The output folder')).resolves.toBe(real[0]);
    await expect(insideAllowed(path.join(allowed, 'escape'), real, 'The input')).rejects.toThrow(
      /is outside the folders this worker may use/,
    );
    await expect(insideAllowed(`${allowed}-2`, real, 'The input')).rejects.toThrow(
      /does not exist/,
    );
    await expect(insideAllowed('relative/file', real, 'The input')).rejects.toThrow(
      /not an absolute path/,
    );
    await expect(resolveAllowed([path.join(dir, 'missing')])).rejects.toThrow(/does not exist/);
  });

  it('makes a missing output subfolder inside an allowed folder, never outside one', async () => {
    const real = await resolveAllowed([path.join(dir, 'allowed')]);
    const inside = path.join(dir, 'allowed', 'tree', 'deeper');
    await allowedOutputFolder(inside, real);
    expect(existsSync(inside)).toBe(true);
    const out = path.join(dir, 'allowed', 'escape', 'made');
    await expect(allowedOutputFolder(out, real)).rejects.toThrow(/outside the folders/);
    expect(existsSync(path.join(dir, 'outside', 'made'))).toBe(false);
  });
});
