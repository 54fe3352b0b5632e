// One WebSocket on one doc, speaking y-websocket's protocol: answers sync step 1 with a
// diff, stores incoming updates before they are applied, relays awareness, and enforces
// the frame and message-rate limits ([S6], [S7], [S8]).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncLimits } from '../../shared/sync/protocol';
import type { Logger } from '../log/logger';
import { type LiveDoc, type Peer, RefusedUpdate } from './live-doc';

/** The socket as the connection uses it (ws's WebSocket fits). */
export interface Socket {
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

const OPEN = 1;
const BURST_SECONDS = 5;

function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

export class SyncConnection implements Peer {
  private queue: Promise<void> = Promise.resolve();
  private tokens = SyncLimits.maxMessagesPerSecond * BURST_SECONDS;
  private refilledAt = Date.now();
  private closed = false;

  constructor(
    private readonly socket: Socket,
    readonly live: LiveDoc,
    readonly sessionKey: string,
    private readonly log: Logger,
  ) {}

  get userId(): string {
    return this.live.userId;
  }

  /** Sends the server's sync step 1 and the current awareness states. */
  start(): void {
    this.live.attach(this);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.live.doc);
    this.send(encoding.toUint8Array(encoder));
    const states = [...this.live.awareness.getStates().keys()];
    if (states.length > 0) this.send(this.awarenessFrame(states));
  }

  /** Takes one frame from the socket; frames are handled one at a time, in order. */
  receive(frame: Uint8Array): void {
    if (this.closed) return;
    if (frame.byteLength > SyncLimits.maxFrameBytes) {
      this.close(CloseCode.tooLarge, `Message too large (limit ${SyncLimits.maxFrameBytes >> 20} MiB).`);
      return;
    }
    if (!this.takeToken()) {
      this.close(CloseCode.tooMany, 'Too many messages per second. Slow down and reconnect.');
      return;
    }
    this.queue = this.queue.then(() => this.handle(frame)).catch((error: unknown) => this.fail(error));
  }

  private async handle(frame: Uint8Array): Promise<void> {
    if (this.closed) return;
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MessageType.sync);
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(encoder, await this.live.diffFor(payload));
          this.send(encoding.toUint8Array(encoder));
        } else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
          if (!isEmptyUpdate(payload)) await this.live.receive(payload, this);
        } else {
          throw new RefusedUpdate(CloseCode.badRequest, 'Unknown sync message.');
        }
        return;
      }
      case MessageType.awareness:
        awarenessProtocol.applyAwarenessUpdate(this.live.awareness, decoding.readVarUint8Array(decoder), this);
        return;
      case MessageType.queryAwareness:
        this.send(this.awarenessFrame([...this.live.awareness.getStates().keys()]));
        return;
      case MessageType.auth:
        return;
      default:
        throw new RefusedUpdate(CloseCode.badRequest, 'Unknown message type.');
    }
  }

  private fail(error: unknown): void {
    if (error instanceof RefusedUpdate) {
      this.close(error.code, error.message);
      return;
    }
    // lib0 throws plain Errors on truncated or overlong varints: a malformed frame.
    this.log.warn('closing a sync connection after a bad frame', { doc: this.live.name, err: error });
    this.close(CloseCode.badRequest, 'Malformed message.');
  }

  private takeToken(): boolean {
    const now = Date.now();
    const rate = SyncLimits.maxMessagesPerSecond;
    this.tokens = Math.min(rate * BURST_SECONDS, this.tokens + ((now - this.refilledAt) / 1000) * rate);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private awarenessFrame(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.live.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  send(frame: Uint8Array): void {
    if (this.socket.readyState === OPEN) this.socket.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.live.detach(this);
    if (this.socket.readyState === OPEN) this.socket.close(code, reason);
  }

  /** The socket closed from the other side. */
  ended(): void {
    if (this.closed) return;
    this.closed = true;
    this.live.detach(this);
  }
}
