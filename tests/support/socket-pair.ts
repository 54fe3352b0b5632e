// An in-process socket pair with controlled delivery, for protocol tests that must replay
// exactly (after tldraw's TestSocketPair): a real SyncConnection on a real LiveDoc (over a
// real DocStore on a temp SQLite file) on one side, a client that speaks y-websocket's
// protocol on a Y.Doc on the other. Frames wait in a queue on each side until the test
// delivers them, in the order it chooses. A client connects to the live doc itself, or
// through the sync server's checks of the upgrade (cookie, origin, doc name, version).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { type Socket, SyncConnection } from '../../server/sync/connection';
import { TokenBucket } from '../../server/sync/limits';
import type { LiveDoc } from '../../server/sync/live-doc';
import type { SyncServer, UpgradeRequest } from '../../server/sync/ws-server';
import { DEFAULT_SYNC_LIMITS, MessageType, type SyncLimits } from '../../shared/sync/protocol';
import { quietLog } from './doc-store-fixture';

const OPEN = 1;
const CLOSED = 3;

export interface Close {
  code: number;
  reason: string;
}

/** The server's end of one connection, as the pair drives it (a SyncConnection fits). */
interface ServerEnd {
  receive(frame: Uint8Array): void;
  whenIdle(): Promise<void>;
  /** The socket closed, from either side. */
  ended(): void;
}

/** Opens the server's end on a socket; null when the server refused it (and closed the socket). */
type Dial = (socket: Socket) => ServerEnd | null | Promise<ServerEnd | null>;

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
  private socket: Socket | null = null;
  private end: ServerEnd | null = null;
  private opening: Promise<void> = Promise.resolve();

  constructor(
    private readonly dial: Dial,
    readonly doc = new Y.Doc(),
  ) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.socket) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      this.toServer.push(encoding.toUint8Array(encoder));
    });
  }

  /** A client on `live` itself: a SyncConnection as the server makes one, past the upgrade's checks. */
  static on(live: LiveDoc, doc?: Y.Doc, limits: Readonly<SyncLimits> = DEFAULT_SYNC_LIMITS): PairedClient {
    return new PairedClient((socket) => {
      const quota = { messages: new TokenBucket(limits.maxMessagesPerSecondPerUser) };
      const connection = new SyncConnection(socket, live, 'session', quota, limits, quietLog);
      connection.start();
      return connection;
    }, doc);
  }

  /**
   * A client that connects as a browser does: through the sync server's checks of the
   * upgrade (`request`: its URL and headers, the cookie and origin among them).
   */
  static upgrading(server: SyncServer, request: UpgradeRequest, doc?: Y.Doc): PairedClient {
    return new PairedClient(async (socket) => {
      const opened = await server.open(socket, request);
      if (!opened) return null;
      const { connection, ended } = opened;
      return { receive: (frame) => connection.receive(frame), whenIdle: () => connection.whenIdle(), ended };
    }, doc);
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  /**
   * Opens a connection: the server's step 1 and the client's step 1 wait in the queues. Through
   * an upgrade the server decides later: see `opened`.
   */
  connect(): void {
    if (this.socket) return;
    const socket: Socket & { readyState: number } = {
      readyState: OPEN,
      bufferedAmount: 0,
      send: (frame) => {
        if (this.socket === socket) this.toClient.push(frame);
      },
      close: (code, reason) => {
        socket.readyState = CLOSED;
        if (this.socket !== socket) return;
        this.closed = { code, reason };
        const end = this.end;
        this.drop();
        end?.ended(); // as ws tells the server its socket closed
      },
    };
    this.closed = null;
    this.socket = socket;
    const end = this.dial(socket);
    if (end instanceof Promise) this.opening = end.then((opened) => this.attach(socket, opened));
    else this.attach(socket, end);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.toServer.push(encoding.toUint8Array(encoder));
  }

  /** Resolves once the server has accepted the connection, or refused it (see `closed`). */
  opened(): Promise<void> {
    return this.opening;
  }

  private attach(socket: Socket, end: ServerEnd | null): void {
    if (this.socket === socket) this.end = end;
    else end?.ended(); // the client went away while the server decided
  }

  /** The client goes away: what is queued either way is lost, as on a dropped socket. */
  disconnect(): void {
    const end = this.end;
    this.drop();
    end?.ended();
  }

  private drop(): void {
    this.socket = null;
    this.end = null;
    this.toServer.length = 0;
    this.toClient.length = 0;
  }

  /** Sends a frame the stock client would never send. */
  sendRaw(frame: Uint8Array): void {
    this.toServer.push(frame);
  }

  /** Delivers the oldest frame to the server and waits until the server has handled it. */
  async deliverToServer(): Promise<void> {
    await this.opening;
    const end = this.end;
    const frame = this.toServer.shift();
    if (!frame || !end) return;
    end.receive(frame);
    await end.whenIdle();
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
      if (encoding.length(encoder) > 1 && this.socket) this.toServer.push(encoding.toUint8Array(encoder));
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
