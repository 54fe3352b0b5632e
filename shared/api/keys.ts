// API keys contract: keys are write-only from the client, which sees the last four
// characters and the date; custom endpoints carry a name, a base URL and the models to offer.
import { z } from 'zod';
import type { ProviderId } from '../ai/providers';

/** An http(s) URL without credentials in it (a key belongs in the key field, not the URL). */
export const baseUrlSchema = z
  .string({ error: 'Enter the base URL, like http://localhost:11434/v1.' })
  .trim()
  .max(500, { error: 'Use at most 500 characters for the URL.' })
  .pipe(z.url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL, like http://localhost:11434/v1.' }))
  .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), {
    error: 'Leave the user name and password out of the URL: the key goes in the key field.',
  });

/** How many custom endpoints one person may have. */
export const MAX_CUSTOM_ENDPOINTS = 20;
export const MAX_ENDPOINT_NAME = 60;

/** A custom endpoint's name, as the model picker shows it; unique per person, whatever the case. */
export const endpointNameSchema = z
  .string({ error: 'Enter a name for the endpoint.' })
  .trim()
  .min(1, { error: 'Enter a name for the endpoint.' })
  .max(MAX_ENDPOINT_NAME, { error: `Use at most ${MAX_ENDPOINT_NAME} characters for the name.` });

export const customModelSchema = z.object({
  id: z.string().trim().min(1, { error: 'Enter the model id.' }).max(200),
  label: z.string().trim().max(100).optional(),
  contextWindow: z
    .number({ error: 'Enter the context window as a number of tokens.' })
    .int({ error: 'Enter the context window as a whole number of tokens.' })
    .min(256, { error: 'A context window is at least 256 tokens.' })
    .max(100_000_000, { error: 'A context window is at most 100,000,000 tokens.' })
    .optional(),
  /** False when the model cannot see images: they are replaced by a note. Unset: images are sent. */
  vision: z.boolean().optional(),
});
export type CustomModel = z.output<typeof customModelSchema>;

export const putKeyInput = z.object({
  /**
   * May be empty only for a custom endpoint that takes no key (a local Ollama); left out, a
   * custom endpoint keeps the key it has.
   */
  apiKey: z
    .string({ error: 'Enter the API key.' })
    .trim()
    .max(1000, { error: 'That key is too long.' })
    .refine((key) => !/\s/.test(key), { error: 'A key has no spaces in it. Paste it again.' })
    .optional(),
  /** Custom endpoints only; left out, an endpoint keeps its own (a new one is named after its host). */
  name: endpointNameSchema.optional(),
  baseURL: baseUrlSchema.optional(),
  models: z
    .array(customModelSchema)
    .max(500, { error: 'Offer at most 500 models of one endpoint.' })
    .refine((models) => new Set(models.map((m) => m.id)).size === models.length, {
      error: 'Each model id may be listed once.',
    })
    .optional(),
});
export type PutKeyInput = z.input<typeof putKeyInput>;

/** A new custom endpoint (POST /api/keys/custom): its name and address are required. */
export const newEndpointInput = putKeyInput.extend({ name: endpointNameSchema, baseURL: baseUrlSchema });
export type NewEndpointInput = z.input<typeof newEndpointInput>;

/** A stored key as the client sees it: never the key itself. */
export interface ApiKeyInfo {
  provider: ProviderId;
  /** The key's last four characters ('' for a custom endpoint without a key). */
  last4: string;
  createdAt: number;
  /** A custom endpoint's name. */
  name?: string;
  baseURL?: string;
  models?: CustomModel[];
}

export interface KeysResponse {
  keys: ApiKeyInfo[];
  /** The server's own key, used when a user has none for this provider (null when not offered). */
  serverDefault: { provider: ProviderId } | null;
}

export interface KeyTestResponse {
  ok: boolean;
  /** What happened, in plain words. */
  message: string;
}

export interface ProviderModelsResponse {
  models: { id: string; label: string }[];
}

/** An Ollama on the server's own machine, offered on a personal server to someone with no model yet. */
export interface LocalOllamaResponse {
  /** True when sign-up is closed and an Ollama answered with at least one model. */
  available: boolean;
  /** Its models as Ollama names them (`llama3.2:latest`). */
  models: string[];
}
