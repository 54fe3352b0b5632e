// Sync rules over an in-process socket pair with controlled delivery: a real SyncConnection
// and LiveDoc over a real DocStore (temp SQLite), clients speaking y-websocket's protocol,
// frames delivered in an order the test (or a seed) chooses, so a failure replays exactly.
// The access rules run through the sync server's checks of the upgrade, with sessions
// started and ended by the real routes in this process. Restarts and kill -9 stay in the
// process-level tests (sync-durability, sync-convergence); sync-refusals has the same access
// rules over real sockets.
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { tooLargeReason } from '../../server/sync/connection';
import { indexDocName, parseDocName, projectDocName, threadDocName } from '../../shared/docs/names';
import { CloseCode, DEFAULT_SYNC_LIMITS, MessageType } from '../../shared/sync/protocol';
import type { ApiClient } from '../support/api-client';
import { seededRandom } from '../support/convergence';
import { storeFixture } from '../support/doc-store-fixture';
import { type InProcessHearth, inProcessHearth } from '../support/in-process-hearth';
import { PairedClient } from '../support/socket-pair';

function setup(limits = DEFAULT_SYNC_LIMITS) {
  const fixture = storeFixture({ durable: false });
  const name = projectDocName(fixture.userId, 'e'.repeat(32));
  const live = fixture.open(parseDocName(name)!, fixture.store, limits);
  const client = (doc?: Y.Doc) => PairedClient.on(live, doc, limits);
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

describe('access through the upgrade, in process', () => {
  let hearth: InProcessHearth;
  beforeAll(() => {
    hearth = inProcessHearth();
  });
  afterAll(() => hearth.close());

  const signedOut = { code: CloseCode.unauthorized, reason: 'This session was signed out.' };

  /** A new account, signed up on a new device. */
  async function account() {
    const device = hearth.device();
    const { id, email, password } = await device.signup();
    /** Another device of the account, with a session of its own. */
    const another = async () => {
      const other = hearth.device();
      expect((await other.post('/api/auth/login', { email, password })).status).toBe(200);
      return other;
    };
    return { device, userId: id, password, another };
  }

  /** A socket of `device` on `name`, open and synced. */
  async function open(device: ApiClient, name: string) {
    const socket = hearth.socket(device, name);
    socket.connect();
    await socket.flush();
    expect(socket.closed).toBeNull();
    expect(socket.connected).toBe(true);
    return socket;
  }

  /** How the server closed an upgrade it refused (null if it let it in). */
  async function refusal(device: ApiClient, name: string, headers: Record<string, string> = {}) {
    const socket = hearth.socket(device, name, headers);
    socket.connect();
    await socket.opened();
    return socket.closed;
  }

  /** True when the server stores an edit `socket` makes and acknowledges it ([S15]). */
  async function stillSyncs(socket: ReturnType<InProcessHearth['socket']>) {
    socket.doc.getMap('m').set('still', crypto.randomUUID());
    await socket.flush();
    return socket.closed === null && covers(socket.acks.at(-1), socket.doc);
  }

  it('[S4] an upgrade without a session cookie, or with a forged one, closes with 4401', async () => {
    const { userId } = await account();
    const stranger = hearth.device();
    const noSession = { code: CloseCode.unauthorized, reason: 'You are signed out. Sign in to sync.' };
    expect(await refusal(stranger, indexDocName(userId))).toEqual(noSession);
    expect(await refusal(stranger, indexDocName(userId), { cookie: 'hearth_session=forged' })).toEqual(noSession);
  });

  it('[S4] signing out closes that session’s sockets at once, and only those', async () => {
    const { device, userId, another } = await account();
    const phone = await another();
    const leaving = await open(device, indexDocName(userId));
    const staying = await open(phone, indexDocName(userId));
    const cookie = device.cookie!;
    expect((await device.post('/api/auth/logout')).status).toBe(200);
    expect(leaving.closed).toEqual(signedOut);
    expect(await stillSyncs(staying)).toBe(true);
    // The ended session cannot open another.
    expect((await refusal(device, indexDocName(userId), { cookie }))?.code).toBe(CloseCode.unauthorized);
  });

  it('[S4] revoking a session from another device closes its sockets at once', async () => {
    const { device, userId, another } = await account();
    const revoked = await open(device, threadDocName(userId, 'f'.repeat(32)));
    const laptop = await another();
    const sessions = await device.get<{ sessions: { id: string; current: boolean }[] }>('/api/auth/sessions');
    const first = sessions.body.sessions.find((s) => s.current)!.id;
    expect((await laptop.delete(`/api/auth/sessions/${first}`)).status).toBe(200);
    expect(revoked.closed).toEqual(signedOut);
  });

  it('[S4] a password change closes the sockets of the other sessions at once; its own keeps syncing', async () => {
    const { device, userId, password, another } = await account();
    const phone = await another();
    const other = await open(phone, indexDocName(userId));
    const own = await open(device, indexDocName(userId));
    const change = await device.post('/api/auth/password', {
      currentPassword: password,
      newPassword: 'a new passphrase',
    });
    expect(change.status).toBe(200);
    expect(other.closed).toEqual(signedOut);
    expect(await stillSyncs(own)).toBe(true);
  });

  it('[S4] deleting the account closes every socket of it at once', async () => {
    const { device, userId, password, another } = await account();
    const phone = await another();
    const sockets = [
      await open(device, indexDocName(userId)),
      await open(phone, indexDocName(userId)),
      await open(phone, threadDocName(userId, 'f'.repeat(32))),
    ];
    expect((await device.delete('/api/account', { password })).status).toBe(200);
    for (const socket of sockets) {
      expect(socket.closed).toEqual({ code: CloseCode.unauthorized, reason: 'This account was deleted.' });
    }
  });

  it('[S5] another account’s doc closes with 4403, a malformed name with 4400; the own doc opens', async () => {
    const mallory = await account();
    const victim = await account();
    expect(await refusal(mallory.device, indexDocName(victim.userId))).toEqual({
      code: CloseCode.forbidden,
      reason: 'That doc belongs to another account.',
    });
    for (const name of ['nonsense', `${mallory.userId}/thread/short`, `${mallory.userId}/index/extra`, 'a%2F..%2Fb']) {
      expect(await refusal(mallory.device, name)).toEqual({
        code: CloseCode.badRequest,
        reason: 'That is not a doc name.',
      });
    }
    expect(await stillSyncs(await open(mallory.device, indexDocName(mallory.userId)))).toBe(true);
  });

  it('[S5] an upgrade from another site closes with 4403', async () => {
    const { device, userId } = await account();
    expect(await refusal(device, indexDocName(userId), { origin: 'https://evil.example' })).toEqual({
      code: CloseCode.forbidden,
      reason: 'Connection refused: it came from another site.',
    });
  });
});
