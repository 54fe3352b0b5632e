// Accounts against the real server: sign-up, sign-in, sessions, password change, deletion,
// rate limits, the Origin check, and what reaches the log.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResult } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';

let hearth: Hearth;
beforeAll(async () => {
  hearth = await startHearth();
});
afterAll(() => hearth.stop());

const device = () => new ApiClient(hearth.url, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0' });

describe('sign-up and sign-in', () => {
  it('signs up, sets a safe cookie, and answers /me', async () => {
    const client = device();
    const result = await client.post('/api/auth/signup', {
      email: ' Grace@Example.com ',
      password: 'compilers are fun',
      name: 'Grace',
    });
    expect(result.status).toBe(201);
    expect(result.body.user).toMatchObject({ email: 'grace@example.com', name: 'Grace' });
    const cookie = result.headers.getSetCookie().join('; ');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'grace@example.com' });
  });

  it('signs in with the right password only', async () => {
    const { email, password } = await device().signup();
    const good = await device().post('/api/auth/login', { email: email.toUpperCase(), password });
    expect(good.status).toBe(200);
    const bad = await device().post('/api/auth/login', { email, password: 'not the password' });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({
      error: { code: 'unauthorized', message: 'That email and password do not match an account.' },
    });
  });

  it('answers a wrong email exactly as a wrong password, in comparable time', async () => {
    const { email } = await device().signup();
    const timings = { wrongPassword: [] as number[], wrongEmail: [] as number[] };
    const bodies = new Set<string>();
    for (let i = 0; i < 5; i++) {
      for (const [kind, address] of [
        ['wrongPassword', email],
        ['wrongEmail', `nobody-${i}@example.com`],
      ] as const) {
        const started = performance.now();
        const result = await device().post('/api/auth/login', { email: address, password: 'wrong password' });
        timings[kind].push(performance.now() - started);
        bodies.add(`${result.status} ${JSON.stringify(result.body)}`);
      }
    }
    expect(bodies.size).toBe(1);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // A missing account still runs one argon2 verification, so neither path is much faster.
    expect(median(timings.wrongEmail)).toBeGreaterThan(median(timings.wrongPassword) * 0.5);
    expect(median(timings.wrongPassword)).toBeGreaterThan(median(timings.wrongEmail) * 0.5);
  });

  it('refuses a duplicate email with a field error', async () => {
    const { email } = await device().signup();
    const again = await device().post('/api/auth/signup', { email, password: 'another password', name: 'B' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict', fields: { email: expect.any(String) } } });
  });

  it('names every bad field and states the password rule', async () => {
    const result = await device().post('/api/auth/signup', { email: 'nope', password: 'short', name: '' });
    expect(result.status).toBe(400);
    const fields = (result.body.error as { fields: Record<string, string> }).fields;
    expect(Object.keys(fields).sort()).toEqual(['email', 'name', 'password']);
    expect(fields.password).toContain('10 to 256 characters');
  });

  it('refuses a body that is not JSON', async () => {
    const result = await device().request('POST', '/api/auth/login', undefined, {
      'content-type': 'application/json',
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('answers unknown endpoints with a JSON 404', async () => {
    const result = await device().get('/api/nothing-here');
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('sessions', () => {
  it('lists devices and a revoked session stops working at once', async () => {
    const laptop = device();
    const { email, password } = await laptop.signup();
    const phone = new ApiClient(hearth.url, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) Safari/604.1' });
    await phone.post('/api/auth/login', { email, password });

    const list = await laptop.get<{ sessions: { id: string; device: string; current: boolean }[] }>(
      '/api/auth/sessions',
    );
    expect(list.body.sessions.map((s) => [s.device, s.current]).sort()).toEqual([
      ['Chrome on Linux', true],
      ['Safari on iOS', false],
    ]);
    const phoneSession = list.body.sessions.find((s) => !s.current)!;
    expect((await laptop.delete(`/api/auth/sessions/${phoneSession.id}`)).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await laptop.delete(`/api/auth/sessions/${phoneSession.id}`)).status).toBe(404);
    expect((await laptop.delete('/api/auth/sessions/not-an-id')).status).toBe(400);
  });

  it('cannot revoke another user’s session', async () => {
    const mallory = device();
    await mallory.signup();
    const victim = device();
    await victim.signup();
    const victimSession = (await victim.get<{ sessions: { id: string }[] }>('/api/auth/sessions')).body.sessions[0]!;
    expect((await mallory.delete(`/api/auth/sessions/${victimSession.id}`)).status).toBe(404);
    expect((await victim.get('/api/auth/me')).status).toBe(200);
  });

  it('logout ends the session', async () => {
    const client = device();
    await client.signup();
    const cookie = client.cookie;
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    client.cookie = cookie;
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('a password change signs out the other sessions', async () => {
    const laptop = device();
    const { email, password } = await laptop.signup();
    const phone = device();
    await phone.post('/api/auth/login', { email, password });

    const wrong = await laptop.post('/api/auth/password', {
      currentPassword: 'wrong one',
      newPassword: 'brand new pass',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { fields: { currentPassword: expect.any(String) } } });

    const ok = await laptop.post('/api/auth/password', { currentPassword: password, newPassword: 'brand new pass' });
    expect(ok.status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await device().post('/api/auth/login', { email, password })).status).toBe(401);
    expect((await device().post('/api/auth/login', { email, password: 'brand new pass' })).status).toBe(200);
  });

  it('requires a session for account endpoints', async () => {
    for (const [method, url] of [
      ['GET', '/api/auth/me'],
      ['GET', '/api/auth/sessions'],
      ['POST', '/api/auth/password'],
      ['DELETE', '/api/account'],
    ] as const) {
      expect((await device().request(method, url, method === 'GET' ? undefined : {})).status).toBe(401);
    }
  });
});

describe('account deletion', () => {
  it('requires the password, then removes every row of the user', async () => {
    const client = device();
    const { id, password } = await client.signup();
    const other = device();
    const { id: otherId } = await other.signup();

    expect((await client.delete('/api/account', { password: 'not my password' })).status).toBe(400);
    expect((await client.delete('/api/account', { password })).status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);

    const db = new Database(path.join(hearth.dataDir, 'hearth.db'), { readonly: true });
    try {
      const userTables = db
        .prepare(
          "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'user_id'",
        )
        .pluck()
        .all() as string[];
      for (const table of userTables) {
        expect(db.prepare(`SELECT count(*) FROM ${table} WHERE user_id = ?`).pluck().get(id)).toBe(0);
      }
      expect(db.prepare('SELECT count(*) FROM users WHERE id = ?').pluck().get(id)).toBe(0);
      expect(db.prepare('SELECT count(*) FROM users WHERE id = ?').pluck().get(otherId)).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('origin check', () => {
  it('refuses a state-changing request from another site and allows our own', async () => {
    const foreign = await device().request(
      'POST',
      '/api/auth/signup',
      { email: 'x@example.com', password: 'compilers are fun', name: 'X' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: { code: 'forbidden' } });
    const own = await device().request(
      'POST',
      '/api/auth/signup',
      { email: `own-${Date.now()}@example.com`, password: 'compilers are fun', name: 'X' },
      { origin: hearth.url },
    );
    expect(own.status).toBe(201);
  });
});

describe('rate limits', () => {
  it('slows sign-in guesses at one account from one address, with Retry-After', async () => {
    const { email } = await device().signup();
    const statuses: number[] = [];
    let refused: ApiResult | undefined;
    for (let i = 0; i < 6; i++) {
      const result = await device().post('/api/auth/login', { email, password: 'wrong password' });
      statuses.push(result.status);
      if (result.status === 429) refused = result;
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(refused?.body).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringMatching(/Try again/) },
    });
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits sign-up per IP behind a trusted proxy', async () => {
    const proxied = await startHearth({ env: { HEARTH_TRUST_PROXY: 'on' } });
    try {
      const from = (ip: string) => new ApiClient(proxied.url, { 'x-forwarded-for': `203.0.113.9, ${ip}` });
      for (let i = 0; i < 20; i++) await from('198.51.100.1').signup();
      const refused = await from('198.51.100.1').post('/api/auth/signup', {
        email: 'late@example.com',
        password: 'compilers are fun',
        name: 'Late',
      });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        error: { code: 'rate_limited', message: expect.stringMatching(/Try again/) },
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await from('198.51.100.2').signup()).id).toBeTruthy();
    } finally {
      await proxied.stop();
    }
  });
});

describe('closed sign-up', () => {
  it('lets exactly one of five simultaneous first sign-ups in', async () => {
    const closed = await startHearth({ env: { HEARTH_SIGNUP: 'closed' } });
    try {
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((i) =>
          new ApiClient(closed.url).post('/api/auth/signup', {
            email: `race-${i}@example.com`,
            password: 'compilers are fun',
            name: `Racer ${i}`,
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403, 403, 403]);
      for (const refused of results.filter((r) => r.status === 403)) {
        expect(refused.body).toMatchObject({ error: { code: 'signup_closed' } });
      }
      const db = new Database(path.join(closed.dataDir, 'hearth.db'), { readonly: true });
      try {
        expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
      } finally {
        db.close();
      }
    } finally {
      await closed.stop();
    }
  });

  it('allows only the first account', async () => {
    const closed = await startHearth({ env: { HEARTH_SIGNUP: 'closed' } });
    try {
      expect((await new ApiClient(closed.url).signup()).id).toBeTruthy();
      const second = await new ApiClient(closed.url).post('/api/auth/signup', {
        email: 'second@example.com',
        password: 'compilers are fun',
        name: 'Second',
      });
      expect(second.status).toBe(403);
      expect(second.body).toMatchObject({ error: { code: 'signup_closed' } });
    } finally {
      await closed.stop();
    }
  });
});

describe('secret, restart and logs', () => {
  it('creates the secret with mode 0600 and reuses it and the sessions after a restart', async () => {
    const first = await startHearth();
    const client = new ApiClient(first.url);
    await client.signup();
    const file = path.join(first.dataDir, 'secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8');
    await first.stop();

    const second = await startHearth({ dataDir: first.dataDir });
    try {
      expect(readFileSync(file, 'utf8')).toBe(secret);
      const again = new ApiClient(second.url);
      again.cookie = client.cookie;
      expect((await again.get('/api/auth/me')).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('never writes passwords or cookies to the log', async () => {
    const client = device();
    const password = 'a very secret passphrase';
    await client.signup(undefined, password);
    await client.post('/api/auth/password', { currentPassword: password, newPassword: 'another secret phrase' });
    const token = client.cookie!.split('=')[1]!;
    const log = hearth.logs.join('\n');
    expect(log).toContain('"msg":"request"');
    for (const secret of [password, 'another secret phrase', token]) expect(log).not.toContain(secret);
  });

  it('refuses a bad configuration with a message a person understands', async () => {
    await expect(startHearth({ env: { PORT: 'eighty' } })).rejects.toThrow(/PORT \(got "eighty"\): must be a number/);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${hearth.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${hearth.url}/readyz`)).json()).toEqual({ ok: true });
  });
});
