// A device for sync tests: the stock y-websocket WebsocketProvider in Node, carrying the
// session cookie on the upgrade, one provider per doc; raw sockets for what a provider would
// never send; and a durable signal that the server holds a device's changes.
import type { Socket } from 'node:net';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SyncResponse } from '../../shared/api/sync';
import { MessageType, SYNC_PROTOCOL_VERSION, SYNC_VERSION_PARAM } from '../../shared/sync/protocol';
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
    params: { [SYNC_VERSION_PARAM]: String(SYNC_PROTOCOL_VERSION) },
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

export interface Closed {
  code: number;
  reason: string;
}

export interface RawSocket {
  ws: WebSocket;
  opened: Promise<void>;
  /** How the socket closed. Errors (a reset after the server closed) do not reject it. */
  closed: Promise<Closed>;
}

/** `path` with this protocol version in its query, unless it names one ([S15]). */
export function withSyncVersion(path: string): string {
  if (new URLSearchParams(path.split('?')[1] ?? '').has(SYNC_VERSION_PARAM)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${SYNC_VERSION_PARAM}=${SYNC_PROTOCOL_VERSION}`;
}

/**
 * A bare socket on `path` (`/sync/<name>`), to send what no provider would. It speaks this
 * protocol version unless `path` names one.
 */
export function rawSocket(baseUrl: string, path: string, headers: Record<string, string> = {}): RawSocket {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${withSyncVersion(path)}`, { headers });
  ws.on('error', () => {});
  return {
    ws,
    opened: new Promise((resolve) => ws.once('open', () => resolve())),
    closed: new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
  };
}

/** The TCP socket under a ws client: to stop reading, or to write bytes no client would. */
export const tcpSocketOf = (ws: WebSocket): Socket => (ws as unknown as { _socket: Socket })._socket;

/** Opens a bare socket, sends `frames` once it is open, and resolves with how the server closed it. */
export function rawClose(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
  frames: Uint8Array[] = [],
): Promise<Closed> {
  const socket = rawSocket(baseUrl, path, headers);
  void socket.opened.then(() => {
    for (const frame of frames) socket.ws.send(frame);
  });
  return socket.closed;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Resolves once the server holds everything `doc` holds: its answer to /api/sync carries a
 * state vector that covers the doc's. The server applies a change only after storing it,
 * so this is a durable signal, not a guess at how long a write takes.
 */
export async function serverHas(client: ApiClient, name: string, doc: Y.Doc): Promise<void> {
  const wanted = Y.decodeStateVector(Y.encodeStateVector(doc));
  await eventually(async () => {
    const answer = await client.post<SyncResponse>('/api/sync', { docs: [{ name, stateVector: '' }] });
    const held = answer.body.docs[0];
    if (!held) return wanted.size === 0;
    const server = Y.decodeStateVector(new Uint8Array(Buffer.from(held.stateVector, 'base64')));
    return [...wanted].every(([client, clock]) => (server.get(client) ?? 0) >= clock);
  }, `the server holds ${name}`);
}

/** Uploads `update` to `name` through /api/sync and returns the answer. */
export function upload(client: ApiClient, name: string, update: Uint8Array) {
  return client.post<SyncResponse>('/api/sync', { docs: [], updates: [{ name, update: b64(update) }] });
}

/** A frame carrying a Yjs update, as y-websocket sends one. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
