// Adds a provider from outside Settings (the home screen, a reply's "Add key"): saves the
// key, tests it at once, and makes one of its models the default when the default is not
// usable, so the next message is answered without another step.
import type * as Y from 'yjs';
import { modelId, parseModelId, providerInfo } from '../../shared/ai/providers';
import type { KeysResponse } from '../../shared/api/keys';
import { readSettings, writeSetting } from '../../shared/docs/index-doc';
import { api } from '../api';
import { noteModelAccess } from '../chat/use-model-access';
import type { KeyInput } from '../settings/KeyForm';
import { InvalidInput } from '../ui/use-submit';

/** A custom endpoint lists hundreds of models at most; the picker offers the first of them. */
const MAX_CUSTOM_MODELS = 50;

/**
 * Saves and tests the key; throws InvalidInput (on the key or URL field) when it does not
 * work. Answers the model it offers first (`<provider>/<model>`).
 */
export async function connectProvider(input: KeyInput, index: Y.Doc | undefined): Promise<string | undefined> {
  const { provider, apiKey } = input;
  let model: string | undefined;
  if (provider === 'custom') {
    const baseURL = input.baseURL ?? '';
    await api('PUT /api/keys/:provider', { params: { provider }, body: { apiKey, baseURL, models: [] } });
    const listed = await api('GET /api/keys/:provider/models', { params: { provider } }).catch(async (error) => {
      await api('DELETE /api/keys/:provider', { params: { provider } }).catch(() => {});
      throw error;
    });
    const models = listed.models.slice(0, MAX_CUSTOM_MODELS).map(({ id }) => ({ id }));
    if (models.length === 0) {
      await api('DELETE /api/keys/:provider', { params: { provider } }).catch(() => {});
      throw new InvalidInput({ baseURL: 'It answered, but lists no models. Pull or load a model there first.' });
    }
    await api('PUT /api/keys/:provider', { params: { provider }, body: { apiKey, baseURL, models } });
    model = models[0]?.id;
  } else {
    await api('PUT /api/keys/:provider', { params: { provider }, body: { apiKey } });
    model = providerInfo(provider).defaultModel ?? undefined;
  }
  const test = await api('POST /api/keys/:provider/test', { params: { provider } });
  if (!test.ok) {
    // A key that does not work is not kept: the person pastes another one.
    await api('DELETE /api/keys/:provider', { params: { provider } }).catch(() => {});
    throw new InvalidInput(provider === 'custom' ? { baseURL: test.message } : { apiKey: test.message });
  }
  const added = model && modelId({ provider, model });
  await providerAdded(index, added);
  return added;
}

/** After a provider is added: the pickers learn of it, and an unusable default gives way to its model. */
export async function providerAdded(index: Y.Doc | undefined, model: string | undefined): Promise<void> {
  const keys = await api('GET /api/keys');
  noteModelAccess(keys);
  if (index && model && !usable(readSettings(index).defaultModel, keys)) writeSetting(index, 'defaultModel', model);
}

function usable(id: string | null, keys: KeysResponse): boolean {
  const provider = id ? parseModelId(id)?.provider : undefined;
  if (!provider) return false;
  return keys.keys.some((k) => k.provider === provider) || keys.serverDefault?.provider === provider;
}

/** No model can answer: no key of the person's own and no server key. */
export function hasNoModel(keys: KeysResponse | null): boolean {
  return keys !== null && keys.keys.length === 0 && keys.serverDefault === null;
}
