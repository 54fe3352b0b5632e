// The model registry: the OpenAI-compatible providers Hearth can call, their models, and the
// `<provider>/<model>` ids stored in docs and settings. Pure data, used by client and server.

/** The providers the registry lists, `custom` standing for every custom endpoint. */
export type RegistryProviderId =
  | 'openai'
  | 'anthropic'
  | 'openrouter'
  | 'groq'
  | 'google'
  | 'mistral'
  | 'deepseek'
  | 'xai'
  | 'custom';

/**
 * A person's custom endpoints: `custom` is the one endpoint of Hearth before several were
 * possible (and the home screen's quick connect), kept so chats that use its models go on
 * working; every endpoint added in Settings gets `custom:<id>`, an id the server issues.
 */
export type CustomProviderId = 'custom' | `custom:${string}`;

export type ProviderId = RegistryProviderId | CustomProviderId;

export interface ModelInfo {
  /** The provider's own model id, sent as `model` in the request. */
  id: string;
  label: string;
  /** Tokens of context (prompt and reply together). */
  contextWindow: number;
  /** Accepts images in the prompt. */
  vision: boolean;
  /** Thinks before answering (slower, and spends hidden tokens). */
  reasoning: boolean;
}

export interface ProviderInfo {
  id: RegistryProviderId;
  label: string;
  /** The OpenAI-compatible base URL; null for `custom`, where the user gives one. */
  baseURL: string | null;
  /** Where a person gets a key, shown next to the key field. */
  keysURL: string | null;
  models: ModelInfo[];
  /** The provider's model id used when nothing else is chosen; null when the user lists the models. */
  defaultModel: string | null;
}

const model = (id: string, label: string, contextWindow: number, vision = false, reasoning = false): ModelInfo => ({
  id,
  label,
  contextWindow,
  vision,
  reasoning,
});

export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    keysURL: 'https://platform.openai.com/api-keys',
    models: [
      model('gpt-4.1-mini', 'GPT-4.1 mini', 1_047_576, true),
      model('gpt-4.1', 'GPT-4.1', 1_047_576, true),
      model('gpt-4o-mini', 'GPT-4o mini', 128_000, true),
      model('gpt-4o', 'GPT-4o', 128_000, true),
      model('o4-mini', 'o4-mini', 200_000, true, true),
      model('o3', 'o3', 200_000, true, true),
    ],
    defaultModel: 'gpt-4.1-mini',
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    // Anthropic's OpenAI SDK compatibility layer.
    baseURL: 'https://api.anthropic.com/v1/',
    keysURL: 'https://console.anthropic.com/settings/keys',
    models: [
      model('claude-sonnet-4-5', 'Claude Sonnet 4.5', 200_000, true, true),
      model('claude-opus-4-1', 'Claude Opus 4.1', 200_000, true, true),
      model('claude-haiku-4-5', 'Claude Haiku 4.5', 200_000, true),
    ],
    defaultModel: 'claude-sonnet-4-5',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    keysURL: 'https://openrouter.ai/keys',
    models: [
      model('openai/gpt-4o-mini', 'GPT-4o mini', 128_000, true),
      model('anthropic/claude-sonnet-4', 'Claude Sonnet 4', 200_000, true, true),
      model('anthropic/claude-3.5-haiku', 'Claude 3.5 Haiku', 200_000, true),
      model('google/gemini-2.5-flash', 'Gemini 2.5 Flash', 1_048_576, true, true),
      model('meta-llama/llama-3.3-70b-instruct', 'Llama 3.3 70B', 131_072),
      model('deepseek/deepseek-r1', 'DeepSeek R1', 163_840, false, true),
    ],
    defaultModel: 'openai/gpt-4o-mini',
  },
  {
    id: 'groq',
    label: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    keysURL: 'https://console.groq.com/keys',
    models: [
      model('llama-3.3-70b-versatile', 'Llama 3.3 70B', 131_072),
      model('llama-3.1-8b-instant', 'Llama 3.1 8B', 131_072),
      model('qwen/qwen3-32b', 'Qwen3 32B', 131_072, false, true),
    ],
    defaultModel: 'llama-3.3-70b-versatile',
  },
  {
    id: 'google',
    label: 'Google',
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai/',
    keysURL: 'https://aistudio.google.com/apikey',
    models: [
      model('gemini-2.5-flash', 'Gemini 2.5 Flash', 1_048_576, true, true),
      model('gemini-2.5-pro', 'Gemini 2.5 Pro', 1_048_576, true, true),
      model('gemini-2.0-flash', 'Gemini 2.0 Flash', 1_048_576, true),
    ],
    defaultModel: 'gemini-2.5-flash',
  },
  {
    id: 'mistral',
    label: 'Mistral',
    baseURL: 'https://api.mistral.ai/v1',
    keysURL: 'https://console.mistral.ai/api-keys',
    models: [
      model('mistral-medium-latest', 'Mistral Medium', 131_072, true),
      model('mistral-large-latest', 'Mistral Large', 131_072),
      model('mistral-small-latest', 'Mistral Small', 131_072, true),
      model('codestral-latest', 'Codestral', 256_000),
    ],
    defaultModel: 'mistral-medium-latest',
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    baseURL: 'https://api.deepseek.com/v1',
    keysURL: 'https://platform.deepseek.com/api_keys',
    models: [
      model('deepseek-chat', 'DeepSeek V3', 131_072),
      model('deepseek-reasoner', 'DeepSeek R1', 131_072, false, true),
    ],
    defaultModel: 'deepseek-chat',
  },
  {
    id: 'xai',
    label: 'xAI',
    baseURL: 'https://api.x.ai/v1',
    keysURL: 'https://console.x.ai',
    models: [
      model('grok-4', 'Grok 4', 256_000, true, true),
      model('grok-3-mini', 'Grok 3 mini', 131_072, false, true),
      model('grok-code-fast-1', 'Grok Code Fast', 256_000, false, true),
    ],
    defaultModel: 'grok-4',
  },
  {
    id: 'custom',
    label: 'Custom (OpenAI-compatible)',
    baseURL: null,
    keysURL: null,
    models: [],
    defaultModel: null,
  },
];

export const PROVIDER_IDS = PROVIDERS.map((p) => p.id) as readonly RegistryProviderId[];

/** `custom:` and the server's id for the endpoint: letters, digits, `-` and `_`, never a slash. */
const CUSTOM_ENDPOINT_ID = /^custom:[A-Za-z0-9_-]{1,40}$/;

/** True for `custom` and every `custom:<id>`. */
export function isCustomProvider(value: string): value is CustomProviderId {
  return value === 'custom' || CUSTOM_ENDPOINT_ID.test(value);
}

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && ((PROVIDER_IDS as readonly string[]).includes(value) || isCustomProvider(value));
}

/** The registry entry the provider belongs to (`custom` for every custom endpoint); `custom` ids never throw. */
export function registryId(id: ProviderId): RegistryProviderId {
  return isCustomProvider(id) ? 'custom' : id;
}

/** The provider's registry entry (the `custom` one for every custom endpoint); throws for an unknown id. */
export function providerInfo(id: ProviderId): ProviderInfo {
  const found = PROVIDERS.find((p) => p.id === registryId(id));
  if (!found) throw new Error(`unknown provider ${id}`);
  return found;
}

/** A model as docs store it: the provider and the provider's own model id. */
export interface ModelRef {
  provider: ProviderId;
  model: string;
}

/**
 * Splits a stored model id `<provider>/<model>` at the first slash (OpenRouter's own ids have
 * slashes too: `openrouter/openai/gpt-4o-mini`; a custom endpoint's are `custom:<id>/<model>`). Null when the provider is unknown or the
 * model part is empty.
 */
export function parseModelId(id: string): ModelRef | null {
  const slash = id.indexOf('/');
  if (slash <= 0) return null;
  const provider = id.slice(0, slash);
  const model = id.slice(slash + 1);
  return isProviderId(provider) && model.length > 0 ? { provider, model } : null;
}

/** Joins a provider and its model id into the id docs store. */
export function modelId(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}

/** Registry facts about a model, or undefined for one the registry does not list (custom ones). */
export function findModel(ref: ModelRef): ModelInfo | undefined {
  return providerInfo(ref.provider).models.find((m) => m.id === ref.model);
}

/** A label for a stored model id: the registry's, or the raw model id. */
export function modelLabel(id: string): string {
  const ref = parseModelId(id);
  if (!ref) return id;
  return findModel(ref)?.label ?? ref.model;
}
