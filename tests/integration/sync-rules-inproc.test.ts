// Sync rules over an in-process socket pair with controlled delivery: a real SyncConnection
// and LiveDoc over a real DocStore (temp SQLite), clients speaking y-websocket's protocol,
// frames delivered in an order the test (or a seed) chooses, so a failure replays exactly.
// Restarts and kill -9 stay in the process-level tests (sync-durability, sync-convergence).
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { tooLargeReason } from '../../server/sync/connection';
import { parseDocName, projectDocName } from '../../shared/docs/names';
import { CloseCode, DEFAULT_SYNC_LIMITS, MessageType } from '../../shared/sync/protocol';
import { seededRandom } from '../support/convergence';
import { storeFixture } from '../support/doc-store-fixture';
import { PairedClient } from '../support/socket-pair';

function setup(limits = DEFAULT_SYNC_LIMITS) {
  const fixture = storeFixture({ durable: false });
  const name = projectDocName(fixture.userId, 'e'.repeat(32));
  const live = fixture.open(parseDocName(name)!, fixture.store, limits);
  const client = (doc?: Y.Doc) => new PairedClient(live, doc, limits);
  /** The doc as stored, read back through a fresh store on the same file (a restart). */
  const stored = () => {
    const doc = new Y.Doc();
    const { state } = fixture.reopen().load(fixture.userId, name);
    if (state) Y.applyUpdate(doc, state);
    return doc;
  };
  return { live, client, stored };
}

const updateFrame = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

/** What the fuzz edits, read the same way on every copy (keys sorted: a map's order follows arrival). */
const contents = (doc: Y.Doc) =>
  JSON.stringify({
    m: Object.entries(doc.getMap('m').toJSON()).sort(([a], [b]) => a.localeCompare(b)),
    t: doc.getText('t').toString(),
  });

const covers = (acked: Map<number, number> | undefined, doc: Y.Doc) =>
  [...Y.decodeStateVector(Y.encodeStateVector(doc))].every(([id, clock]) => clock <= (acked?.get(id) ?? 0));

describe('sync rules, in process', () => {
  it('[S6] a malformed update closes that connection with 4400; nothing stored changes, others carry on', async () => {
    const { live, client, stored } = setup();
    const [bad, good] = [client(), client()];
    for (const c of [bad, good]) {
      c.connect();
      await c.flush();
    }
    good.doc.getMap('m').set('before', 1);
    await good.flush();
    const before = Y.encodeStateVector(stored());

    bad.sendRaw(updateFrame(new Uint8Array([1, 2, 3, 250, 250, 250])));
    await bad.deliverToServer();
    expect(bad.closed).toEqual({ code: CloseCode.badRequest, reason: 'That update is malformed.' });
    expect(Y.encodeStateVector(stored())).toEqual(before);

    good.doc.getMap('m').set('after', 2);
    await good.flush();
    expect(stored().getMap('m').toJSON()).toEqual({ before: 1, after: 2 });
    live.destroy(1000, 'done');
  });

  it('[S7] a frame over the limit closes with 4413 and a reason; nothing is stored', async () => {
    const { live, client, stored } = setup({ ...DEFAULT_SYNC_LIMITS, maxFrameBytes: 1024 });
    const device = client();
    device.connect();
    await device.flush();
    device.doc.getText('t').insert(0, 'x'.repeat(4096));
    await device.deliverToServer();
    expect(device.closed).toEqual({
      code: CloseCode.tooLarge,
      reason: tooLargeReason({ ...DEFAULT_SYNC_LIMITS, maxFrameBytes: 1024 }),
    });
    expect(stored().getText('t').toString()).toBe('');
    live.destroy(1000, 'done');
  });

  it('[S8] a sync step 1 is answered with only what the client lacks', async () => {
    const { live, client } = setup();
    const first = client();
    first.connect();
    for (let i = 0; i < 50; i++) first.doc.getArray('messages').push(['x'.repeat(200)]);
    await first.flush();
    const full = Y.encodeStateAsUpdate(first.doc).byteLength;

    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(first.doc));
    const again = client(copy);
    again.connect();
    await again.deliverToServer(); // its step 1
    const sizes: number[] = [];
    while (again.toClient.length > 0) sizes.push(again.deliverToClient()!.byteLength);
    expect(full).toBeGreaterThan(10_000);
    expect(Math.max(...sizes)).toBeLessThan(full / 10);

    // One that lacks the last message gets it, and it alone.
    const behind = new Y.Doc();
    Y.applyUpdate(behind, Y.encodeStateAsUpdate(first.doc));
    first.doc.getArray('messages').push(['the latest']);
    await first.flush();
    const catching = client(behind);
    catching.connect();
    await catching.flush();
    expect(catching.doc.getArray('messages').toJSON()).toEqual(first.doc.getArray('messages').toJSON());
    live.destroy(1000, 'done');
  });

  it('[S9] top-level types this version does not know are kept and passed on', async () => {
    const { live, client, stored } = setup();
    const newer = client();
    newer.connect();
    newer.doc.getMap('from-a-later-version').set('field', { nested: [1, 2] });
    newer.doc.getXmlFragment('rich').insert(0, [new Y.XmlText('hi')]);
    await newer.flush();
    const older = client();
    older.connect();
    await older.flush();
    expect(older.doc.getMap('from-a-later-version').toJSON()).toEqual({ field: { nested: [1, 2] } });
    expect(stored().getXmlFragment('rich').toString()).toBe('hi');
    live.destroy(1000, 'done');
  });

  it('[S15] every update is acknowledged after its commit, with a state vector that covers it', async () => {
    const { live, client, stored } = setup();
    const device = client();
    device.connect();
    await device.flush();
    device.doc.getMap('m').set('k', 'v');
    await device.deliverToServer();
    // Handled means committed: what the ack claims is in the store.
    const ack = device.toClient.find((frame) => frame[0] === MessageType.ack);
    expect(ack).toBeDefined();
    expect(covers(Y.decodeStateVector(Y.encodeStateVector(stored())), device.doc)).toBe(true);
    await device.flush();
    expect(covers(device.acks.at(-1), device.doc)).toBe(true);
    live.destroy(1000, 'done');
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`[S10] [S15] seed ${seed}: clients converge under random edits, delivery order and reconnects`, async () => {
      const { live, client, stored } = setup();
      const random = seededRandom(seed);
      const clients = [client(), client(), client()];
      for (const c of clients) c.connect();
      for (let step = 0; step < 300; step++) {
        const c = random.pick(clients);
        const roll = random.next();
        if (roll < 0.35) {
          const map = c.doc.getMap('m');
          if (random.next() < 0.5) map.set(`k${random.int(20)}`, random.int(1000));
          else
            c.doc.getText('t').insert(random.int(c.doc.getText('t').length + 1), String.fromCharCode(97 + (step % 26)));
        } else if (roll < 0.6) await c.deliverToServer();
        else if (roll < 0.9) c.deliverToClient();
        else if (roll < 0.95) c.disconnect();
        else c.connect();
      }
      for (const c of clients) c.connect();
      // Until nothing moves: a broadcast to one client comes from another's delivery.
      while (clients.some((c) => c.toServer.length > 0 || c.toClient.length > 0)) {
        for (const c of clients) await c.flush();
      }
      const server = stored();
      const expected = contents(server);
      for (const c of clients) {
        expect(contents(c.doc)).toBe(expected);
        expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(server));
        // The last ack covers every change this client made (others' may have come after it).
        const own = Y.decodeStateVector(Y.encodeStateVector(c.doc)).get(c.doc.clientID) ?? 0;
        expect(c.acks.at(-1)?.get(c.doc.clientID) ?? 0).toBeGreaterThanOrEqual(own);
      }
      expect(contents(live.doc)).toBe(expected);
      live.destroy(1000, 'done');
    });
  }
});
