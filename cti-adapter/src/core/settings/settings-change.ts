import type { Settings } from './settings';
import type { Unsubscribe } from '../support/typed-emitter';

/**
 * The settings in force changed (the engine's `settingsChange` event): the loaded `getSoftphoneSettings` answer at the
 * start, or an agent's choice of a user-level setting. `changed` names the keys whose value differs from `previous`.
 * @public
 */
export interface SettingsChange {
  readonly settings: Settings;
  readonly previous: Settings;
  readonly changed: readonly (keyof Settings)[];
}

/**
 * The keys whose value differs between two settings: by identity, and by JSON value for the structured ones
 * (`logFields`), since each answer of `getSoftphoneSettings` is a new object. `[]` when nothing changed.
 * @public
 */
export function changedSettingKeys(previous: Settings, next: Settings): (keyof Settings)[] {
  if (previous === next) return [];
  return (Object.keys(next) as (keyof Settings)[]).filter(
    (key) => !Object.is(previous[key], next[key]) && JSON.stringify(previous[key]) !== JSON.stringify(next[key]),
  );
}

/** The boolean settings (`hvsMode`, `autoLog`, …). @public */
export type BooleanSettingKey = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

/** What {@link whenSettingOn} needs of the engine: its settings in force and its `settingsChange` event. @public */
export interface SettingsSource {
  getState(): { readonly settings: Settings };
  on(type: 'settingsChange', listener: (change: SettingsChange) => void): Unsubscribe;
}

/**
 * Runs `run` once when the boolean setting `key` is on: at once when it already is, else at the settings change that
 * turns it on (never for other changes). Returns a function that stops waiting.
 * @public
 */
export function whenSettingOn(source: SettingsSource, key: BooleanSettingKey, run: () => void): Unsubscribe {
  if (source.getState().settings[key]) {
    run();
    return () => undefined;
  }
  const off = source.on('settingsChange', ({ settings, changed }) => {
    if (!changed.includes(key) || !settings[key]) return;
    off();
    run();
  });
  return off;
}
