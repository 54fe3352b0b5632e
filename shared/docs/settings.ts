// User settings, stored key by key in the index doc's `settings` map so that two devices
// changing different settings both win. Every key has a default; a bad stored value reads
// as the default rather than breaking the app.
import { z } from 'zod';

export const settingsSchema = {
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  uiFont: z.string().max(100).default('system'),
  codeFont: z.string().max(100).default('monospace'),
  defaultModel: z.string().max(200).nullable().default(null),
  favouriteModels: z.array(z.string().max(200)).max(100).default([]),
  enabledProviders: z.array(z.string().max(100)).max(50).nullable().default(null),
  customInstructions: z
    .object({
      name: z.string().max(100).default(''),
      occupation: z.string().max(200).default(''),
      traits: z.array(z.string().max(100)).max(50).default([]),
      about: z.string().max(3000).default(''),
    })
    .default({ name: '', occupation: '', traits: [], about: '' }),
} as const;

export type SettingKey = keyof typeof settingsSchema;
export type Settings = { [K in SettingKey]: z.output<(typeof settingsSchema)[K]> };

/** Reads every setting from raw stored values, falling back to the default per key. */
export function parseSettings(raw: Record<string, unknown>): Settings {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(settingsSchema)) {
    const parsed = schema.safeParse(raw[key]);
    out[key] = parsed.success ? parsed.data : schema.parse(undefined);
  }
  return out as Settings;
}

/** Validates one setting before it is written; throws a readable error when it is wrong. */
export function validateSetting<K extends SettingKey>(key: K, value: unknown): Settings[K] {
  const parsed = settingsSchema[key].safeParse(value);
  if (!parsed.success) throw new Error(`Invalid value for setting ${key}: ${parsed.error.issues[0]?.message}`);
  return parsed.data as Settings[K];
}
