import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrivateEndpointError } from '../ai/endpoint-guard';
import { guardedFetch } from './guarded-fetch';

// In these tests "localhost" stands for an allowed host and the literal 127.0.0.1 for a
// refused one: both reach the test servers on this machine.
const lookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === '127.0.0.1') return callback(new PrivateEndpointError(hostname), '', 0);
  const answer = callback as (error: null, address: string | LookupAddress[], family?: number) => void;
  if (options.all) answer(null, [{ address: '127.0.0.1', family: 4 }]);
  else answer(null, '127.0.0.1', 4);
};
const fetchGuarded = guardedFetch(lookup);

let provider: Server;
let other: Server;
const seen: IncomingMessage[] = [];
const urlOf = (server: Server, host: string) => `http://${host}:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  other = createServer((req, res) => {
    seen.push(req);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({ object: 'list', data: [{ id: 'moved-model', object: 'model', created: 0, owned_by: 'x' }] }),
    );
  });
  provider = createServer((req, res) => {
    if (req.url === '/v1/chat/completions') {
      res.setHeader('content-type', 'text/event-stream');
      for (const word of ['Hello', ' there']) {
        res.write(
          `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: word }, finish_reason: null }] })}\n\n`,
        );
      }
      res.end('data: [DONE]\n\n');
    } else if (req.url === '/v1/models') {
      res.writeHead(302, { location: `${urlOf(other, 'localhost')}/v1/models` }).end();
    } else if (req.url === '/to-refused') {
      res.writeHead(307, { location: `${urlOf(other, '127.0.0.1')}/v1/models` }).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await Promise.all([provider, other].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
});
afterAll(() => Promise.all([provider, other].map((s) => new Promise((r) => s.close(r)))));

const client = () =>
  new OpenAI({ apiKey: 'sk-test', baseURL: `${urlOf(provider, 'localhost')}/v1`, fetch: fetchGuarded, maxRetries: 0 });

describe('guardedFetch', () => {
  it('streams a reply through the openai SDK', async () => {
    const stream = await client().chat.completions.create({ model: 'm', messages: [], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello there');
  });

  it('follows a redirect to an allowed host, without the key when the origin changes', async () => {
    seen.length = 0;
    const page = await client().models.list();
    expect(page.data.map((m) => m.id)).toEqual(['moved-model']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses an IP literal, and a redirect to one, before connecting', async () => {
    seen.length = 0;
    await expect(fetchGuarded(`${urlOf(other, '127.0.0.1')}/v1/models`)).rejects.toBeInstanceOf(PrivateEndpointError);
    await expect(fetchGuarded(`${urlOf(provider, 'localhost')}/to-refused`)).rejects.toBeInstanceOf(
      PrivateEndpointError,
    );
    expect(seen).toHaveLength(0);
  });
});
