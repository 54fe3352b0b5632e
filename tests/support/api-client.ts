// A cookie-keeping HTTP client for integration tests: one instance is one device.
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** How requests reach the server: the network, or an app in this process (tests/support/in-process-hearth.ts). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export class ApiClient {
  cookie: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly defaults: Record<string, string> = {},
    private readonly fetch: Fetch = (url, init) => globalThis.fetch(url, init),
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    const response = await this.fetch(this.baseUrl + path, {
      method,
      headers: {
        ...this.defaults,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('hearth_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'hearth_session=' ? undefined : value;
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get = <T = Record<string, unknown>>(path: string) => this.request<T>('GET', path);
  /** A POST; to /api/sync it speaks this version of the protocol unless the body names one ([S15]). */
  post = <T = Record<string, unknown>>(path: string, body?: unknown) =>
    this.request<T>('POST', path, path === '/api/sync' ? withSyncVersion(body) : (body ?? {}));
  delete = <T = Record<string, unknown>>(path: string, body?: unknown) => this.request<T>('DELETE', path, body);

  /** Signs up a fresh account and keeps its session cookie. */
  async signup(email = `user-${crypto.randomUUID()}@example.com`, password = 'correct horse battery', name = 'Ada') {
    const result = await this.post<{ user: { id: string; email: string } }>('/api/auth/signup', {
      email,
      password,
      name,
    });
    if (result.status !== 201) throw new Error(`signup failed: ${result.status} ${JSON.stringify(result.body)}`);
    return { ...result.body.user, password };
  }
}

function withSyncVersion(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || 'version' in body) return body;
  return { version: SYNC_PROTOCOL_VERSION, ...body };
}
