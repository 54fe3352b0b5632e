// User settings, stored key by key in the index doc's `settings` map so that two devices
// changing different settings both win. Every key has a default; a bad stored value reads
// as the default rather than breaking the app. (Plain checks rather than zod: this module
// is in the app shell's first load, and zod would double its size.)

export interface CustomInstructions {
  name: string;
  occupation: string;
  traits: string[];
  about: string;
}

export interface Settings {
  theme: 'system' | 'light' | 'dark';
  uiFont: string;
  codeFont: string;
  defaultModel: string | null;
  favouriteModels: string[];
  enabledProviders: string[] | null;
  customInstructions: CustomInstructions;
}
export type SettingKey = keyof Settings;

type Check<T> = (value: unknown) => T | undefined;

const text =
  (max: number): Check<string> =>
  (value) =>
    typeof value === 'string' && value.length <= max ? value : undefined;

const list =
  (maxItems: number, maxLength: number): Check<string[]> =>
  (value) =>
    Array.isArray(value) && value.length <= maxItems && value.every((item) => text(maxLength)(item) !== undefined)
      ? [...value]
      : undefined;

const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value) =>
    value === null ? null : check(value);

const instructions: Check<CustomInstructions> = (value) => {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const name = v.name === undefined ? '' : text(100)(v.name);
  const occupation = v.occupation === undefined ? '' : text(200)(v.occupation);
  const traits = v.traits === undefined ? [] : list(50, 100)(v.traits);
  const about = v.about === undefined ? '' : text(3000)(v.about);
  if (name === undefined || occupation === undefined || traits === undefined || about === undefined) return undefined;
  return { name, occupation, traits, about };
};

/** Each setting's check and default. */
const SETTINGS: { [K in SettingKey]: { check: Check<Settings[K]>; fallback: () => Settings[K] } } = {
  theme: {
    check: (v) => (v === 'system' || v === 'light' || v === 'dark' ? v : undefined),
    fallback: () => 'system',
  },
  uiFont: { check: text(100), fallback: () => 'system' },
  codeFont: { check: text(100), fallback: () => 'monospace' },
  defaultModel: { check: nullable(text(200)), fallback: () => null },
  favouriteModels: { check: list(100, 200), fallback: () => [] },
  enabledProviders: { check: nullable(list(50, 100)), fallback: () => null },
  customInstructions: {
    check: instructions,
    fallback: () => ({ name: '', occupation: '', traits: [], about: '' }),
  },
};

/** Reads every setting from raw stored values, falling back to the default per key. */
export function parseSettings(raw: Record<string, unknown>): Settings {
  const out: Partial<Record<SettingKey, unknown>> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const { check, fallback } = SETTINGS[key];
    out[key] = raw[key] === undefined ? fallback() : (check(raw[key]) ?? fallback());
  }
  return out as Settings;
}

/** Validates one setting before it is written; throws a readable error when it is wrong. */
export function validateSetting<K extends SettingKey>(key: K, value: unknown): Settings[K] {
  const checked = SETTINGS[key].check(value);
  if (checked === undefined) throw new Error(`Invalid value for setting ${key}.`);
  return checked;
}
