import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parsePreset, type Preset } from '../../app/presets/schema';
import { UserFacingError } from '../../app/util/errors';
import { writeFileAtomic } from '../../platform/atomic-file';

/** Built-in presets (read-only, from resources/presets) plus the user's own (stateDir/presets). */
export class PresetStore {
  private builtIn = new Map<string, Preset>();
  private custom = new Map<string, Preset>();

  constructor(
    private readonly builtInDir: string,
    private readonly customDir: string | null,
  ) {}

  async load(): Promise<string[]> {
    const problems: string[] = [];
    this.builtIn = await this.readDir(this.builtInDir, problems);
    if (this.customDir !== null) this.custom = await this.readDir(this.customDir, problems);
    return problems;
  }

  private async readDir(dir: string, problems: string[]): Promise<Map<string, Preset>> {
    const map = new Map<string, Preset>();
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      return map;
    }
    for (const name of names) {
      try {
        map.set(...entry(this.parse(await readFile(path.join(dir, name), 'utf8'), name)));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    return map;
  }

  /** Validates preset JSON text; throws a UserFacingError listing every problem. */
  parse(json: string, source = 'preset'): Preset {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch (error) {
      throw new UserFacingError(
        `${source} is not valid JSON (${(error as Error).message}).`,
        'bad-preset',
      );
    }
    return validate(data, source);
  }

  list(): Preset[] {
    return [...this.builtIn.values(), ...this.custom.values()];
  }

  get(id: string): Preset | undefined {
    return this.custom.get(id) ?? this.builtIn.get(id);
  }

  require(id: string): Preset {
    const preset = this.get(id);
    if (preset === undefined) {
      throw new UserFacingError(
        `There is no preset called "${id}". Available: ${this.list()
          .map((p) => p.id)
          .join(', ')}.`,
        'no-preset',
      );
    }
    return preset;
  }

  async import(json: string): Promise<Preset> {
    return this.keep(this.parse(json, 'The imported file'));
  }

  /** Saves a user preset (new, or replacing one of the user's); built-in ids are refused. */
  async save(data: unknown): Promise<Preset> {
    return this.keep(validate(data, 'The preset'));
  }

  private async keep(preset: Preset): Promise<Preset> {
    if (this.builtIn.has(preset.id))
      throw new UserFacingError(
        `"${preset.id}" is a built-in preset; give yours another id.`,
        'bad-preset',
      );
    if (this.customDir !== null) {
      await mkdir(this.customDir, { recursive: true });
      await writeFileAtomic(
        path.join(this.customDir, `${preset.id}.json`),
        `${JSON.stringify(preset, null, 2)}\n`,
      );
    }
    this.custom.set(preset.id, preset);
    return preset;
  }

  /** Adds presets from a JSON file for this run only (the CLI's --preset-file). */
  addTransient(preset: Preset): void {
    this.custom.set(preset.id, preset);
  }

  async remove(id: string): Promise<void> {
    if (this.builtIn.has(id))
      throw new UserFacingError(`"${id}" is built in and cannot be removed.`, 'bad-preset');
    this.custom.delete(id);
    if (this.customDir !== null)
      await unlink(path.join(this.customDir, `${id}.json`)).catch(() => undefined);
  }
}

/** Throws a UserFacingError listing every problem, each naming its field. */
function validate(data: unknown, source: string): Preset {
  const result = parsePreset(data);
  if (!result.ok)
    throw new UserFacingError(
      `${source} is not a valid preset: ${result.errors.join('; ')}.`,
      'bad-preset',
    );
  return result.preset;
}

function entry(preset: Preset): [string, Preset] {
  return [preset.id, preset];
}
