// A light sync client for load generation: one WebSocket on one doc, speaking y-websocket's
// messages (Hearth) or the same messages prefixed by the doc name after a token message
// (Hocuspocus). It never applies what it receives, only hands updates to `onUpdate`, so a
// thousand of them cost the load generator little CPU.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { mapLimit } from './map-limit';
import type { ServerKind } from './servers';

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const AUTH_TOKEN = 0;
const SYNC_STEP_1 = 0;
const SYNC_UPDATE = 2;
/** The state vector of an empty doc: the server answers with the whole doc. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export interface Target {
  kind: ServerKind;
  /** http://127.0.0.1:port */
  url: string;
  /** Cookie header for Hearth (`hearth_session=…`). */
  cookie?: string;
}

export class RawSyncClient {
  private readonly ws: WebSocket;
  /** Resolves on the server's first sync message: the socket is attached to the live doc. */
  readonly ready: Promise<void>;
  private markReady: () => void = () => {};
  onUpdate: ((update: Uint8Array) => void) | undefined;
  /** The close code, once the socket closed. */
  closedWith: number | undefined;

  /** `requestDoc` false skips the client's sync step 1: an idle socket that fetches nothing. */
  constructor(
    readonly target: Target,
    readonly docName: string,
    requestDoc = true,
  ) {
    const base = target.url.replace(/^http/, 'ws');
    const url = target.kind === 'hearth' ? `${base}/sync/${docName}?v=${SYNC_PROTOCOL_VERSION}` : base;
    this.ws = new WebSocket(url, { headers: target.cookie ? { cookie: target.cookie } : {}, perMessageDeflate: false });
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.ws.on('error', reject);
      this.ws.on('close', (code, reason) => {
        this.closedWith = code;
        reject(new Error(`${target.kind} closed ${docName}: ${code} ${reason.toString()}`));
      });
    });
    this.ready.catch(() => {});
    this.ws.on('open', () => {
      if (target.kind === 'hocuspocus') {
        this.sendMessage(MESSAGE_AUTH, (encoder) => {
          encoding.writeVarUint(encoder, AUTH_TOKEN);
          encoding.writeVarString(encoder, '');
        });
      }
      if (requestDoc) this.sendSync(SYNC_STEP_1, EMPTY_STATE_VECTOR);
    });
    this.ws.on('message', (data: Buffer) => this.receive(data));
  }

  /** Sends one Yjs update as a sync "update" message. */
  sendUpdate(update: Uint8Array): void {
    this.sendSync(SYNC_UPDATE, update);
  }

  /** Bytes queued in the socket but not yet handed to the OS. */
  get buffered(): number {
    return this.ws.bufferedAmount;
  }

  close(): void {
    this.ws.close();
  }

  private sendSync(step: number, payload: Uint8Array): void {
    this.sendMessage(MESSAGE_SYNC, (encoder) => {
      encoding.writeVarUint(encoder, step);
      encoding.writeVarUint8Array(encoder, payload);
    });
  }

  private sendMessage(type: number, write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    if (this.target.kind === 'hocuspocus') encoding.writeVarString(encoder, this.docName);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  private receive(frame: Buffer): void {
    const decoder = decoding.createDecoder(frame);
    if (this.target.kind === 'hocuspocus') decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    this.markReady();
    if (decoding.readVarUint(decoder) === SYNC_UPDATE) this.onUpdate?.(decoding.readVarUint8Array(decoder));
  }
}

/** Opens one client per doc name, `concurrency` handshakes at a time; resolves when all are live. */
export function connectAll(target: Target, docNames: readonly string[], concurrency: number, requestDoc = true) {
  return mapLimit(docNames, concurrency, async (name) => {
    const client = new RawSyncClient(target, name, requestDoc);
    await client.ready;
    return client;
  });
}
