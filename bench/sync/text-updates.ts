// Hand-encoded Yjs updates (format v1) that append text to a Y.Text, one writer each. A
// Y.Doc spends 20–1,000 µs per append as its text grows; this spends about one, so the
// load generator stays light while the servers receive ordinary, valid Yjs updates.
import assert from 'node:assert/strict';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

const CONTENT_STRING = 4;
const HAS_ORIGIN = 0x80;

/** One writer's appends to the root Y.Text `key`: each call gives the next update. */
export class TextAppender {
  private clock = 0;

  constructor(
    readonly clientId: number,
    private readonly key = 'bench',
  ) {}

  /** The update appending `text` (ASCII, so Yjs lengths equal byte lengths). */
  next(text: string): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1); // clients with structs
    encoding.writeVarUint(encoder, 1); // structs of this client
    encoding.writeVarUint(encoder, this.clientId);
    encoding.writeVarUint(encoder, this.clock);
    if (this.clock === 0) {
      encoding.writeUint8(encoder, CONTENT_STRING);
      encoding.writeVarUint(encoder, 1); // parent is a root type, named by key
      encoding.writeVarString(encoder, this.key);
    } else {
      encoding.writeUint8(encoder, CONTENT_STRING | HAS_ORIGIN);
      encoding.writeVarUint(encoder, this.clientId); // left origin: this writer's last char
      encoding.writeVarUint(encoder, this.clock - 1);
    }
    encoding.writeVarString(encoder, text);
    encoding.writeVarUint(encoder, 0); // empty delete set
    this.clock += text.length;
    return encoding.toUint8Array(encoder);
  }
}

/**
 * Identifies an update by its first struct (`client:clock`); the servers re-encode what
 * they broadcast, but a single-writer append keeps its first struct's id.
 */
export function updateKey(update: Uint8Array): string {
  const decoder = decoding.createDecoder(update);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  const client = decoding.readVarUint(decoder);
  return `${client}:${decoding.readVarUint(decoder)}`;
}

/** A random Yjs client id, as Y.Doc picks them. */
export const randomClientId = () => Math.floor(Math.random() * 0xffffffff);

/** Fails loudly if the hand encoding ever stops being what Yjs reads. */
export function checkTextAppender(): void {
  const writer = new TextAppender(randomClientId(), 'check');
  const doc = new Y.Doc();
  const echoed: string[] = [];
  doc.on('update', (update: Uint8Array) => echoed.push(updateKey(update)));
  const sent = ['hello ', 'bench ', 'world'].map((text) => writer.next(text));
  for (const update of sent) Y.applyUpdate(doc, update);
  assert.equal(doc.getText('check').toString(), 'hello bench world');
  assert.deepEqual(echoed, sent.map(updateKey));
}
