// The /sync/<docName> WebSocket endpoint on the HTTP server: authenticates the upgrade by
// the session cookie, authorises by the user id in the doc name, caps each user's sockets
// and messages, and hands the socket to a SyncConnection. Refusals upgrade and then close
// with a 44xx code and a reason ([S4], [S5], [S7], [S15]); no request can take the process down.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseCookies } from 'hono/utils/cookie';
import { WebSocket, WebSocketServer } from 'ws';
import { parseDocName } from '../../shared/docs/names';
import { CloseCode, SYNC_VERSION_PARAM, type SyncLimits, UPGRADE_REQUIRED_REASON } from '../../shared/sync/protocol';
import { sessionKey } from '../auth/lucia';
import { fromOwnOrigin } from '../http/origin-check';
import type { Services } from '../services';
import { type Socket, SyncConnection, tooLargeReason, type UserQuota } from './connection';
import type { DocRegistry } from './doc-registry';
import { TokenBucket } from './limits';
import { SyncRefusal } from './sync-refusal';

const PREFIX = '/sync/';
/** Longer than any doc name Hearth makes, even percent-encoded. */
const MAX_NAME_CHARS = 300;
/** ws closes with these codes, and no reason, on a frame over maxPayload or a malformed one. */
const WS_MESSAGE_TOO_BIG = 1009;
const WS_PROTOCOL_ERROR = 1002;
const PRUNE_USERS_EVERY_MS = 60_000;

/** What the upgrade is checked by: its URL (doc name, version) and headers (origin, cookie). */
export type UpgradeRequest = Pick<IncomingMessage, 'url' | 'headers'>;

/** A connection the sync server opened: the caller feeds it the socket's frames. */
export interface OpenedSocket {
  connection: SyncConnection;
  /** Call once the socket has closed, from either side: frees its place among the user's sockets. */
  ended: () => void;
}

/** The user's open connections and the quota they share. */
interface UserSockets extends UserQuota {
  connections: Set<SyncConnection>;
}

/**
 * ws refuses a frame over `maxPayload` as soon as its header announces the length, before
 * buffering any of it, and a malformed frame (say, an unmasked one), but closes with 1009
 * or 1002 and no reason; this says 4413 or 4400, and why.
 */
function socketClass(limits: Readonly<SyncLimits>): typeof WebSocket {
  return class extends WebSocket {
    override close(code?: number, data?: string | Buffer): void {
      if (code === WS_MESSAGE_TOO_BIG && data === undefined) super.close(CloseCode.tooLarge, tooLargeReason(limits));
      else if (code === WS_PROTOCOL_ERROR && data === undefined) super.close(CloseCode.badRequest, 'Malformed frame.');
      else super.close(code, data);
    }
  };
}

export class SyncServer {
  private readonly wss: WebSocketServer;
  private readonly byUser = new Map<string, UserSockets>();
  private readonly sessionAlive;
  private readonly pruner: NodeJS.Timeout;

  constructor(
    private readonly s: Services,
    private readonly registry: DocRegistry,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: registry.limits.maxFrameBytes,
      WebSocket: socketClass(registry.limits),
    });
    this.sessionAlive = s.db
      .prepare<[string, number], number>('SELECT 1 FROM sessions WHERE id = ? AND expires_at > ?')
      .pluck();
    s.events.on('sessions-changed', (userId) => this.recheckSessions(userId));
    // Every socket of the account is on one of its docs: dropping them closes each with 4401.
    s.events.on('account-deleted', (userId) => registry.dropUser(userId));
    this.pruner = setInterval(() => this.pruneUsers(), PRUNE_USERS_EVERY_MS);
    this.pruner.unref();
  }

  /** Routes upgrades under /sync/ here; others are refused. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        if (!req.url?.startsWith(PREFIX)) {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
          return;
        }
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
      } catch (error) {
        this.s.log.error('a sync upgrade failed', { path: pathOf(req), err: error });
        socket.destroy();
      }
    });
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    ws.binaryType = 'nodebuffer';
    // Frames sent while the upgrade is checked wait here, in order.
    const early: Buffer[] = [];
    const buffer = (data: Buffer) => early.push(data);
    ws.on('message', buffer);
    // ws closes the socket itself after an error; without a listener the error would throw.
    ws.on('error', () => {});
    this.open(ws, req)
      .then((opened) => {
        ws.off('message', buffer);
        if (!opened) return;
        ws.on('message', (data: Buffer) => opened.connection.receive(data));
        ws.on('close', opened.ended);
        for (const frame of early) opened.connection.receive(frame);
      })
      .catch((error: unknown) => this.failed(ws, req, error));
  }

  /**
   * Checks an upgrade (origin, doc name, session cookie, protocol version, owner, the user's
   * sockets) and opens its connection on `socket`; null when refused, the socket then closed
   * with a code and a reason ([S4], [S5], [S7], [S15]). The real upgrade and the in-process
   * socket pair (tests/support/socket-pair.ts) both come through here.
   */
  async open(socket: Socket, req: UpgradeRequest): Promise<OpenedSocket | null> {
    const refuse = (code: number, reason: string) => {
      socket.close(code, reason);
      return null;
    };
    const header = (name: string) => firstValue(req.headers[name]);
    if (!fromOwnOrigin(header, this.s.config))
      return refuse(CloseCode.forbidden, 'Connection refused: it came from another site.');

    const name = docNameIn(req.url ?? '');
    const ref = name === null ? null : parseDocName(name);
    if (!ref) return refuse(CloseCode.badRequest, 'That is not a doc name.');

    const token = parseCookies(header('cookie') ?? '')[this.s.sessions.auth.sessionCookieName];
    const { session, user } = token ? await this.s.sessions.auth.validateSession(token) : { session: null, user: null };
    if (!session || !user) return refuse(CloseCode.unauthorized, 'You are signed out. Sign in to sync.');
    // A device from before an update would misread this server's messages ([S15]);
    // checked after the session, so signing in comes first and then the reload.
    if (versionIn(req.url ?? '') !== String(this.s.syncProtocolVersion))
      return refuse(CloseCode.upgradeRequired, UPGRADE_REQUIRED_REASON);
    if (ref.userId !== user.id) return refuse(CloseCode.forbidden, 'That doc belongs to another account.');
    if (socket.readyState !== WebSocket.OPEN) return null;

    const mine = this.userSockets(user.id);
    const { maxSocketsPerUser } = this.registry.limits;
    if (mine.connections.size >= maxSocketsPerUser) {
      return refuse(
        CloseCode.tooMany,
        `Too many open connections for this account (limit ${maxSocketsPerUser}). Close some tabs or devices.`,
      );
    }
    let live: ReturnType<DocRegistry['open']>;
    try {
      live = this.registry.open(ref);
    } catch (error) {
      if (error instanceof SyncRefusal) return refuse(error.code, error.message);
      throw error;
    }
    const connection = new SyncConnection(socket, live, sessionKey(session.id), mine, this.registry.limits, this.s.log);
    mine.connections.add(connection);
    connection.start();
    return {
      connection,
      ended: () => {
        connection.ended();
        mine.connections.delete(connection);
      },
    };
  }

  /** An unexpected error while opening a socket: said in the log, and the socket closed. */
  private failed(ws: WebSocket, req: UpgradeRequest, error: unknown): void {
    this.s.log.error('a sync connection failed to open', { path: pathOf(req), err: error });
    ws.close(CloseCode.serverError, 'The server could not open this doc. Try again later.');
  }

  private userSockets(userId: string): UserSockets {
    let mine = this.byUser.get(userId);
    if (!mine) {
      mine = { connections: new Set(), messages: new TokenBucket(this.registry.limits.maxMessagesPerSecondPerUser) };
      this.byUser.set(userId, mine);
    }
    return mine;
  }

  /**
   * Forgets users with no open socket. Their quota outlives their last socket for a while,
   * so closing and reopening sockets does not refill it.
   */
  private pruneUsers(): void {
    for (const [userId, mine] of this.byUser) if (mine.connections.size === 0) this.byUser.delete(userId);
  }

  /** Closes the sockets whose session no longer exists (revoked, signed out, expired). */
  private recheckSessions(userId: string): void {
    const now = Date.now();
    for (const connection of this.byUser.get(userId)?.connections ?? []) {
      if (this.sessionAlive.get(connection.sessionKey, now) !== 1) {
        connection.close(CloseCode.unauthorized, 'This session was signed out.');
      }
    }
  }

  close(): void {
    clearInterval(this.pruner);
    for (const ws of this.wss.clients) ws.close(CloseCode.goingAway, 'The server is restarting.');
    this.wss.close();
  }
}

/** The decoded doc name in an upgrade URL, or null when it cannot be one. */
function docNameIn(url: string): string | null {
  if (!url.startsWith(PREFIX)) return null;
  const encoded = url.slice(PREFIX.length).split('?')[0] ?? '';
  if (encoded.length > MAX_NAME_CHARS) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null; // a malformed escape such as %zz
  }
}

/** The protocol version the device sent in the upgrade URL, or null. */
function versionIn(url: string): string | null {
  const query = url.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get(SYNC_VERSION_PARAM);
}

/** The request path for the log: no query string, and cut short. */
function pathOf(req: UpgradeRequest): string {
  return (req.url ?? '').split('?')[0]!.slice(0, MAX_NAME_CHARS + PREFIX.length);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
