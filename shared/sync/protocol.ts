// The sync wire protocol: y-websocket's message types (so the stock WebsocketProvider is
// the client), Hearth's close codes, and the limits both sides respect. Rules: SPEC.md.
import { z } from 'zod';

/**
 * Bumped when the meaning of a message or close code changes. A device sends it on every
 * sync socket (query parameter `SYNC_VERSION_PARAM`) and `/api/sync` request (`version`);
 * a server speaking another version refuses with `CloseCode.upgradeRequired` / 426 ([S15]).
 * 2: the server acknowledges stored updates (`MessageType.ack`).
 */
export const SYNC_PROTOCOL_VERSION = 2;

/** The query parameter of the sync socket's URL that carries SYNC_PROTOCOL_VERSION. */
export const SYNC_VERSION_PARAM = 'v';

/** What a person reads when this device speaks another protocol version than the server. */
export const UPGRADE_REQUIRED_REASON = 'Hearth was updated. Reload to keep syncing.';

/** First varint of every WebSocket frame, as y-websocket writes it. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Hearth's own, server to device: the server's state vector (varUint8Array), sent after
   * the updates the device sent on this socket were committed ([S15]). Everything it covers
   * is stored on the server; the device marks a doc clean only when it covers the device's
   * copy.
   */
  ack: 4,
} as const;

/** Close codes in the application range; each close also carries a reason for people. */
export const CloseCode = {
  /** The doc name or a frame is malformed, or an update failed to apply. */
  badRequest: 4400,
  /** No valid session, or the session was revoked. */
  unauthorized: 4401,
  /** The doc belongs to another user. */
  forbidden: 4403,
  /**
   * The device stopped reading: more than `maxBufferedBytes` waited to be sent to it
   * (as HTTP 408: the device took too long). Reconnecting syncs it again.
   */
  slowReader: 4408,
  /** The thread was deleted; its doc is gone for good. */
  gone: 4410,
  /** A frame or the doc is larger than the limits allow. */
  tooLarge: 4413,
  /**
   * The device speaks another protocol version (SYNC_PROTOCOL_VERSION) than the server, or
   * none: it must reload to get the server's version of the app (as HTTP 426). Not retried.
   */
  upgradeRequired: 4426,
  /** Too many messages per second, docs, or open sockets for one connection or user. */
  tooMany: 4429,
  /** The server failed unexpectedly on this connection; reconnect later. */
  serverError: 4500,
  /** The server is shutting down; reconnect later. */
  goingAway: 4503,
} as const;

/** The limits of one server; each can be set per server (HEARTH_SYNC_LIMITS). */
export interface SyncLimits {
  /** Largest WebSocket frame accepted. */
  maxFrameBytes: number;
  /** Largest encoded state of one doc. */
  maxDocBytes: number;
  /** Most docs one user may have. */
  maxDocsPerUser: number;
  /** Messages per second per connection, averaged over a few seconds (bursts allowed). */
  maxMessagesPerSecond: number;
  /** Messages per second per user, all their connections together (bursts allowed). */
  maxMessagesPerSecondPerUser: number;
  /** Sockets one user may have open at once. */
  maxSocketsPerUser: number;
  /** Bytes waiting to be sent to one socket before it counts as not reading. */
  maxBufferedBytes: number;
  /** Largest /api/sync answer before it continues in another request. */
  maxBatchResponseBytes: number;
  /** Most docs in one /api/sync request. */
  maxBatchDocs: number;
  /** Most uploaded updates in one /api/sync request. */
  maxBatchUpdates: number;
}

export const DEFAULT_SYNC_LIMITS: Readonly<SyncLimits> = {
  maxFrameBytes: 2 * 1024 * 1024,
  maxDocBytes: 32 * 1024 * 1024,
  maxDocsPerUser: 50_000,
  maxMessagesPerSecond: 200,
  maxMessagesPerSecondPerUser: 1_000,
  maxSocketsPerUser: 200,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxBatchResponseBytes: 4 * 1024 * 1024,
  maxBatchDocs: 2_000,
  maxBatchUpdates: 2_000,
};

const limit = z.number().int().positive();

/** Some limits to use instead of the defaults (for an operator, a test or a benchmark). */
export const syncLimitsOverride = z
  .strictObject({
    maxFrameBytes: limit,
    maxDocBytes: limit,
    maxDocsPerUser: limit,
    maxMessagesPerSecond: limit,
    maxMessagesPerSecondPerUser: limit,
    maxSocketsPerUser: limit,
    maxBufferedBytes: limit,
    maxBatchResponseBytes: limit,
    maxBatchDocs: limit.max(DEFAULT_SYNC_LIMITS.maxBatchDocs),
    maxBatchUpdates: limit.max(DEFAULT_SYNC_LIMITS.maxBatchUpdates),
  } satisfies Record<keyof SyncLimits, z.ZodType<number>>)
  .partial();
