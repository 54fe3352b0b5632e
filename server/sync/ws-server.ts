// The /sync/<docName> WebSocket endpoint on the HTTP server: authenticates the upgrade by
// the session cookie, authorises by the user id in the doc name, and hands the socket to a
// SyncConnection. Refusals upgrade and then close with a 44xx code and a reason ([S4], [S5]).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseCookies } from 'hono/utils/cookie';
import { type WebSocket, WebSocketServer } from 'ws';
import { parseDocName } from '../../shared/docs/names';
import { CloseCode, SyncLimits } from '../../shared/sync/protocol';
import { sessionKey } from '../auth/lucia';
import { fromOwnOrigin } from '../http/origin-check';
import type { Services } from '../services';
import { SyncConnection } from './connection';
import type { DocRegistry } from './doc-registry';
import { RefusedUpdate } from './live-doc';

const PREFIX = '/sync/';

export class SyncServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: SyncLimits.maxFrameBytes * 4 });
  private readonly byUser = new Map<string, Set<SyncConnection>>();
  private readonly sessionAlive;

  constructor(
    private readonly s: Services,
    private readonly registry: DocRegistry,
  ) {
    this.sessionAlive = s.db
      .prepare<[string, number], number>('SELECT 1 FROM sessions WHERE id = ? AND expires_at > ?')
      .pluck();
    s.events.on('sessions-changed', (userId) => this.recheckSessions(userId));
    s.events.on('account-deleted', (userId) => {
      this.recheckSessions(userId);
      registry.dropUser(userId);
    });
  }

  /** Routes upgrades under /sync/ here; others are refused. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url?.startsWith(PREFIX)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        // A rejection here would end the process: a malformed %-escape is the client's
        // mistake (4400); anything else is logged and closes this socket only.
        this.accept(ws, req).catch((error: unknown) => {
          if (error instanceof URIError) return ws.close(CloseCode.badRequest, 'That is not a doc name.');
          this.s.log.error('sync upgrade failed', { err: error, path: req.url?.split('?')[0] });
          ws.close(1011, 'Something went wrong on the server.');
        });
      });
    });
  }

  private async accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    ws.binaryType = 'nodebuffer';
    const early: Buffer[] = [];
    const buffer = (data: Buffer) => early.push(data);
    ws.on('message', buffer);
    ws.on('error', () => ws.terminate());

    const refuse = (code: number, reason: string) => ws.close(code, reason);
    if (!fromOwnOrigin((name) => header(req, name), this.s.config))
      return refuse(CloseCode.forbidden, 'Connection refused: it came from another site.');

    const name = decodeURIComponent((req.url ?? '').slice(PREFIX.length).split('?')[0] ?? '');
    const ref = parseDocName(name);
    if (!ref) return refuse(CloseCode.badRequest, 'That is not a doc name.');

    const token = parseCookies(header(req, 'cookie') ?? '')[this.s.sessions.auth.sessionCookieName];
    const { session, user } = token ? await this.s.sessions.auth.validateSession(token) : { session: null, user: null };
    if (!session || !user) return refuse(CloseCode.unauthorized, 'You are signed out. Sign in to sync.');
    if (ref.userId !== user.id) return refuse(CloseCode.forbidden, 'That doc belongs to another account.');
    if (ws.readyState !== ws.OPEN) return;

    let live: ReturnType<DocRegistry['open']>;
    try {
      live = this.registry.open(ref, name);
    } catch (error) {
      if (error instanceof RefusedUpdate) return refuse(error.code, error.message);
      throw error;
    }
    const connection = new SyncConnection(ws, live, sessionKey(session.id), this.s.log);
    const mine = this.byUser.get(user.id) ?? new Set();
    this.byUser.set(user.id, mine.add(connection));
    ws.off('message', buffer);
    ws.on('message', (data: Buffer) => connection.receive(data));
    ws.on('close', () => {
      connection.ended();
      mine.delete(connection);
      if (mine.size === 0) this.byUser.delete(user.id);
    });
    connection.start();
    for (const frame of early) connection.receive(frame);
  }

  /** Closes the sockets whose session no longer exists (revoked, signed out, expired). */
  recheckSessions(userId: string): void {
    const now = Date.now();
    for (const connection of this.byUser.get(userId) ?? []) {
      if (this.sessionAlive.get(connection.sessionKey, now) !== 1) {
        connection.close(CloseCode.unauthorized, 'This session was signed out.');
      }
    }
  }

  /** How many sockets are open (for tests and benchmarks). */
  get connections(): number {
    let count = 0;
    for (const set of this.byUser.values()) count += set.size;
    return count;
  }

  close(): void {
    for (const ws of this.wss.clients) ws.close(CloseCode.goingAway, 'The server is restarting.');
    this.wss.close();
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
