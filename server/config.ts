// Reads and validates the server's configuration from the environment, once, at boot.
import { z } from 'zod';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Master secret from HEARTH_SECRET; when absent one is generated into the data directory. */
  secret: string | undefined;
  signup: 'open' | 'closed';
  tls: { certFile: string; keyFile: string } | undefined;
  /** Trust X-Forwarded-For / X-Forwarded-Host from a reverse proxy in front of Hearth. */
  trustProxy: boolean;
  /** Directory of the built client that the server serves. */
  clientDir: string;
}

const portSchema = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be between 0 and 65535' })
  .max(65535, { error: 'must be between 0 and 65535' });

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
      const value = name in present && name !== 'HEARTH_SECRET' ? ` (got ${JSON.stringify(present[name])})` : '';
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
  };
}
