// A device for sync tests: the stock y-websocket WebsocketProvider in Node, carrying the
// session cookie on the upgrade, one provider per doc.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ApiClient } from './api-client';

export function cookieWebSocket(cookie: string | undefined) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  };
}

export interface Connected {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The close event's code and reason, once the server closed the socket for good. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens `name` live; resolves once the first sync completed (or rejects on a refusal). */
export function connectDoc(client: ApiClient, name: string, doc = new Y.Doc(), waitForSync = true): Promise<Connected> {
  const wsUrl = `${client.baseUrl.replace(/^http/, 'ws')}/sync`;
  const provider = new WebsocketProvider(wsUrl, name, doc, {
    WebSocketPolyfill: cookieWebSocket(client.cookie) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.on('closed', (close: { code: number; reason: string }) => resolve(close)),
  );
  const connected = { doc, provider, closed };
  if (!waitForSync) return Promise.resolve(connected);
  return new Promise((resolve, reject) => {
    provider.once('sync', () => resolve(connected));
    void closed.then((c) => reject(new Error(`closed ${c.code}: ${c.reason}`)));
  });
}

/** Resolves when `check` holds, polling; rejects with `what` after the timeout. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
