import { describe, expect, it } from 'vitest';
import { EMBEDDING_MODELS, embeddingCost, embeddingModel, estimateTokens } from './embedding-models';
import { providerInfo } from './providers';

describe('embedding models', () => {
  it('lists models of known providers, each with a price', () => {
    for (const model of EMBEDDING_MODELS) {
      expect(model.id).toBe(`${model.provider}/${model.model}`);
      expect(providerInfo(model.provider).baseURL).not.toBeNull();
      expect(model.usdPerMillionTokens).toBeGreaterThan(0);
    }
  });

  it('takes any model of a custom endpoint, priced unknown, and nothing else', () => {
    expect(embeddingModel('custom/nomic-embed-text')).toMatchObject({
      provider: 'custom',
      model: 'nomic-embed-text',
      dimensions: null,
      usdPerMillionTokens: null,
    });
    expect(embeddingModel('custom/')).toBeUndefined();
    expect(embeddingModel('openai/not-a-model')).toBeUndefined();
    expect(embeddingModel(`custom/${'x'.repeat(201)}`)).toBeUndefined();
  });

  it('estimates tokens and cost from characters', () => {
    expect(estimateTokens(4_000_000)).toBe(1_000_000);
    expect(embeddingCost(embeddingModel('openai/text-embedding-3-small')!, 1_000_000)).toBeCloseTo(0.02);
    expect(embeddingCost(embeddingModel('custom/x')!, 1_000_000)).toBeNull();
  });
});
