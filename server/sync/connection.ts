// One WebSocket on one doc, speaking y-websocket's protocol: answers sync step 1 with a
// diff, stores incoming updates before they are applied, relays awareness, enforces the
// frame and message-rate limits, drops a device that stops reading ([S6], [S7], [S8]), and
// acknowledges what it stored ([S15]).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, MessageType, type SyncLimits } from '../../shared/sync/protocol';
import type { Logger } from '../log/logger';
import { formatBytes, TokenBucket } from './limits';
import type { LiveDoc, Peer } from './live-doc';
import { SyncRefusal } from './sync-refusal';

/** The socket as the connection uses it (ws's WebSocket fits). */
export interface Socket {
  readonly readyState: number;
  /** Bytes queued to send that the other side has not taken yet. */
  readonly bufferedAmount: number;
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** What a connection shares with the other connections of its user. */
export interface UserQuota {
  /** Messages from all the user's connections together ([S7]). */
  messages: TokenBucket;
}

const OPEN = 1;

/** True for an update that changes nothing (y-websocket sends some); false when it does not decode. */
function isEmptyUpdate(update: Uint8Array): boolean {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length === 0 && ds.clients.size === 0;
  } catch {
    return false; // refused as malformed by the live doc
  }
}

export const tooLargeReason = (limits: Readonly<SyncLimits>) =>
  `Message too large (limit ${formatBytes(limits.maxFrameBytes)}).`;

/** A frame, decoded. */
type Frame =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' }
  | { kind: 'auth' };

/** Decodes one y-websocket frame; throws SyncRefusal when it is not one. */
function decodeFrame(frame: Uint8Array): Frame {
  try {
    return readFrame(frame);
  } catch (error) {
    if (error instanceof SyncRefusal) throw error;
    // lib0 throws plain Errors on truncated or overlong varints.
    throw new SyncRefusal(CloseCode.badRequest, 'Malformed message.');
  }
}

function readFrame(frame: Uint8Array): Frame {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) return { kind: 'step1', stateVector: payload };
      if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
        return { kind: 'update', update: payload };
      }
      throw new SyncRefusal(CloseCode.badRequest, 'Unknown sync message.');
    }
    case MessageType.awareness:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { kind: 'queryAwareness' };
    case MessageType.auth:
      return { kind: 'auth' };
    default:
      throw new SyncRefusal(CloseCode.badRequest, 'Unknown message type.');
  }
}

export class SyncConnection implements Peer {
  private readonly waiting: Uint8Array[] = [];
  private draining = false;
  private readonly messages: TokenBucket;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    readonly live: LiveDoc,
    readonly sessionKey: string,
    private readonly user: UserQuota,
    private readonly limits: Readonly<SyncLimits>,
    private readonly log: Logger,
  ) {
    this.messages = new TokenBucket(limits.maxMessagesPerSecond);
  }

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
    if (frame.byteLength > this.limits.maxFrameBytes) {
      this.close(CloseCode.tooLarge, tooLargeReason(this.limits));
      return;
    }
    if (!this.messages.take()) {
      this.close(CloseCode.tooMany, 'Too many messages per second. Slow down and reconnect.');
      return;
    }
    if (!this.user.messages.take()) {
      this.close(CloseCode.tooMany, 'Too many messages per second from this account. Slow down and reconnect.');
      return;
    }
    this.waiting.push(frame);
    if (!this.draining) this.drained = this.drain();
  }

  private drained: Promise<void> = Promise.resolve();

  /** Resolves once every frame received so far is handled (for in-process tests). */
  async whenIdle(): Promise<void> {
    while (this.draining) await this.drained;
  }

  /**
   * Handles waiting frames in order. Updates that wait together are stored in one commit
   * (a fast typist's keystrokes, a reconnecting device's backlog), then applied in order.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0 && !this.closed) {
        const frame = decodeFrame(this.waiting.shift()!);
        if (frame.kind !== 'update') {
          await this.handle(frame);
          continue;
        }
        const updates = [frame.update];
        while (this.waiting.length > 0) {
          const next = decodeFrame(this.waiting[0]!);
          if (next.kind !== 'update') break;
          this.waiting.shift();
          updates.push(next.update);
        }
        const nonEmpty = updates.filter((update) => !isEmptyUpdate(update));
        if (nonEmpty.length > 0) await this.live.receiveMany(nonEmpty, this);
        // Only now, after the commit (a refusal threw above and closed instead) ([S15]).
        this.sendAck();
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.draining = false;
    }
  }

  private async handle(frame: Exclude<Frame, { kind: 'update' }>): Promise<void> {
    switch (frame.kind) {
      case 'step1': {
        try {
          Y.decodeStateVector(frame.stateVector);
        } catch {
          throw new SyncRefusal(CloseCode.badRequest, 'Malformed state vector.');
        }
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.sync);
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, await this.live.diffFor(frame.stateVector));
        this.send(encoding.toUint8Array(encoder));
        return;
      }
      case 'awareness':
        try {
          awarenessProtocol.applyAwarenessUpdate(this.live.awareness, frame.update, this);
        } catch {
          throw new SyncRefusal(CloseCode.badRequest, 'Malformed awareness message.');
        }
        return;
      case 'queryAwareness':
        this.send(this.awarenessFrame([...this.live.awareness.getStates().keys()]));
        return;
      case 'auth':
        return;
      default: {
        const never: never = frame;
        throw new Error(`unhandled frame ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * Tells the device what the server has stored: the live doc's state vector. Every update
   * a device sent was committed before it was applied ([S1]), so for devices' changes the
   * vector never claims more than is stored (only the server's own streamed writes may be
   * ahead of the disk, by [S1a]). Sent after empty updates too: a device that only resent
   * what the server had learns it is clean.
   */
  private sendAck(): void {
    if (this.closed) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.ack);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.live.doc));
    this.send(encoding.toUint8Array(encoder));
  }

  private fail(error: unknown): void {
    if (error instanceof SyncRefusal) {
      this.close(error.code, error.message);
      return;
    }
    this.log.error('a sync connection failed', { doc: this.live.name, err: error });
    this.close(CloseCode.serverError, 'The server failed on this connection. Reconnecting may help.');
  }

  private awarenessFrame(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.live.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  send(frame: Uint8Array): void {
    if (this.socket.readyState !== OPEN) return;
    this.socket.send(frame);
    // A device that stops reading must not make the server hold everything sent to it.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.warn('closing a sync connection that stopped reading', {
        doc: this.live.name,
        bufferedBytes: this.socket.bufferedAmount,
      });
      const limit = formatBytes(this.limits.maxBufferedBytes);
      this.close(CloseCode.slowReader, `This device stopped reading: over ${limit} waited for it. Reconnect to sync.`);
    }
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
