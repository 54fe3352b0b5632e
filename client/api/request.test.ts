import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiError, NetworkError } from './api-error';
import { errorMessage } from './error-message';
import { api, onUnauthorized } from './request';

// A real HTTP server stands in for Hearth's; fetch gets the base URL the browser would supply.
let server: Server;
let base = '';
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/api/auth/me') return send(200, { user: { id: 'u1', email: 'a@b.co', name: 'A', createdAt: 1 } });
    if (req.url === '/api/auth/login') {
      return send(429, { error: { code: 'rate_limited', message: 'Slow down.' } }, { 'retry-after': '600' });
    }
    if (req.url === '/api/auth/signup') {
      return send(400, { error: { code: 'validation', message: 'Check the form.', fields: { email: 'Taken.' } } });
    }
    if (req.url === '/api/auth/sessions/abc%2F1') return send(401, { error: { code: 'unauthorized', message: 'No.' } });
    res.writeHead(502);
    res.end('Bad gateway');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  globalThis.fetch = (input, init) => realFetch(`${base}${String(input)}`, init);
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await new Promise((resolve) => server.close(resolve));
});

describe('api', () => {
  test('answers the typed response body', async () => {
    const { user } = await api('GET /api/auth/me');
    expect(user.email).toBe('a@b.co');
  });

  test('throws ApiError with the fields of a validation error', async () => {
    const error = await api('POST /api/auth/signup', { body: { email: 'x', password: 'y', name: 'z' } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation', fields: { email: 'Taken.' } });
  });

  test('reads Retry-After into a message in minutes', async () => {
    const error = await api('POST /api/auth/login', { body: { email: 'a@b.co', password: 'p' } }).catch((e) => e);
    expect(error).toMatchObject({ status: 429, retryAfter: 600 });
    expect(errorMessage(error)).toBe('Too many attempts. Try again in 10 minutes.');
  });

  test('fills and encodes path params, and reports a 401 as a lost session', async () => {
    let lost = 0;
    const stop = onUnauthorized(() => lost++);
    const error = await api('DELETE /api/auth/sessions/:id', { params: { id: 'abc/1' } }).catch((e) => e);
    stop();
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(lost).toBe(1);
  });

  test('turns an answer without our error body into an ApiError', async () => {
    const error = await api('POST /api/auth/logout').catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'unavailable' });
  });

  test('turns a connection failure into NetworkError', async () => {
    globalThis.fetch = () => Promise.reject(new TypeError('fetch failed'));
    const error = await api('GET /api/auth/me').catch((e) => e);
    globalThis.fetch = (input, init) => realFetch(`${base}${String(input)}`, init);
    expect(error).toBeInstanceOf(NetworkError);
    expect(errorMessage(error)).toMatch(/offline/);
  });
});
