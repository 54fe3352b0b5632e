import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { describeFailure, explainFailure, type Failure, type FailureContext, scrub } from './errors';

const KEY = 'sk-secret-key-1234567890';
const own: FailureContext = {
  target: { provider: 'openai', shared: false, label: 'OpenAI', apiKey: KEY },
  model: 'openai/gpt-4o',
  timeoutMs: 60_000,
};
const shared: FailureContext = { ...own, target: { ...own.target, shared: true } };
const custom: FailureContext = {
  ...own,
  target: { provider: 'custom', shared: false, label: 'localhost:11434', apiKey: '' },
  model: 'custom/llama3.2',
};

const http = (status: number, error: Record<string, unknown>) =>
  APIError.generate(status, { error }, undefined, new Headers());
const thrown = (error: unknown, streaming = false) => ({ kind: 'thrown' as const, error, streaming });

describe('describeFailure', () => {
  it('names whose key was refused', () => {
    const refused = http(401, { message: `Incorrect API key provided: ${KEY}.`, code: 'invalid_api_key' });
    expect(describeFailure(thrown(refused), own)).toBe(
      'Your OpenAI key was refused. Replace it with a key that works.',
    );
    expect(describeFailure(thrown(refused), shared)).toContain("The server's OpenAI key was refused.");
    expect(describeFailure(thrown(refused), custom)).toBe(
      'Your key for localhost:11434 was refused. Replace it with a key that works.',
    );
  });

  it('tells a rate limit from an empty account', () => {
    expect(describeFailure(thrown(http(429, { code: 'rate_limit_exceeded' })), own)).toContain('rate limit');
    expect(describeFailure(thrown(http(429, { code: 'insufficient_quota' })), own)).toContain('run out of credit');
  });

  it('explains server errors, unknown models and too-long conversations', () => {
    expect(describeFailure(thrown(http(503, {})), own)).toBe(
      'OpenAI had a problem on its side (error 503). Retry in a moment.',
    );
    expect(describeFailure(thrown(http(404, { message: 'no such model' })), own)).toBe(
      'OpenAI does not offer the model "GPT-4o". Pick another model.',
    );
    expect(describeFailure(thrown(http(400, { code: 'context_length_exceeded' })), own)).toContain(
      'This conversation is too long for GPT-4o.',
    );
    // Providers other than OpenAI only say it in words.
    const words = http(400, { message: 'Please reduce the length of the messages: maximum context length is 8192' });
    expect(describeFailure(thrown(words), custom)).toContain('too long for llama3.2');
  });

  it('tells a connection that never opened from one that broke', () => {
    const connection = new APIConnectionError({ message: 'Connection error.' });
    expect(describeFailure(thrown(connection), custom)).toMatch(/^Could not reach localhost:11434\./);
    expect(describeFailure(thrown(new TypeError('terminated'), true), own)).toBe(
      'The connection to OpenAI broke off mid-reply. Retry to get a complete answer.',
    );
    expect(describeFailure(thrown(new APIConnectionTimeoutError()), { ...own, timeoutMs: 1500 })).toBe(
      'OpenAI sent nothing for 1.5 seconds, so Hearth stopped waiting. Retry, or pick a faster model.',
    );
  });

  it('passes unknown provider words through with the key scrubbed', () => {
    const odd = http(400, { message: `Key ${KEY} may not use this feature.` });
    const text = describeFailure(thrown(odd), own);
    expect(text).toBe('OpenAI refused the request (error 400): Key [key] may not use this feature.');
    expect(text).not.toContain(KEY);
  });

  it('gives each failure the kind its action is chosen by', () => {
    const kind = (failure: Failure, ctx = own) => explainFailure(failure, ctx).kind;
    expect(kind(thrown(http(401, {})))).toBe('bad-key');
    expect(kind(thrown(http(403, {})), shared)).toBe('bad-key');
    expect(kind(thrown(http(429, { code: 'rate_limit_exceeded' })))).toBe('rate-limit');
    expect(kind(thrown(http(429, { code: 'insufficient_quota' })))).toBe('no-credit');
    expect(kind(thrown(http(404, {})))).toBe('model-gone');
    expect(kind(thrown(http(400, { code: 'context_length_exceeded' })))).toBe('context-too-long');
    expect(kind(thrown(http(502, {})))).toBe('provider-down');
    expect(kind(thrown(new APIConnectionError({ message: 'Connection error.' })))).toBe('provider-down');
    expect(kind(thrown(new TypeError('terminated'), true))).toBe('provider-down');
    expect(kind({ kind: 'timeout' })).toBe('provider-down');
    expect(kind(thrown(http(400, { message: 'odd' })))).toBe('other');
  });

  it('scrubs and shortens', () => {
    expect(scrub(`a ${KEY} b ${KEY}`, KEY)).toBe('a [key] b [key]');
    expect(scrub('x'.repeat(500), KEY)).toHaveLength(301);
  });
});
