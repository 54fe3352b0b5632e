import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 8787, host: '0.0.0.0', dataDir: './data', signup: 'open', trustProxy: false });
    expect(config.secret).toBeUndefined();
    expect(config.tls).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ PORT: '', HEARTH_SIGNUP: '' }).port).toBe(8787);
  });

  it('reads every variable', () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      HEARTH_DATA_DIR: '/tmp/x',
      HEARTH_SECRET: 'a'.repeat(40),
      HEARTH_SIGNUP: 'closed',
      HEARTH_TLS_CERT: 'c.pem',
      HEARTH_TLS_KEY: 'k.pem',
      HEARTH_TRUST_PROXY: 'on',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      signup: 'closed',
      tls: { certFile: 'c.pem', keyFile: 'k.pem' },
      trustProxy: true,
    });
  });

  it('names each bad variable with what is wrong, in one error', () => {
    const error = catchError(() => parseConfig({ PORT: 'eighty', HEARTH_SIGNUP: 'maybe' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('PORT (got "eighty"): must be a number');
    expect(error.message).toContain("HEARTH_SIGNUP (got \"maybe\"): must be 'open' or 'closed'");
  });

  it('refuses a port out of range', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow('must be between 0 and 65535');
  });

  it('refuses a short secret without echoing it', () => {
    const error = catchError(() => parseConfig({ HEARTH_SECRET: 'hunter2' }));
    expect(error.message).toContain('HEARTH_SECRET: must be at least 32 characters long');
    expect(error.message).not.toContain('hunter2');
  });

  it('wants both TLS files or neither', () => {
    expect(() => parseConfig({ HEARTH_TLS_CERT: 'c.pem' })).toThrow('set both HEARTH_TLS_CERT and HEARTH_TLS_KEY');
  });
});

describe('blob limits', () => {
  it('allow 20 MiB per file and 1 GiB per user by default, in MiB when set', () => {
    expect(parseConfig({}).blobs).toEqual({ maxFileBytes: 20 * 1024 ** 2, quotaBytes: 1024 ** 3 });
    expect(parseConfig({ HEARTH_MAX_FILE_MB: '5', HEARTH_USER_QUOTA_MB: '50' }).blobs).toEqual({
      maxFileBytes: 5 * 1024 ** 2,
      quotaBytes: 50 * 1024 ** 2,
    });
  });

  it('refuse a size that is not a whole number of MiB', () => {
    expect(() => parseConfig({ HEARTH_MAX_FILE_MB: '0' })).toThrow('HEARTH_MAX_FILE_MB (got "0"): must be between 1');
    expect(() => parseConfig({ HEARTH_USER_QUOTA_MB: '1.5' })).toThrow('must be a whole number of MiB');
  });
});

describe('AI configuration', () => {
  it('offers no shared key and sensible limits by default', () => {
    expect(parseConfig({}).ai).toEqual({
      shared: undefined,
      timeoutMs: 60_000,
      fileWaitMs: 900_000,
      maxPerUser: 3,
      maxTotal: 32,
      allowPrivateEndpoints: false,
      ollamaURL: 'http://127.0.0.1:11434',
    });
  });

  it('reads where a local Ollama answers, refusing what is not an http(s) address', () => {
    expect(parseConfig({ HEARTH_OLLAMA_URL: 'http://ollama.lan:11434/' }).ai.ollamaURL).toBe('http://ollama.lan:11434');
    expect(() => parseConfig({ HEARTH_OLLAMA_URL: 'ollama:11434' })).toThrow('HEARTH_OLLAMA_URL');
    expect(() => parseConfig({ HEARTH_OLLAMA_URL: 'http://me:pw@ollama.lan' })).toThrow('user name or password');
  });

  it('allows private custom endpoints on a personal server, or when the operator says so', () => {
    expect(parseConfig({ HEARTH_SIGNUP: 'closed' }).ai.allowPrivateEndpoints).toBe(true);
    expect(parseConfig({ HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' }).ai.allowPrivateEndpoints).toBe(true);
    expect(
      parseConfig({ HEARTH_SIGNUP: 'closed', HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'off' }).ai.allowPrivateEndpoints,
    ).toBe(false);
    expect(() => parseConfig({ HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'yes' })).toThrow(
      `HEARTH_ALLOW_PRIVATE_ENDPOINTS (got "yes"): must be 'on' or 'off'`,
    );
  });

  it('shares the operator key by default once it is set, with OpenAI as the endpoint', () => {
    expect(parseConfig({ OPENAI_API_KEY: 'sk-operator' }).ai.shared).toEqual({
      apiKey: 'sk-operator',
      baseURL: 'https://api.openai.com/v1',
    });
    const local = parseConfig({ OPENAI_API_KEY: 'fake', OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' });
    expect(local.ai.shared?.baseURL).toBe('http://127.0.0.1:9999/v1');
  });

  it('keeps the key unused with HEARTH_SHARED_KEYS=off', () => {
    expect(parseConfig({ OPENAI_API_KEY: 'sk-operator', HEARTH_SHARED_KEYS: 'off' }).ai.shared).toBeUndefined();
  });

  it('wants a key when shared keys are turned on', () => {
    expect(() => parseConfig({ HEARTH_SHARED_KEYS: 'on' })).toThrow('OPENAI_API_KEY is not set');
  });

  it('reads the timeout in seconds and the concurrency limits', () => {
    const { ai } = parseConfig({
      HEARTH_AI_TIMEOUT_SECONDS: '0.5',
      HEARTH_AI_CONCURRENCY_PER_USER: '2',
      HEARTH_AI_CONCURRENCY: '10',
    });
    expect(ai).toMatchObject({ timeoutMs: 500, maxPerUser: 2, maxTotal: 10 });
  });

  it('refuses a base URL that is not http(s), and bad limits', () => {
    expect(() => parseConfig({ OPENAI_BASE_URL: 'ftp://example.com' })).toThrow('OPENAI_BASE_URL');
    expect(() => parseConfig({ HEARTH_AI_CONCURRENCY: '0' })).toThrow('must be between 1 and 10000');
  });

  it('never repeats the operator key in an error', () => {
    const error = catchError(() => parseConfig({ OPENAI_API_KEY: 'sk-operator-secret', PORT: 'x' }));
    expect(error.message).not.toContain('sk-operator-secret');
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
