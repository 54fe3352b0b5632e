// Reads and validates the server's configuration from the environment, once, at boot.
import { z } from 'zod';
import type { SyncLimits } from '../shared/sync/protocol';
import { syncLimitsVariable } from './sync/limits';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Master secret from HEARTH_SECRET; when absent one is generated into the data directory. */
  secret: string | undefined;
  signup: 'open' | 'closed';
  tls: { certFile: string; keyFile: string } | undefined;
  /** Trust X-Forwarded-For, -Host and -Proto from a reverse proxy in front of Hearth; off, they are ignored. */
  trustProxy: boolean;
  /** Directory of the built client that the server serves. */
  clientDir: string;
  ai: AiConfig;
  /** Sync limits to use instead of the defaults (HEARTH_SYNC_LIMITS, JSON). */
  syncLimits: Partial<SyncLimits>;
  /** Search on the server (HEARTH_SEARCH): off, nothing is indexed and /api/search answers 404. */
  search: boolean;
  blobs: BlobConfig;
}

export interface BlobConfig {
  /** The largest file one upload may be (HEARTH_MAX_FILE_MB). */
  maxFileBytes: number;
  /** What one user's files may take in all (HEARTH_USER_QUOTA_MB). */
  quotaBytes: number;
}

export interface AiConfig {
  /** The operator's OpenAI-compatible key, used for users who have none of their own. */
  shared: { apiKey: string; baseURL: string } | undefined;
  /** How long to wait for the provider's first token, or for the next one, before giving up. */
  timeoutMs: number;
  /** Replies generated at once for one user; more wait in a queue. */
  maxPerUser: number;
  /** Replies generated at once on the whole server; more wait in a queue. */
  maxTotal: number;
  /**
   * Whether users' custom endpoints may be on loopback, private, link-local or other
   * internal addresses. Off on a server with open sign-up, so a stranger cannot make it call
   * into its own network; on for a personal one (closed sign-up: a local Ollama just works).
   */
  allowPrivateEndpoints: boolean;
  /**
   * Where an Ollama on the server's machine would answer. Offered to people on a personal
   * server (closed sign-up) who have no model yet; never called when sign-up is open.
   */
  ollamaURL: string;
  /** How long a reply waits for files of its conversation that are not on the server yet. */
  fileWaitMs: number;
}

/** Variables whose values are secret: a configuration error never repeats them. */
const SECRET_VARIABLES = new Set(['HEARTH_SECRET', 'OPENAI_API_KEY']);

const portSchema = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be between 0 and 65535' })
  .max(65535, { error: 'must be between 0 and 65535' });

const countSchema = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be between 1 and 10000' })
  .max(10_000, { error: 'must be between 1 and 10000' });

const mebibytesSchema = z.coerce
  .number({ error: 'must be a number of MiB' })
  .int({ error: 'must be a whole number of MiB' })
  .min(1, { error: 'must be between 1 and 1048576 (MiB)' })
  .max(1_048_576, { error: 'must be between 1 and 1048576 (MiB)' });

const MiB = 1024 * 1024;

const envSchema = z
  .object({
    PORT: portSchema.default(8787),
    HOST: z.string().min(1, { error: 'must not be empty' }).default('0.0.0.0'),
    HEARTH_DATA_DIR: z.string().min(1, { error: 'must not be empty' }).default('./data'),
    HEARTH_SECRET: z.string().min(32, { error: 'must be at least 32 characters long' }).optional(),
    HEARTH_SIGNUP: z.enum(['open', 'closed'], { error: "must be 'open' or 'closed'" }).default('open'),
    HEARTH_TLS_CERT: z.string().min(1).optional(),
    HEARTH_TLS_KEY: z.string().min(1).optional(),
    HEARTH_TRUST_PROXY: z.enum(['on', 'off'], { error: "must be 'on' or 'off'" }).default('off'),
    HEARTH_CLIENT_DIR: z.string().min(1).default('./dist/client'),
    OPENAI_API_KEY: z.string().trim().min(1).optional(),
    OPENAI_BASE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .default('https://api.openai.com/v1'),
    HEARTH_SHARED_KEYS: z.enum(['on', 'off'], { error: "must be 'on' or 'off'" }).optional(),
    HEARTH_AI_TIMEOUT_SECONDS: z.coerce
      .number({ error: 'must be a number' })
      .min(0.1, { error: 'must be between 0.1 and 3600' })
      .max(3600, { error: 'must be between 0.1 and 3600' })
      .default(60),
    HEARTH_AI_FILE_WAIT_SECONDS: z.coerce
      .number({ error: 'must be a number' })
      .min(0.1, { error: 'must be between 0.1 and 86400' })
      .max(86_400, { error: 'must be between 0.1 and 86400' })
      .default(900),
    HEARTH_AI_CONCURRENCY_PER_USER: countSchema.default(3),
    HEARTH_AI_CONCURRENCY: countSchema.default(32),
    HEARTH_SYNC_LIMITS: syncLimitsVariable.optional(),
    HEARTH_MAX_FILE_MB: mebibytesSchema.default(20),
    HEARTH_USER_QUOTA_MB: mebibytesSchema.default(1024),
    HEARTH_SEARCH: z.enum(['on', 'off'], { error: "must be 'on' or 'off'" }).default('on'),
    HEARTH_ALLOW_PRIVATE_ENDPOINTS: z.enum(['on', 'off'], { error: "must be 'on' or 'off'" }).optional(),
    HEARTH_OLLAMA_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, like http://127.0.0.1:11434' })
      .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), { error: 'must not have a user name or password in it' })
      .default('http://127.0.0.1:11434'),
  })
  .refine((env) => env.HEARTH_SHARED_KEYS !== 'on' || env.OPENAI_API_KEY !== undefined, {
    error: 'is on, but OPENAI_API_KEY is not set: set the key, or turn shared keys off',
    path: ['HEARTH_SHARED_KEYS'],
  })
  .refine((env) => Boolean(env.HEARTH_TLS_CERT) === Boolean(env.HEARTH_TLS_KEY), {
    error: 'set both HEARTH_TLS_CERT and HEARTH_TLS_KEY, or neither',
    path: ['HEARTH_TLS_CERT'],
  });

/** Thrown when the environment is invalid; the message lists every problem, one per line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment into a Config, or throws a ConfigError a person can act on. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = name in present && !SECRET_VARIABLES.has(name) ? ` (got ${JSON.stringify(present[name])})` : '';
      return `  ${name}${value}: ${issue.message}`;
    });
    throw new ConfigError(`Hearth cannot start, the configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.HEARTH_DATA_DIR,
    secret: e.HEARTH_SECRET,
    signup: e.HEARTH_SIGNUP,
    tls: e.HEARTH_TLS_CERT && e.HEARTH_TLS_KEY ? { certFile: e.HEARTH_TLS_CERT, keyFile: e.HEARTH_TLS_KEY } : undefined,
    trustProxy: e.HEARTH_TRUST_PROXY === 'on',
    clientDir: e.HEARTH_CLIENT_DIR,
    ai: {
      // On by default once the operator gives a key; HEARTH_SHARED_KEYS=off keeps it unused.
      shared:
        e.OPENAI_API_KEY && e.HEARTH_SHARED_KEYS !== 'off'
          ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL }
          : undefined,
      timeoutMs: Math.round(e.HEARTH_AI_TIMEOUT_SECONDS * 1000),
      fileWaitMs: Math.round(e.HEARTH_AI_FILE_WAIT_SECONDS * 1000),
      maxPerUser: e.HEARTH_AI_CONCURRENCY_PER_USER,
      maxTotal: e.HEARTH_AI_CONCURRENCY,
      allowPrivateEndpoints:
        e.HEARTH_ALLOW_PRIVATE_ENDPOINTS === undefined
          ? e.HEARTH_SIGNUP === 'closed'
          : e.HEARTH_ALLOW_PRIVATE_ENDPOINTS === 'on',
      ollamaURL: e.HEARTH_OLLAMA_URL.replace(/\/+$/, ''),
    },
    syncLimits: e.HEARTH_SYNC_LIMITS ?? {},
    blobs: { maxFileBytes: e.HEARTH_MAX_FILE_MB * MiB, quotaBytes: e.HEARTH_USER_QUOTA_MB * MiB },
    search: e.HEARTH_SEARCH === 'on',
  };
}
