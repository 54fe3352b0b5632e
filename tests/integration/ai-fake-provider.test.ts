// The fake provider speaks OpenAI's wire format: the official SDK, unmodified, streams,
// completes, embeds, lists models and raises its usual error classes against it.
import OpenAI, {
  APIConnectionTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAi, startFakeAi } from '../fake-ai/fake-ai';
import { embed } from '../fake-ai/replies';
import { eventually } from '../support/sync-device';

let fake: FakeAi;
let client: OpenAI;
beforeAll(async () => {
  fake = await startFakeAi({ embeddingDimensions: 16 });
  client = new OpenAI({ apiKey: 'sk-test-fake-provider', baseURL: fake.url, maxRetries: 0 });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe('fake provider', () => {
  it('streams word tokens with usage in the final chunk', async () => {
    fake.onPrompt('stream me', { reply: 'One two three four.', tokenDelayMs: 5 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'stream me please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas).toEqual(['One', ' two', ' three', ' four.']);
    expect(finish).toBe('stop');
    expect(usage).toEqual({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    expect(fake.chats('stream me')).toHaveLength(1);
    expect(fake.chats()[0]!.apiKey).toBe('sk-test-fake-provider');
  });

  it('answers without streaming, echoing the last user message by default', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: Hello there');
    expect(completion.usage?.prompt_tokens).toBe(4);
  });

  it('makes deterministic unit embeddings, as floats or base64', async () => {
    const sdkDefault = await client.embeddings.create({ model: 'fake-embedding', input: ['a cat', 'a dog'] });
    const floats = await client.embeddings.create({ model: 'x', input: 'a cat', encoding_format: 'float' });
    expect(sdkDefault.data).toHaveLength(2);
    expect(sdkDefault.data[0]!.embedding).toHaveLength(16);
    expect(floats.data[0]!.embedding).toEqual(embed('a cat', 16));
    expect(sdkDefault.data[0]!.embedding[3]).toBeCloseTo(floats.data[0]!.embedding[3]!, 6);
    expect(Math.hypot(...floats.data[0]!.embedding)).toBeCloseTo(1, 6);
    expect(sdkDefault.data[1]!.embedding).not.toEqual(sdkDefault.data[0]!.embedding);
  });

  it('embeds similar texts (shared words, synonyms) near each other, at the size asked for', async () => {
    const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    const answer = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['my car broke down', 'the automobile broke down', 'a recipe for pancakes'],
      dimensions: 512,
      encoding_format: 'float',
    });
    const [car, automobile, pancakes] = answer.data.map((d) => d.embedding);
    expect(car).toHaveLength(512);
    expect(cosine(car!, automobile!)).toBeGreaterThan(0.6);
    expect(cosine(car!, pancakes!)).toBeLessThan(0.3);
    expect(fake.embeddedTexts().slice(-3)).toEqual([
      'my car broke down',
      'the automobile broke down',
      'a recipe for pancakes',
    ]);
  });

  it('refuses, rate-limits or hangs embeddings when told to', async () => {
    const embedOnce = () => client.embeddings.create({ model: 'e', input: 'x' }, { timeout: 300 });
    fake.onEmbeddings({ error: 401 }, 1).onEmbeddings({ error: 429 }, 1).onEmbeddings({ hang: true }, 1);
    await expect(embedOnce()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(embedOnce()).rejects.toBeInstanceOf(RateLimitError);
    await expect(embedOnce()).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    await expect(embedOnce()).resolves.toHaveProperty('data');
  });

  it('lists its models', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toContain('gpt-4.1-mini');
  });

  it('raises the SDK’s error classes', async () => {
    const ask = (content: string) =>
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] });
    fake.onPrompt('[401]', { error: 401 }).onPrompt('[429]', { error: 429 });
    fake.onPrompt('[500]', { error: 500 }).onPrompt('[ctx]', { error: 'context_length' });
    await expect(ask('[401]')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(ask('[429]')).rejects.toBeInstanceOf(RateLimitError);
    await expect(ask('[500]')).rejects.toBeInstanceOf(InternalServerError);
    await expect(ask('[ctx]')).rejects.toMatchObject({ code: 'context_length_exceeded' });
    await expect(ask('[ctx]')).rejects.toBeInstanceOf(BadRequestError);
  });

  it('refuses keys it was not given, when given a list', async () => {
    fake.apiKeys = new Set(['sk-the-right-one']);
    try {
      await expect(client.models.list()).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      fake.apiKeys = undefined;
    }
  });

  it('records a client that goes away mid-stream', async () => {
    fake.onPrompt('slow', { reply: 'a b c d e f g h', tokenDelayMs: 50 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'slow' }], stream: true },
      { signal: controller.signal },
    );
    let seen = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content && ++seen === 2) controller.abort();
    }
    const [request] = fake.chats('slow');
    await eventually(() => request!.closedAt !== undefined, 'the fake saw the client go');
    expect(request!.finishedAt).toBeUndefined();
    expect(request!.tokensSent).toBeLessThan(8);
  });

  it('cuts the connection mid-stream when told', async () => {
    fake.onPrompt('cut', { reply: 'a b c d e f', disconnectAfterTokens: 2 });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'cut' }],
      stream: true,
    });
    const read = async () => {
      for await (const _ of stream);
    };
    await expect(read()).rejects.toThrow();
    expect(fake.chats('cut')[0]!.tokensSent).toBe(2);
  });
});
