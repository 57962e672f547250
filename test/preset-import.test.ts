import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../main/api/router';
import type { Engine } from '../main/engine/engine';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

// A custom preset reaches the engine through presets.import (the UI's "Import preset…",
// over IPC or WebSocket) or from the saved presets folder; extra options outside the
// encoder's allowlist are refused on both ways in, naming the option.

const preset = (id: string, extraArgs: string[]) =>
  JSON.stringify({
    id,
    name: id,
    container: 'matroska',
    extension: '.mkv',
    video: { codec: 'libx265', crf: 28, extraArgs },
    audio: { codec: 'flac' },
  });

describe('presets.import', () => {
  let stateDir: string;
  let engine: Engine;
  let router: Router;
  beforeAll(async () => {
    stateDir = tempDir();
    // Saved by an earlier version, which let this through.
    mkdirSync(path.join(stateDir, 'presets'));
    writeFileSync(
      path.join(stateDir, 'presets', 'old.json'),
      preset('old', ['-x265-params', 'analysis-save=/tmp/a.dat']),
    );
    engine = await testEngine({ stateDir });
    router = createRouter(engine);
  });
  afterAll(() => engine.dispose());

  const importJson = (json: string) =>
    router.handle({ type: 'call', id: 1, service: 'presets', method: 'import', input: { json } });
  const ids = async () => (await engine.presets.list()).map((p) => p.id);

  it('refuses a preset whose -x265-params writes a CSV file, with a sentence naming the key', async () => {
    const reply = await importJson(preset('csv-log', ['-x265-params', 'csv=/tmp/x265.csv']));
    expect(reply.type).toBe('error');
    expect(reply.type === 'error' ? reply.error.message : '').toMatch(
      /^The imported file is not a valid preset: video\.extraArgs\.1: -x265-params key "csv" is not allowed for libx265; allowed keys: .*\.$/,
    );
    expect(await ids()).not.toContain('csv-log');
    expect(readdirSync(path.join(stateDir, 'presets'))).toEqual(['old.json']);
  });

  it('refuses an option the encoder list leaves out', async () => {
    const reply = await importJson(preset('stats', ['-stats', '/tmp/s']));
    expect(reply.type === 'error' ? reply.error.message : '').toMatch(
      /video\.extraArgs\.0: -stats is not allowed for libx265; allowed options: /,
    );
  });

  it('imports and saves a preset with allowed options', async () => {
    const reply = await importJson(
      preset('grainy', ['-tune', 'grain', '-x265-params', 'aq-mode=3']),
    );
    expect(reply.type).toBe('result');
    expect(await ids()).toContain('grainy');
    expect(readdirSync(path.join(stateDir, 'presets')).sort()).toEqual(['grainy.json', 'old.json']);
  });

  it('does not load a saved preset that the allowlist refuses, and says why', async () => {
    expect(await ids()).not.toContain('old');
    expect(engine.startupProblems.join('\n')).toMatch(
      /old\.json is not a valid preset: .*-x265-params key "analysis-save" is not allowed for libx265/,
    );
  });
});
