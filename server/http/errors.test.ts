import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger';
import type { AppEnv } from './context';
import { HttpError, handleError, refuseMalformedPath } from './errors';

function app(lines: string[]) {
  const log = createLogger({ write: (line) => lines.push(line) });
  return new Hono<AppEnv>()
    .use('*', async (c, next) => {
      c.set('log', log);
      await next();
    })
    .use('*', refuseMalformedPath)
    .onError(handleError)
    .get('/boom', () => {
      throw new TypeError('cannot read x of undefined');
    })
    .get('/gone', () => {
      throw new HttpError(410, 'not_found', 'That is gone.');
    })
    .get('/ok/:id', (c) => c.text(c.req.param('id')));
}

describe('handleError', () => {
  it('answers an unexpected exception 500, logs it with method and path, and goes on serving', async () => {
    const lines: string[] = [];
    const server = app(lines);
    const response = await server.request('/boom?x=1');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on the server. Try again.' },
    });
    const logged = JSON.parse(lines[0]!);
    expect(logged).toMatchObject({ level: 'error', msg: 'request failed', method: 'GET', path: '/boom' });
    expect(logged.err.message).toBe('cannot read x of undefined');
    expect((await server.request('/ok/1')).status).toBe(200);
  });

  it('answers an HttpError as it says, without logging it', async () => {
    const lines: string[] = [];
    const response = await app(lines).request('/gone');
    expect(response.status).toBe(410);
    expect(lines).toEqual([]);
  });

  it('answers a malformed %-escape 400', async () => {
    const lines: string[] = [];
    const response = await app(lines).request('/ok/%zz');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect(lines).toEqual([]);
  });
});
