// Password guessing against the real server (in this process, so the sign-in limits' clock
// can be stepped past a wait instead of slept through): one address is slowed more and more,
// and a stranger's guesses cannot lock the owner out of a device they already use, nor
// block a password change or an account deletion.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { createLogger } from '../../server/log/logger';
import { type RunningServer, startServer } from '../../server/server';
import { ApiClient, type ApiResult } from '../support/api-client';

let server: RunningServer;
let clock = Date.now();

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-test-'));
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    HEARTH_DATA_DIR: dataDir,
    HEARTH_CLIENT_DIR: dataDir,
    // Addresses come from X-Forwarded-For, so one test can be many places.
    HEARTH_TRUST_PROXY: 'on',
  });
  server = await startServer(config, createLogger({ write: () => {} }), { now: () => clock });
});
afterAll(() => server.close());

const from = (ip: string) => new ApiClient(server.url, { 'x-forwarded-for': ip });
const login = (client: ApiClient, email: string, password: string, headers: Record<string, string> = {}) =>
  client.request('POST', '/api/auth/login', { email, password }, headers);
const retryAfter = (result: ApiResult) => Number(result.headers.get('retry-after'));
const deviceCookie = (result: ApiResult) =>
  result.headers
    .getSetCookie()
    .find((c) => c.startsWith('hearth_device='))
    ?.split(';')[0];

/** Signs up on `client`: the account's email, and the device cookie that marks `client` as known. */
async function ownerOn(client: ApiClient): Promise<{ email: string; cookie: string }> {
  const signup = await client.post('/api/auth/signup', {
    email: `owner-${crypto.randomUUID()}@example.com`,
    password: 'the owners passphrase',
    name: 'Owner',
  });
  expect(signup.status).toBe(201);
  const cookie = deviceCookie(signup);
  expect(cookie).toBeDefined();
  return { email: (signup.body.user as { email: string }).email, cookie: cookie! };
}

describe('guesses from one address', () => {
  it('wait twice as long after each further failure, and the right password works once the wait is over', async () => {
    const { email, password } = await from('198.51.100.7').signup();
    const stranger = from('203.0.113.5');
    for (let i = 0; i < 5; i++) expect((await login(stranger, email, 'wrong password')).status).toBe(401);

    const waits: number[] = [];
    for (const step of [1000, 2000, 4000]) {
      const refused = await login(stranger, email, 'wrong password');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: { code: 'rate_limited' } });
      waits.push(retryAfter(refused));
      // Refused attempts are not counted: asking again says the same.
      expect(retryAfter(await login(stranger, email, 'wrong password'))).toBe(waits.at(-1));
      clock += step;
      expect((await login(stranger, email, 'wrong password')).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4]);

    // During the wait even the right password is refused; after it, it signs in.
    const early = await login(stranger, email, password);
    expect(early.status).toBe(429);
    expect(retryAfter(early)).toBe(8);
    clock += 8000;
    expect((await login(stranger, email, password)).status).toBe(200);
    // A success forgets that address's failures.
    expect((await login(stranger, email, 'wrong password')).status).toBe(401);
  });
});

describe('a stranger guessing from many addresses', () => {
  it('cannot lock the owner out of a known device, nor block a password change or deletion', async () => {
    const laptop = from('198.51.100.20');
    const { email, cookie: known } = await ownerOn(laptop);

    // Sixty guesses, each from a new address: the per-address wait never starts, the
    // per-account cap for unknown browsers does.
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await login(from(`10.9.${i}.1`), email, 'guess')).status);
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
    // A browser the account never used is held back too, even with the right password...
    expect((await login(from('198.51.100.99'), email, 'the owners passphrase')).status).toBe(429);

    // ...but the owner's laptop signs in, from anywhere.
    const again = await login(from('192.0.2.50'), email, 'the owners passphrase', { cookie: known });
    expect(again.status).toBe(200);
    // A cookie that was tampered with (another account's id) is no longer a known device.
    const forged = known.replace(/^hearth_device=[0-9a-f]{32}\./, `hearth_device=${'0'.repeat(32)}.`);
    expect(forged).not.toBe(known);
    expect((await login(from('192.0.2.50'), email, 'the owners passphrase', { cookie: forged })).status).toBe(429);

    // The signed-in owner changes the password and deletes the account despite the stranger.
    const changed = await laptop.post('/api/auth/password', {
      currentPassword: 'the owners passphrase',
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(200);
    expect((await laptop.delete('/api/account', { password: 'a brand new passphrase' })).status).toBe(200);
  });

  it('still slows a known device by its own failures', async () => {
    const laptop = from('198.51.100.30');
    const { email, cookie } = await ownerOn(laptop);
    for (let i = 0; i < 5; i++) expect((await login(laptop, email, 'wrong', { cookie })).status).toBe(401);
    expect((await login(laptop, email, 'the owners passphrase', { cookie })).status).toBe(429);
    // The same account from another browser at another address is not held back by them.
    expect((await login(from('198.51.100.31'), email, 'the owners passphrase')).status).toBe(200);
  });

  it('slows wrong current passwords per session, without touching sign-in', async () => {
    const laptop = from('198.51.100.40');
    const { email, password } = await laptop.signup();
    for (let i = 0; i < 5; i++) {
      const wrong = await laptop.post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'whatever long' });
      expect(wrong.status).toBe(400);
    }
    const held = await laptop.delete('/api/account', { password });
    expect(held.status).toBe(429);
    expect(retryAfter(held)).toBe(1);
    expect((await login(from('198.51.100.41'), email, password)).status).toBe(200);
    clock += 1000;
    expect((await laptop.delete('/api/account', { password })).status).toBe(200);
  });
});
