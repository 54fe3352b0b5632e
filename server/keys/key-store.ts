// API keys at rest: one per user and provider (each custom endpoint is a provider of its own),
// sealed with the user's data key (AES-256-GCM); only the last four characters and the date
// are ever read back for the client.
import { isCustomProvider, type ProviderId } from '../../shared/ai/providers';
import type { ApiKeyInfo, CustomModel } from '../../shared/api/keys';
import type { DataKeys } from '../crypto/data-keys';
import type { Db } from '../db/open';

/** A key opened for use by the server: never sent to a client. */
export interface StoredKey {
  provider: ProviderId;
  apiKey: string;
  /** The endpoint's name (custom endpoints only). */
  name: string | null;
  /** The user's base URL (custom endpoints only). */
  baseURL: string | null;
  models: CustomModel[];
  createdAt: number;
}

interface KeyRow {
  provider: ProviderId;
  sealed: Buffer;
  last4: string;
  name: string | null;
  base_url: string | null;
  models: string | null;
  created_at: number;
}

/** The sealing context binds a blob to its provider: a key moved to another row does not open. */
const context = (provider: ProviderId) => `api-key:${provider}`;

/** Short keys show nothing: four characters of an eight-character key is half of it. */
export const lastFour = (apiKey: string) => (apiKey.length >= 12 ? apiKey.slice(-4) : '');

export class KeyStore {
  private readonly q;

  constructor(
    db: Db,
    private readonly keys: DataKeys,
  ) {
    this.q = {
      upsert: db.prepare(
        `INSERT INTO api_keys (user_id, provider, sealed, last4, name, base_url, models, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id, provider) DO UPDATE SET sealed = excluded.sealed, last4 = excluded.last4,
           name = excluded.name, base_url = excluded.base_url, models = excluded.models,
           created_at = excluded.created_at`,
      ),
      list: db.prepare<[string], KeyRow>(
        `SELECT provider, sealed, last4, name, base_url, models, created_at FROM api_keys WHERE user_id = ?
         ORDER BY name IS NOT NULL, name COLLATE NOCASE, provider`,
      ),
      get: db.prepare<[string, string], KeyRow>(
        'SELECT provider, sealed, last4, name, base_url, models, created_at FROM api_keys WHERE user_id = ? AND provider = ?',
      ),
      remove: db.prepare('DELETE FROM api_keys WHERE user_id = ? AND provider = ?'),
      endpoints: db
        .prepare<[string], number>(
          "SELECT count(*) FROM api_keys WHERE user_id = ? AND (provider = 'custom' OR provider LIKE 'custom:%')",
        )
        .pluck(),
      named: db.prepare<[string, string], { provider: ProviderId }>(
        'SELECT provider FROM api_keys WHERE user_id = ? AND name = ? COLLATE NOCASE',
      ),
    };
  }

  /** Stores (or replaces) the user's key for `provider`; answers what the client may see. */
  put(
    userId: string,
    provider: ProviderId,
    input: {
      apiKey: string;
      name?: string | undefined;
      baseURL?: string | undefined;
      models?: CustomModel[] | undefined;
    },
    now = Date.now(),
  ): ApiKeyInfo {
    const sealed = this.keys.seal(userId, context(provider), Buffer.from(input.apiKey, 'utf8'));
    const models = input.models?.length ? JSON.stringify(input.models) : null;
    const name = isCustomProvider(provider) ? (input.name ?? null) : null;
    this.q.upsert.run(userId, provider, sealed, lastFour(input.apiKey), name, input.baseURL ?? null, models, now);
    return toInfo(this.q.get.get(userId, provider)!);
  }

  /** How many custom endpoints the user has. */
  endpointCount(userId: string): number {
    return this.q.endpoints.get(userId)!;
  }

  /** The endpoint that has this name already (whatever the case), if any. */
  namedEndpoint(userId: string, name: string): ProviderId | undefined {
    return this.q.named.get(userId, name)?.provider;
  }

  list(userId: string): ApiKeyInfo[] {
    return this.q.list.all(userId).map(toInfo);
  }

  /** The opened key, for calling the provider; undefined when the user has none. */
  get(userId: string, provider: ProviderId): StoredKey | undefined {
    const row = this.q.get.get(userId, provider);
    if (!row) return undefined;
    return {
      provider,
      apiKey: this.keys.open(userId, context(provider), row.sealed).toString('utf8'),
      name: row.name,
      baseURL: row.base_url,
      models: parseModels(row.models),
      createdAt: row.created_at,
    };
  }

  /** The providers the user has a key for, by provider id. */
  providers(userId: string): ProviderId[] {
    return this.q.list.all(userId).map((row) => row.provider);
  }

  remove(userId: string, provider: ProviderId): boolean {
    return this.q.remove.run(userId, provider).changes > 0;
  }
}

function parseModels(json: string | null): CustomModel[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as CustomModel[]) : [];
  } catch {
    return [];
  }
}

function toInfo(row: KeyRow): ApiKeyInfo {
  const info: ApiKeyInfo = { provider: row.provider, last4: row.last4, createdAt: row.created_at };
  if (row.name) info.name = row.name;
  if (row.base_url) info.baseURL = row.base_url;
  const models = parseModels(row.models);
  if (models.length) info.models = models;
  return info;
}
