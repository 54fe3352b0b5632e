import { describe, expect, it } from 'vitest';
import type { KeysResponse } from '../../shared/api/keys';
import { findOption, modelGroups, NO_KEY_HINT, visionModels } from './model-options';

const keys = (providers: string[], serverDefault: string | null = null): KeysResponse =>
  ({
    keys: providers.map((provider) => ({ provider, last4: 'abcd', createdAt: 1 })),
    serverDefault: serverDefault ? { provider: serverDefault } : null,
  }) as KeysResponse;

describe('modelGroups', () => {
  it('puts favourites first and leaves them out of their provider group', () => {
    const groups = modelGroups(['groq/llama-3.1-8b-instant', 'openai/gpt-4o'], null, 'openai/gpt-4o');
    expect(groups[0]).toEqual({
      label: 'Favourites',
      hint: null,
      options: [
        { id: 'groq/llama-3.1-8b-instant', label: 'Llama 3.1 8B · Groq', disabled: false, vision: false },
        { id: 'openai/gpt-4o', label: 'GPT-4o · OpenAI', disabled: false, vision: true },
      ],
    });
    const openai = groups.find((g) => g.label === 'OpenAI')!;
    expect(openai.options.map((o) => o.id)).not.toContain('openai/gpt-4o');
    expect(groups.some((g) => g.label.startsWith('Custom'))).toBe(false);
  });

  it('disables providers without a key, unless the server lends its own', () => {
    const groups = modelGroups([], keys(['groq'], 'openai'), 'openai/gpt-4.1-mini');
    const byId = new Map(groups.flatMap((g) => g.options).map((o) => [o.id, o]));
    expect(byId.get('openai/gpt-4.1')?.disabled).toBe(false);
    expect(byId.get('groq/llama-3.1-8b-instant')?.disabled).toBe(false);
    expect(byId.get('google/gemini-2.5-pro')).toEqual({
      id: 'google/gemini-2.5-pro',
      label: 'Gemini 2.5 Pro',
      disabled: true,
      vision: true,
    });
    const hints = Object.fromEntries(groups.map((g) => [g.label, g.hint]));
    expect(hints).toMatchObject({ OpenAI: null, Groq: null, Google: NO_KEY_HINT, OpenRouter: NO_KEY_HINT });
  });

  it("lists a custom endpoint's models and keeps an unknown current model", () => {
    const response = keys(['custom']);
    response.keys[0]!.models = [{ id: 'llama3.2', label: 'Llama 3.2 (local)' }];
    const groups = modelGroups(['ghost/model'], response, 'custom/qwen');
    expect(groups[0]).toEqual({
      label: 'Current',
      hint: null,
      options: [{ id: 'custom/qwen', label: 'qwen', disabled: false, vision: true }],
    });
    expect(groups.find((g) => g.label.startsWith('Custom'))?.options).toEqual([
      { id: 'custom/llama3.2', label: 'Llama 3.2 (local)', disabled: false, vision: true },
    ]);
    expect(groups.some((g) => g.label === 'Favourites')).toBe(false);
  });

  it('groups each custom endpoint under its name, all shown or hidden by `custom`', () => {
    const response = keys(['custom', 'custom:lab']);
    response.keys[0]!.name = 'Attic';
    response.keys[0]!.models = [{ id: 'qwen' }];
    response.keys[1]!.name = 'Lab';
    response.keys[1]!.models = [{ id: 'qwen', label: 'Qwen' }];
    const groups = modelGroups(['custom:lab/qwen'], response, 'custom/qwen', ['openai', 'custom']);
    expect(groups.map((g) => [g.label, g.options.map((o) => [o.id, o.label])])).toEqual([
      ['Favourites', [['custom:lab/qwen', 'Qwen · Lab']]],
      ['OpenAI', expect.any(Array)],
      ['Attic', [['custom/qwen', 'qwen']]],
    ]);
    const hidden = modelGroups([], response, 'openai/gpt-4o', ['openai']).map((g) => g.label);
    expect(hidden).toEqual(['OpenAI']);
  });

  it('offers only the providers shown in settings, favourites included', () => {
    const groups = modelGroups(['groq/llama-3.1-8b-instant', 'openai/gpt-4o'], null, 'openai/gpt-4.1-mini', ['openai']);
    expect(groups.map((g) => g.label)).toEqual(['Favourites', 'OpenAI']);
    const ids = groups.flatMap((g) => g.options.map((o) => o.id));
    expect(ids).toContain('openai/gpt-4.1-mini');
    expect(ids.filter((id) => !id.startsWith('openai/'))).toEqual([]);
    // No choice made (null): every provider.
    const all = modelGroups([], null, 'openai/gpt-4.1-mini', null).map((g) => g.label);
    expect(all).toEqual(expect.arrayContaining(['OpenAI', 'OpenRouter', 'Groq', 'Google']));
  });

  it('keeps the current model when its provider is hidden, named with its provider', () => {
    const groups = modelGroups([], keys(['groq']), 'groq/llama-3.1-8b-instant', ['openai']);
    expect(groups[0]).toEqual({
      label: 'Current',
      hint: null,
      options: [{ id: 'groq/llama-3.1-8b-instant', label: 'Llama 3.1 8B · Groq', disabled: false, vision: false }],
    });
    expect(groups.slice(1).map((g) => g.label)).toEqual(['OpenAI']);
  });
});

describe('vision', () => {
  it("takes the registry's word, or the person's for a custom model (unsaid: it sees)", () => {
    const response = keys(['custom', 'groq'], 'openai');
    response.keys[0]!.models = [{ id: 'text-only', vision: false }, { id: 'eyes', vision: true }, { id: 'unsaid' }];
    const groups = modelGroups([], response, 'openai/gpt-4o');
    const seeing = (id: string) => findOption(groups, id)?.vision;
    expect(seeing('custom/text-only')).toBe(false);
    expect(seeing('custom/eyes')).toBe(true);
    expect(seeing('custom/unsaid')).toBe(true);
    expect(seeing('openai/gpt-4o')).toBe(true);
    expect(seeing('groq/llama-3.1-8b-instant')).toBe(false);
  });

  it('offers usable models that see images, favourites first, each once, at most `limit`', () => {
    const response = keys(['groq'], 'openai');
    const groups = modelGroups(['groq/llama-3.1-8b-instant', 'openai/gpt-4o'], response, 'groq/llama-3.1-8b-instant');
    const offered = visionModels(groups, 3);
    expect(offered.map((o) => o.id)).toEqual(['openai/gpt-4o', 'openai/gpt-4.1-mini', 'openai/gpt-4.1']);
    expect(offered.every((o) => o.vision && !o.disabled)).toBe(true);
    // Google has vision models but no key: none of them is offered.
    expect(visionModels(groups, 100).some((o) => o.id.startsWith('google/'))).toBe(false);
  });
});
