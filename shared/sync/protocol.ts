// The sync wire protocol: y-websocket's message types (so the stock WebsocketProvider is
// the client), Hearth's close codes, and the limits both sides respect. Rules: SPEC.md.

/** Bumped when the meaning of a message or close code changes. */
export const SYNC_PROTOCOL_VERSION = 1;

/** First varint of every WebSocket frame, as y-websocket writes it. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** Close codes in the application range; each close also carries a reason for people. */
export const CloseCode = {
  /** The doc name or a frame is malformed, or an update failed to apply. */
  badRequest: 4400,
  /** No valid session, or the session was revoked. */
  unauthorized: 4401,
  /** The doc belongs to another user. */
  forbidden: 4403,
  /** The thread was deleted; its doc is gone for good. */
  gone: 4410,
  /** A frame or the doc is larger than the limits allow. */
  tooLarge: 4413,
  /** Too many messages per second, or too many docs for one user. */
  tooMany: 4429,
  /** The server is shutting down; reconnect later. */
  goingAway: 4503,
} as const;

export const SyncLimits = {
  /** Largest WebSocket frame accepted. */
  maxFrameBytes: 2 * 1024 * 1024,
  /** Largest encoded state of one doc. */
  maxDocBytes: 32 * 1024 * 1024,
  /** Most docs one user may have. */
  maxDocsPerUser: 50_000,
  /** Messages per second per connection, averaged over a few seconds (bursts allowed). */
  maxMessagesPerSecond: 200,
  /** Largest /api/sync answer before it continues in another request. */
  maxBatchResponseBytes: 4 * 1024 * 1024,
  /** Most docs in one /api/sync request. */
  maxBatchDocs: 2_000,
  /** Most uploaded updates in one /api/sync request. */
  maxBatchUpdates: 2_000,
} as const;

/** The WebSocket path for a doc: `/sync/<docName>`. */
export const syncPath = (docName: string) => `/sync/${docName}`;
