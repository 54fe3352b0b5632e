import { describe, expect, it } from 'vitest';
import { findModel, modelId, modelLabel, PROVIDERS, parseModelId, providerInfo } from './providers';

describe('model ids', () => {
  it('split at the first slash, so OpenRouter ids keep theirs', () => {
    expect(parseModelId('openrouter/openai/gpt-4o-mini')).toEqual({
      provider: 'openrouter',
      model: 'openai/gpt-4o-mini',
    });
    expect(parseModelId('openai/gpt-4.1-mini')).toEqual({ provider: 'openai', model: 'gpt-4.1-mini' });
    expect(modelId({ provider: 'custom', model: 'llama3.2:3b' })).toBe('custom/llama3.2:3b');
  });

  it('name each custom endpoint: `custom` (the first one Hearth had) and `custom:<id>`', () => {
    expect(parseModelId('custom:k3x_9-A/llama3.2:3b')).toEqual({ provider: 'custom:k3x_9-A', model: 'llama3.2:3b' });
    expect(parseModelId('custom/qwen')).toEqual({ provider: 'custom', model: 'qwen' });
    for (const bad of ['custom:/x', 'custom:a.b/x', 'customs/x', `custom:${'a'.repeat(41)}/x`]) {
      expect(parseModelId(bad), bad).toBeNull();
    }
    expect(providerInfo('custom:abc').id).toBe('custom');
  });

  it('refuse unknown providers and empty parts', () => {
    for (const bad of ['gpt-4o', '/gpt-4o', 'openai/', 'cohere/command', '']) expect(parseModelId(bad)).toBeNull();
  });

  it('label registry models and fall back to the raw id', () => {
    expect(modelLabel('openai/gpt-4o')).toBe('GPT-4o');
    expect(modelLabel('custom/qwen2.5')).toBe('qwen2.5');
    expect(modelLabel('nonsense')).toBe('nonsense');
  });
});

describe('registry', () => {
  it('names a listed default model for every provider with a fixed endpoint', () => {
    for (const provider of PROVIDERS) {
      if (provider.baseURL === null) {
        expect(provider.defaultModel).toBeNull();
        continue;
      }
      expect(new URL(provider.baseURL).protocol).toBe('https:');
      expect(findModel({ provider: provider.id, model: provider.defaultModel! })).toBeDefined();
    }
  });

  it('has unique model ids per provider', () => {
    for (const provider of PROVIDERS) {
      const ids = provider.models.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('uses Google’s OpenAI-compatible endpoint', () => {
    expect(providerInfo('google').baseURL).toBe('https://generativelanguage.googleapis.com/v1beta/openai/');
  });
});
