// Saving a custom endpoint: the rules that hold for every way one is added or changed (Settings,
// the home screen's quick connect, "use the local Ollama"): a name unique per user, a limit on
// how many, no private address on a server that does not allow them, and a saved key that is
// never sent to a new address unless it is typed again.
import { randomBytes } from 'node:crypto';
import type { CustomProviderId } from '../../shared/ai/providers';
import { type CustomModel, MAX_CUSTOM_ENDPOINTS, MAX_ENDPOINT_NAME } from '../../shared/api/keys';
import { assertPublicHost, endpointRefusal } from '../ai/endpoint-guard';
import { HttpError } from '../http/errors';
import type { KeyStore } from './key-store';

/** What a request says about an endpoint; anything left out is kept from the saved one. */
export interface EndpointChange {
  apiKey?: string | undefined;
  name?: string | undefined;
  baseURL?: string | undefined;
  models?: CustomModel[] | undefined;
}

/** A new endpoint's provider id: `custom:` and 72 random bits, never a slash (model ids split there). */
export const newEndpointId = (): CustomProviderId => `custom:${randomBytes(9).toString('base64url')}`;

const invalid = (fields: Record<string, string>) =>
  new HttpError(400, 'validation', 'Some fields need attention.', fields);

/** Stores the endpoint after checking every rule; throws HttpError with the field to fix. */
export async function saveEndpoint(
  store: KeyStore,
  userId: string,
  provider: CustomProviderId,
  change: EndpointChange,
  allowPrivate: boolean,
) {
  const saved = store.get(userId, provider);
  if (!saved && store.endpointCount(userId) >= MAX_CUSTOM_ENDPOINTS) {
    throw new HttpError(
      409,
      'conflict',
      `You have ${MAX_CUSTOM_ENDPOINTS} custom endpoints, as many as Hearth keeps. Remove one to add another.`,
    );
  }
  const baseURL = change.baseURL ?? saved?.baseURL ?? undefined;
  if (!baseURL) throw invalid({ baseURL: 'A custom endpoint needs its base URL, like http://localhost:11434/v1.' });
  // A saved key goes only where it went before: a session that can change the address must
  // not be able to have the key sent to a server of its choosing.
  if (change.apiKey === undefined && saved && saved.baseURL !== baseURL && saved.apiKey) {
    throw invalid({ apiKey: 'Enter the key again: a saved key is not sent to a new address.' });
  }
  // A name Hearth gave (the host) follows the address; one the person gave stays.
  const moved = saved?.baseURL !== baseURL;
  const hearthGave = saved?.baseURL && saved.name === new URL(saved.baseURL).host;
  const kept = saved?.name && !(moved && hearthGave) ? saved.name : undefined;
  const name = change.name ?? kept ?? freeName(store, userId, new URL(baseURL).host, provider);
  const holder = store.namedEndpoint(userId, name);
  if (holder && holder !== provider) throw invalid({ name: `You have an endpoint named “${name}” already.` });
  if (!allowPrivate && moved) await refusePrivateEndpoint(baseURL);
  return store.put(userId, provider, {
    apiKey: change.apiKey ?? saved?.apiKey ?? '',
    name,
    baseURL,
    models: change.models ?? saved?.models,
  });
}

/** `base`, or `base 2`, `base 3`…: the first name no other endpoint of the user's has. */
function freeName(store: KeyStore, userId: string, base: string, self: CustomProviderId): string {
  const stem = base.slice(0, MAX_ENDPOINT_NAME - 4);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base.slice(0, MAX_ENDPOINT_NAME) : `${stem} ${n}`;
    const holder = store.namedEndpoint(userId, name);
    if (!holder || holder === self) return name;
  }
}

/**
 * Refuses, as a field error, an endpoint that resolves to a private address. A name that does
 * not resolve now is saved: every call checks again where it connects.
 */
async function refusePrivateEndpoint(baseURL: string): Promise<void> {
  try {
    await assertPublicHost(new URL(baseURL).hostname);
  } catch (error) {
    const refusal = endpointRefusal(error);
    if (refusal) throw new HttpError(400, 'validation', refusal, { baseURL: refusal });
  }
}
