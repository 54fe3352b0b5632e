// An in-process socket pair with controlled delivery, for protocol tests that must replay
// exactly (after tldraw's TestSocketPair): a real SyncConnection on a real LiveDoc (over a
// real DocStore on a temp SQLite file) on one side, a client that speaks y-websocket's
// protocol on a Y.Doc on the other. Frames wait in a queue on each side until the test
// delivers them, in the order it chooses.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { type Socket, SyncConnection } from '../../server/sync/connection';
import { TokenBucket } from '../../server/sync/limits';
import type { LiveDoc } from '../../server/sync/live-doc';
import { DEFAULT_SYNC_LIMITS, MessageType, type SyncLimits } from '../../shared/sync/protocol';
import { quietLog } from './doc-store-fixture';

const OPEN = 1;
const CLOSED = 3;

export interface Close {
  code: number;
  reason: string;
}

/** One client's link to a live doc; `doc` survives disconnects, like a device's copy. */
export class PairedClient {
  /** Frames the client sent, not yet delivered to the server. */
  readonly toServer: Uint8Array[] = [];
  /** Frames the server sent, not yet delivered to the client. */
  readonly toClient: Uint8Array[] = [];
  /** The state vectors the server acknowledged ([S15]), newest last. */
  readonly acks: Map<number, number>[] = [];
  /** How the server closed the current connection, if it did. */
  closed: Close | null = null;
  private connection: SyncConnection | null = null;

  constructor(
    readonly live: LiveDoc,
    readonly doc = new Y.Doc(),
    private readonly limits: Readonly<SyncLimits> = DEFAULT_SYNC_LIMITS,
  ) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.connection) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      this.toServer.push(encoding.toUint8Array(encoder));
    });
  }

  get connected(): boolean {
    return this.connection !== null;
  }

  /** Opens a connection: the server's step 1 and the client's step 1 wait in the queues. */
  connect(): void {
    if (this.connection) return;
    const socket: Socket & { readyState: number } = {
      readyState: OPEN,
      bufferedAmount: 0,
      send: (frame) => {
        if (this.connection === connection) this.toClient.push(frame);
      },
      close: (code, reason) => {
        socket.readyState = CLOSED;
        this.closed = { code, reason };
        this.drop();
      },
    };
    this.closed = null;
    const connection = new SyncConnection(
      socket,
      this.live,
      'session',
      { messages: new TokenBucket(this.limits.maxMessagesPerSecondPerUser) },
      this.limits,
      quietLog,
    );
    this.connection = connection;
    connection.start();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.toServer.push(encoding.toUint8Array(encoder));
  }

  /** The client goes away: what is queued either way is lost, as on a dropped socket. */
  disconnect(): void {
    this.connection?.ended();
    this.drop();
  }

  private drop(): void {
    this.connection = null;
    this.toServer.length = 0;
    this.toClient.length = 0;
  }

  /** Sends a frame the stock client would never send. */
  sendRaw(frame: Uint8Array): void {
    this.toServer.push(frame);
  }

  /** Delivers the oldest frame to the server and waits until the server has handled it. */
  async deliverToServer(): Promise<void> {
    const frame = this.toServer.shift();
    const connection = this.connection;
    if (!frame || !connection) return;
    connection.receive(frame);
    await connection.whenIdle();
  }

  /** Delivers the oldest frame to the client, which answers as y-websocket would. */
  deliverToClient(): Uint8Array | undefined {
    const frame = this.toClient.shift();
    if (!frame) return undefined;
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1 && this.connection) this.toServer.push(encoding.toUint8Array(encoder));
    } else if (type === MessageType.ack) {
      this.acks.push(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    }
    return frame;
  }

  /** Delivers everything queued both ways until both queues are empty. */
  async flush(): Promise<void> {
    while (this.toServer.length > 0 || this.toClient.length > 0) {
      while (this.toServer.length > 0) await this.deliverToServer();
      while (this.toClient.length > 0) this.deliverToClient();
    }
  }
}
