// The HTTP edge against the real server: security headers on every response, 404 for missing
// files, clear 400s for malformed requests, the Origin check on scheme, host and port (HTTP
// and WebSocket), forwarded headers believed only behind a trusted proxy, and a session
// cookie that lives as long as its session.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { indexDocName } from '../../shared/docs/names';
import { CloseCode } from '../../shared/sync/protocol';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { eventually } from '../support/sync-device';

const DAY_SECONDS = 24 * 60 * 60;

let hearth: Hearth;
let proxied: Hearth;
beforeAll(async () => {
  const clientDir = mkdtempSync(path.join(tmpdir(), 'hearth-client-'));
  mkdirSync(path.join(clientDir, 'assets'));
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Hearth</title>');
  writeFileSync(path.join(clientDir, 'assets', 'app-1234.js'), 'console.log(1);');
  const unbuilt = mkdtempSync(path.join(tmpdir(), 'hearth-client-'));
  [hearth, proxied] = await Promise.all([
    startHearth({ env: { HEARTH_CLIENT_DIR: clientDir } }),
    startHearth({ env: { HEARTH_TRUST_PROXY: 'on', HEARTH_CLIENT_DIR: unbuilt } }),
  ]);
});
afterAll(() => Promise.all([hearth.stop(), proxied.stop()]));

const port = () => new URL(hearth.url).port;

describe('security headers', () => {
  it('come with every response: app page, asset, API, error and health check', async () => {
    for (const [url, init] of [
      ['/', {}],
      ['/settings', {}],
      ['/assets/app-1234.js', {}],
      ['/assets/missing.js', {}],
      ['/api/auth/me', {}],
      ['/api/nothing-here', {}],
      ['/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }],
      ['/healthz', {}],
    ] as const) {
      const response = await fetch(hearth.url + url, init);
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name = '', ...values] = d.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      expect(directives.get('default-src'), url).toEqual(["'self'"]);
      expect(directives.get('script-src'), url).toEqual(["'self'"]);
      expect(directives.get('style-src'), url).toEqual(["'self'"]);
      expect(directives.get('img-src'), url).toEqual(["'self'", 'data:', 'blob:', 'https:']);
      expect(directives.get('connect-src'), url).toEqual([
        "'self'",
        `ws://127.0.0.1:${port()}`,
        `wss://127.0.0.1:${port()}`,
      ]);
      expect(directives.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(directives.get('object-src'), url).toEqual(["'none'"]);
      expect(directives.get('base-uri'), url).toEqual(["'self'"]);
      expect(csp, url).not.toContain('unsafe');
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      const permissions = response.headers.get('permissions-policy') ?? '';
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
        expect(permissions, url).toContain(`${feature}=()`);
      }
      await response.body?.cancel();
    }
  });

  it('name only a well-formed host among the sockets allowed', async () => {
    // fetch will not send a bad Host; the proxied server reads X-Forwarded-Host instead.
    const response = await fetch(`${proxied.url}/healthz`, { headers: { 'x-forwarded-host': 'a b;script-src *' } });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('script-src *');
    expect(csp).not.toContain('a b');
  });
});

describe('the client app', () => {
  it('answers missing files 404, and only extension-less paths with index.html', async () => {
    for (const url of ['/assets/missing.js', '/sw.js', '/icon.png', '/deep/link/file.css']) {
      const response = await fetch(hearth.url + url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type'), url).not.toMatch(/text\/html/);
      await response.body?.cancel();
    }
    const asset = await fetch(`${hearth.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1);');
    for (const url of ['/', '/settings', '/c/abc123']) {
      const page = await fetch(hearth.url + url);
      expect(page.status, url).toBe(200);
      expect(page.headers.get('content-type'), url).toMatch(/text\/html/);
      expect(await page.text()).toContain('<title>Hearth</title>');
    }
  });

  it('answers a script path 404 before any build too', async () => {
    // `proxied` serves an empty client directory: no index.html, no sw.js.
    expect((await fetch(`${proxied.url}/settings`)).status).toBe(503);
    const response = await fetch(`${proxied.url}/sw.js`);
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});

describe('malformed requests', () => {
  it('get clear 400s (4400 on a sync socket), and the server goes on serving', async () => {
    for (const url of ['/api/%zz', '/api/auth/sessions/%E0%A4%A', '/%zz']) {
      const response = await fetch(hearth.url + url, { method: url.includes('sessions') ? 'DELETE' : 'GET' });
      expect(response.status, url).toBe(400);
      expect(await response.json(), url).toEqual({
        error: { code: 'bad_request', message: 'The address has a malformed %-escape (like %zz).' },
      });
    }
    const broken = await fetch(`${hearth.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "a@example.com", ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: { code: 'bad_request', message: 'The request body must be JSON.' } });
    const socket = new WebSocket(`${hearth.url.replace(/^http/, 'ws')}/sync/%zz`);
    expect(await new Promise((resolve) => socket.on('close', resolve))).toBe(CloseCode.badRequest);
    expect((await fetch(`${hearth.url}/healthz`)).status).toBe(200);
    expect(hearth.logs.join('\n')).not.toContain('"msg":"request failed"');
  });
});

describe('the Origin check', () => {
  const logout = (origin: string) =>
    new ApiClient(hearth.url).request('POST', '/api/auth/logout', {}, { origin }).then((r) => r.status);

  it('over HTTP compares scheme, host and port', async () => {
    expect(await logout(`https://127.0.0.1:${port()}`)).toBe(403);
    // Only the scheme differs: most likely TLS ends at a proxy Hearth does not trust. Say so.
    await eventually(() => hearth.logs.some((l) => l.includes('set HEARTH_TRUST_PROXY=on')), 'the trust-proxy hint');
    expect(await logout(`http://127.0.0.1:${Number(port()) + 1}`)).toBe(403);
    expect(await logout(`http://localhost:${port()}`)).toBe(403);
    expect(await logout('null')).toBe(403);
    expect(await logout(`http://127.0.0.1:${port()}`)).toBe(200);
  });

  it('on the WebSocket upgrade compares scheme, host and port', async () => {
    const close = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const name = indexDocName('a'.repeat(32));
        const ws = new WebSocket(`${hearth.url.replace(/^http/, 'ws')}/sync/${name}`, { headers: { origin } });
        ws.on('close', (code) => resolve(code));
        ws.on('error', reject);
      });
    expect(await close(`https://127.0.0.1:${port()}`)).toBe(CloseCode.forbidden);
    expect(await close(`http://127.0.0.1:${Number(port()) + 1}`)).toBe(CloseCode.forbidden);
    // Same origin passes the check and is refused only for having no session.
    expect(await close(`http://127.0.0.1:${port()}`)).toBe(CloseCode.unauthorized);
  });

  it('believes forwarded host and scheme only behind a trusted proxy', async () => {
    const forwarded = { 'x-forwarded-host': 'chat.example.com', 'x-forwarded-proto': 'https' };
    const post = (url: string, headers: Record<string, string>) =>
      new ApiClient(url).request('POST', '/api/auth/logout', {}, headers).then((r) => r.status);
    expect(await post(proxied.url, { ...forwarded, origin: 'https://chat.example.com' })).toBe(200);
    expect(await post(proxied.url, { ...forwarded, origin: 'http://chat.example.com' })).toBe(403);
    expect(await post(hearth.url, { ...forwarded, origin: 'https://chat.example.com' })).toBe(403);
    expect(await post(hearth.url, { ...forwarded, origin: `http://127.0.0.1:${port()}` })).toBe(200);
  });
});

describe('forwarded headers', () => {
  const signupCookie = async (url: string, headers: Record<string, string>) => {
    const response = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: `f-${crypto.randomUUID()}@example.com`, password: 'compilers are fun', name: 'F' }),
    });
    expect(response.status).toBe(201);
    return response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='))!;
  };

  it('X-Forwarded-Proto marks the cookie Secure only with HEARTH_TRUST_PROXY=on', async () => {
    expect(await signupCookie(hearth.url, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/i);
    expect(await signupCookie(proxied.url, { 'x-forwarded-proto': 'https' })).toMatch(/; Secure/);
    expect(await signupCookie(proxied.url, {})).not.toMatch(/Secure/i);
  });
});

describe('the session cookie', () => {
  const attributes = (cookie: string) => {
    const parts = new Map(
      cookie
        .split(';')
        .slice(1)
        .map((p) => {
          const [k = '', v = ''] = p.trim().split('=');
          return [k.toLowerCase(), v] as const;
        }),
    );
    return { maxAge: Number(parts.get('max-age')), expires: Date.parse(parts.get('expires') ?? '') };
  };
  const storedExpiry = (token: string) => {
    const db = new Database(path.join(hearth.dataDir, 'hearth.db'), { readonly: true });
    try {
      const key = createHash('sha256').update(token).digest('hex');
      return db.prepare('SELECT expires_at FROM sessions WHERE id = ?').pluck().get(key) as number;
    } finally {
      db.close();
    }
  };

  const update = (token: string, expiresAt: number, lastSeenAt: number) => {
    const db = new Database(path.join(hearth.dataDir, 'hearth.db'));
    try {
      db.prepare('UPDATE sessions SET expires_at = ?, last_seen_at = ? WHERE id = ?').run(
        expiresAt,
        lastSeenAt,
        createHash('sha256').update(token).digest('hex'),
      );
    } finally {
      db.close();
    }
  };

  it('lives as long as the session, and is sent again when the session is extended', async () => {
    const client = new ApiClient(hearth.url);
    const signup = await client.post('/api/auth/signup', {
      email: `c-${crypto.randomUUID()}@example.com`,
      password: 'compilers are fun',
      name: 'C',
    });
    const first = signup.headers.getSetCookie().find((c) => c.startsWith('hearth_session='))!;
    const token = client.cookie!.split('=')[1]!;
    const expiresAt = storedExpiry(token);
    expect(attributes(first).maxAge).toBeGreaterThan(30 * DAY_SECONDS - 60);
    expect(attributes(first).maxAge).toBeLessThanOrEqual(30 * DAY_SECONDS);
    expect(Math.abs(attributes(first).expires - expiresAt)).toBeLessThan(1000);

    // A session past half its life is extended by lucia on its next request.
    update(token, Date.now() + 10 * DAY_SECONDS * 1000, Date.now());
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    const renewed = me.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
    expect(renewed).toBeDefined();
    const extended = storedExpiry(token);
    expect(extended).toBeGreaterThan(Date.now() + 29 * DAY_SECONDS * 1000);
    expect(Math.abs(attributes(renewed!).expires - extended)).toBeLessThan(1000);
    expect(attributes(renewed!).maxAge).toBeGreaterThan(29 * DAY_SECONDS);

    // A request that does not extend the session does not send the cookie again.
    const again = await client.get('/api/auth/me');
    expect(again.headers.getSetCookie().find((c) => c.startsWith('hearth_session='))).toBeUndefined();

    // A session extended on a sync socket (no cookie can be set there) and not seen over
    // HTTP for a while: the next request brings the cookie up to date.
    const syncExtended = Date.now() + 30 * DAY_SECONDS * 1000 - 5000;
    update(token, syncExtended, Date.now() - 5 * 60_000);
    const later = await client.get('/api/auth/me');
    const caughtUp = later.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
    expect(caughtUp).toBeDefined();
    expect(Math.abs(attributes(caughtUp!).expires - syncExtended)).toBeLessThan(1000);
  });
});
