import type { FramewrightApi } from '../../../app/api/contract';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../../app/api/settings';
import { Emitter } from '../emitter';

/** The engine's settings: the saved ones with this run's overrides (CLI flags) on top. */
export class SettingsHolder {
  readonly changed = new Emitter<Settings>();
  private current: Settings;

  constructor(private readonly overrides: Partial<Settings> = {}) {
    this.current = { ...DEFAULT_SETTINGS, ...overrides };
  }

  get value(): Settings {
    return this.current;
  }

  /** The settings loaded at start-up; this run's overrides still win. */
  restore(saved: Settings): void {
    this.current = { ...saved, ...this.overrides };
  }

  /** The programs the worker should use: only those the settings name. */
  binaries(): { ffmpegPath?: string; ffprobePath?: string } {
    const { ffmpegPath, ffprobePath } = this.current;
    return { ...(ffmpegPath ? { ffmpegPath } : {}), ...(ffprobePath ? { ffprobePath } : {}) };
  }

  /** Validates and applies changes; true when the programs changed. */
  update(changes: Partial<Settings>): boolean {
    const next = SettingsSchema.parse({ ...this.current, ...changes });
    const binariesChanged =
      next.ffmpegPath !== this.current.ffmpegPath || next.ffprobePath !== this.current.ffprobePath;
    this.current = next;
    return binariesChanged;
  }
}

export interface SettingsDeps {
  holder: SettingsHolder;
  /** Tells the worker which programs to use. */
  configure(): void;
  persist(): void;
  /** Lets the queue start jobs a new concurrency allows. */
  pump(): void;
}

export function settingsService(deps: SettingsDeps): FramewrightApi['settings'] {
  const { holder } = deps;
  return {
    get: () => Promise.resolve(holder.value),
    set: (changes) => {
      if (holder.update(changes)) deps.configure();
      deps.persist();
      holder.changed.emit(holder.value);
      deps.pump();
      return Promise.resolve(holder.value);
    },
    onChanged: holder.changed.on,
  };
}
