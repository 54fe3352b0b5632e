// The embedding models search by meaning can use, with their prices: the one table an
// estimate of what indexing costs is computed from. A custom endpoint (Ollama's
// nomic-embed-text, say) takes any model id the person gives, `custom/<model>`, with no
// known price. Pure data, used by client and server.
import { type ProviderId, providerInfo } from './providers';

export interface EmbeddingModelInfo {
  /** `<provider>/<model>`, as the search settings store it. */
  id: string;
  provider: ProviderId;
  /** The provider's own model id, sent as `model`. */
  model: string;
  label: string;
  /** The vector size asked for (these models can shorten theirs); null: the model's own size. */
  dimensions: number | null;
  /** US dollars per million input tokens; null when unknown (a custom endpoint). */
  usdPerMillionTokens: number | null;
}

export const EMBEDDING_MODELS: readonly EmbeddingModelInfo[] = [
  {
    id: 'openai/text-embedding-3-small',
    provider: 'openai',
    model: 'text-embedding-3-small',
    label: 'OpenAI text-embedding-3-small',
    dimensions: 512,
    usdPerMillionTokens: 0.02,
  },
  {
    id: 'openai/text-embedding-3-large',
    provider: 'openai',
    model: 'text-embedding-3-large',
    label: 'OpenAI text-embedding-3-large',
    dimensions: 1024,
    usdPerMillionTokens: 0.13,
  },
  {
    id: 'google/gemini-embedding-001',
    provider: 'google',
    model: 'gemini-embedding-001',
    label: 'Google gemini-embedding-001',
    dimensions: 768,
    usdPerMillionTokens: 0.15,
  },
];

/** The model search by meaning starts with. */
export const DEFAULT_EMBEDDING_MODEL = 'openai/text-embedding-3-small';
/** What a custom endpoint is asked for when the person names no model (Ollama's usual one). */
export const DEFAULT_CUSTOM_EMBEDDING_MODEL = 'nomic-embed-text';

const CUSTOM_PREFIX = 'custom/';

/**
 * The registry entry for a stored embedding model id, or for `custom/<model>` one made up
 * on the spot; undefined when the id is neither.
 */
export function embeddingModel(id: string): EmbeddingModelInfo | undefined {
  const known = EMBEDDING_MODELS.find((m) => m.id === id);
  if (known) return known;
  if (!id.startsWith(CUSTOM_PREFIX)) return undefined;
  const model = id.slice(CUSTOM_PREFIX.length).trim();
  if (!model || model.length > 200) return undefined;
  return {
    id: `${CUSTOM_PREFIX}${model}`,
    provider: 'custom',
    model,
    label: `${model} (${providerInfo('custom').label})`,
    dimensions: null,
    usdPerMillionTokens: null,
  };
}

/** Roughly how many tokens embedding `chars` characters of text takes (about four per token). */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** What embedding `tokens` tokens costs with the model, in US dollars; null when its price is unknown. */
export function embeddingCost(model: EmbeddingModelInfo, tokens: number): number | null {
  return model.usdPerMillionTokens === null ? null : (tokens / 1_000_000) * model.usdPerMillionTokens;
}
