// Which endpoint, key and model a person's embeddings go to, and the "space" their vectors
// live in: the model, the vector size and, for a custom endpoint, which endpoint. Vectors of
// different spaces are never compared: each space is its own vec0 partition.
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { EMBEDDING_MODELS, type EmbeddingModelInfo, embeddingModel } from '../../shared/ai/embedding-models';
import { providerInfo } from '../../shared/ai/providers';
import type { EmbeddingModelChoice } from '../../shared/api/search';
import { explainFailure } from '../ai/errors';
import { openAiClient, type ProviderTarget, providerTarget } from '../ai/provider-client';
import type { AiConfig } from '../config';
import type { KeyStore } from '../keys/key-store';

export interface EmbeddingTarget {
  target: ProviderTarget;
  info: EmbeddingModelInfo;
  /** The space the vectors are in (stored per message; part of the vec0 partition key). */
  spaceKey: string;
}

export type ResolvedTarget = { ok: true; value: EmbeddingTarget } | { ok: false; reason: string };

/** The space of a model's vectors: a custom endpoint's address is part of it (another server, other vectors). */
export function spaceKeyOf(info: EmbeddingModelInfo, baseURL: string | null): string {
  const size = info.dimensions ?? 'native';
  if (info.provider !== 'custom') return `${info.id}@${size}`;
  const endpoint = createHash('sha256')
    .update(baseURL ?? '')
    .digest('base64url')
    .slice(0, 8);
  return `${info.id}@${size}#${endpoint}`;
}

const needsKey = (info: EmbeddingModelInfo) =>
  info.provider === 'custom'
    ? 'Search by meaning with a custom endpoint needs one: add it in Settings → API keys.'
    : `Search by meaning with ${info.label} needs a ${providerInfo(info.provider).label} key: add one in Settings → API keys.`;

export class EmbeddingTargets {
  constructor(
    private readonly keys: KeyStore,
    private readonly ai: AiConfig,
  ) {}

  resolve(userId: string, modelId: string): ResolvedTarget {
    const info = embeddingModel(modelId);
    if (!info) return { ok: false, reason: `Hearth does not know the embedding model "${modelId}". Pick another.` };
    const target = providerTarget(this.keys, this.ai, userId, info.provider);
    if (!target) return { ok: false, reason: needsKey(info) };
    return { ok: true, value: { target, info, spaceKey: spaceKeyOf(info, target.baseURL) } };
  }

  /** The models the person may pick: the registry's, and their custom endpoint's (with `customModel`). */
  choices(userId: string, customModel: string): EmbeddingModelChoice[] {
    const custom = embeddingModel(`custom/${customModel}`);
    const models = custom ? [...EMBEDDING_MODELS, custom] : [...EMBEDDING_MODELS];
    return models.map((info) => {
      const target = providerTarget(this.keys, this.ai, userId, info.provider);
      const choice: EmbeddingModelChoice = {
        id: info.id,
        label: info.label,
        usdPerMillionTokens: info.usdPerMillionTokens,
        paidBy: target?.shared ? 'server' : 'you',
      };
      if (!target) choice.unavailable = needsKey(info);
      return choice;
    });
  }
}

/** Embeds `texts` in one request through the openai SDK (a custom endpoint through the address guard). */
export async function embedTexts(
  t: EmbeddingTarget,
  texts: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Float32Array[]> {
  const client: OpenAI = openAiClient(t.target, timeoutMs);
  // OpenAI and Google send base64 (a quarter of the bytes, no number parsing); endpoints
  // that only mimic the API are asked for plain floats, which every one of them sends.
  const answer = await client.embeddings.create(
    {
      model: t.info.model,
      input: texts,
      encoding_format: t.info.provider === 'custom' ? 'float' : 'base64',
      ...(t.info.dimensions !== null && { dimensions: t.info.dimensions }),
    },
    signal ? { signal } : {},
  );
  const data = [...answer.data].sort((a, b) => a.index - b.index);
  if (data.length !== texts.length) {
    throw new EmbeddingAnswerError(`${t.target.label} answered ${data.length} embeddings for ${texts.length} texts.`);
  }
  const vectors = data.map((d) => toVector(d.embedding as unknown));
  const size = vectors[0]?.length ?? 0;
  if (size === 0 || vectors.some((v) => v.length !== size || v.some((x) => !Number.isFinite(x)))) {
    throw new EmbeddingAnswerError(
      `${t.target.label} answered embeddings Hearth cannot use (empty or of mixed sizes).`,
    );
  }
  return vectors;
}

/** An embedding as sent: little-endian float32s in base64, or a list of numbers. */
function toVector(embedding: unknown): Float32Array {
  if (typeof embedding === 'string') {
    const bytes = Buffer.from(embedding, 'base64');
    if (bytes.byteLength % 4 !== 0) return new Float32Array(0);
    // Copied out: Buffer.from may hand back a slice of a shared pool, not aligned for floats.
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return Array.isArray(embedding) ? Float32Array.from(embedding, Number) : new Float32Array(0);
}

/** The provider answered, but not with embeddings Hearth can store. */
export class EmbeddingAnswerError extends Error {
  override name = 'EmbeddingAnswerError';
}

/** Why an embeddings call failed, in the words replies use (a refused key, a rate limit, a timeout…). */
export function explainEmbeddingFailure(error: unknown, t: EmbeddingTarget, timeoutMs: number): string {
  if (error instanceof EmbeddingAnswerError) return error.message;
  return explainFailure({ kind: 'thrown', error, streaming: false }, { target: t.target, model: t.info.id, timeoutMs })
    .text;
}

/** True when trying again later may work (a rate limit, a timeout, a provider that is down). */
export function worthRetrying(error: unknown): boolean {
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    return error.status === 429 || error.status >= 500 || error.status === 408;
  }
  return !(error instanceof EmbeddingAnswerError);
}
