// [S15] The server acknowledges what it stored, and a device marks a doc clean only on that
// proof; devices and server speak one protocol version. Real server, real sockets; the
// device side is the client's own LocalDoc and SyncManager over Dexie (fake-indexeddb).
import 'fake-indexeddb/auto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { db } from '../../client/db/hearth-db';
import { batchCatchUp } from '../../client/sync/batch-catch-up';
import { LocalDoc } from '../../client/sync/local-doc';
import { SyncManager, type SyncTransport } from '../../client/sync/sync-manager';
import type { SyncResponse } from '../../shared/api/sync';
import { projectDocName } from '../../shared/docs/names';
import {
  CloseCode,
  MessageType,
  SYNC_PROTOCOL_VERSION,
  SYNC_VERSION_PARAM,
  UPGRADE_REQUIRED_REASON,
} from '../../shared/sync/protocol';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { cookieWebSocket, eventually, rawClose, rawSocket, serverHas } from '../support/sync-device';

let hearth: Hearth;
beforeAll(async () => {
  hearth = await startHearth();
});
afterAll(() => hearth.stop());

const wsBase = () => `${hearth.url.replace(/^http/, 'ws')}/sync`;

async function account() {
  const client = new ApiClient(hearth.url);
  const { id } = await client.signup();
  // A project doc: the server writes nothing of its own into it, so what it holds is what
  // devices sent.
  return { client, userId: id, name: projectDocName(id, crypto.randomUUID().replaceAll('-', '')) };
}

const isAck = (data: unknown) => data instanceof ArrayBuffer && new Uint8Array(data)[0] === MessageType.ack;

/**
 * A WebSocket for the provider whose incoming acks are held while `gate.hold` is set, to be
 * delivered when the test says so: the ack's effect is then seen apart from everything else.
 */
function holdingAcks(cookie: string | undefined) {
  const gate = { hold: false, held: [] as { data: ArrayBuffer; deliver: () => void }[] };
  const Base = cookieWebSocket(cookie);
  class Holding extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const add = this.addEventListener.bind(this);
      // y-websocket sets `onmessage`, which ws turns into addEventListener('message', …).
      this.addEventListener = ((type: string, listener: (event: { data: unknown }) => void, options?: object) => {
        if (type !== 'message') return add(type as 'open', listener as () => void, options);
        const wrapped = (event: { data: unknown }) => {
          if (gate.hold && isAck(event.data)) {
            gate.held.push({ data: event.data as ArrayBuffer, deliver: () => listener(event) });
          } else listener(event);
        };
        return add('message', wrapped, options);
      }) as typeof this.addEventListener;
    }
  }
  return { WebSocketImpl: Holding as unknown as typeof globalThis.WebSocket, gate };
}

function ackedStateVector(frame: ArrayBuffer): Map<number, number> {
  const decoder = decoding.createDecoder(new Uint8Array(frame));
  expect(decoding.readVarUint(decoder)).toBe(MessageType.ack);
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

const dirtyFlag = async (name: string) => ((await db.unsent.get(name)) ? 1 : 0);

describe('acknowledgements', () => {
  it('[S15] a live change is marked clean only after the ack, whose state vector covers it', async () => {
    await db.delete({ disableAutoOpen: false });
    const { client, name } = await account();
    const { WebSocketImpl, gate } = holdingAcks(client.cookie);
    const local = new LocalDoc(name, (error) => {
      throw error;
    });
    await local.ready;
    local.connect({ wsUrl: wsBase(), WebSocketImpl, disableBc: true });
    await eventually(() => local.live, 'live');

    gate.hold = true;
    local.doc.getMap('notes').set('first', 'written live');
    await local.flush();
    // The server has stored it and its ack is on the way, held: the device must not yet
    // count the change as saved, although the socket synced and sent it.
    await serverHas(client, name, local.doc);
    await eventually(() => gate.held.length > 0, 'an ack for the change');
    await local.flush();
    expect(await dirtyFlag(name)).toBe(1);

    const acked = ackedStateVector(gate.held.at(-1)!.data);
    for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(local.doc))) {
      expect(acked.get(clientId)).toBeGreaterThanOrEqual(clock);
    }
    gate.hold = false;
    for (const { deliver } of gate.held.splice(0)) deliver();
    await eventually(async () => {
      await local.flush();
      return (await dirtyFlag(name)) === 0;
    }, 'clean after the ack');
    await local.destroy();
  });

  it('[S15] a doc closed before its ack stays dirty until an /api/sync answer proves it stored', async () => {
    await db.delete({ disableAutoOpen: false });
    const { client, userId, name } = await account();
    const { WebSocketImpl, gate } = holdingAcks(client.cookie);
    const local = new LocalDoc(name, (error) => {
      throw error;
    });
    await local.ready;
    local.connect({ wsUrl: wsBase(), WebSocketImpl, disableBc: true });
    await eventually(() => local.live, 'live');
    gate.hold = true;
    local.doc.getMap('notes').set('last', 'typed just before closing');
    await eventually(() => gate.held.length > 0, 'the ack, held');
    await local.destroy();
    expect(await dirtyFlag(name)).toBe(1);

    // The catch-up's answer is itself the proof: it marks the doc clean.
    const state = (await db.docState.get(name)) ?? { doc: name };
    await batchCatchUp(userId, [{ name, threadId: 'unused', dirty: state }], {
      batch: async (body) => (await client.post<SyncResponse>('/api/sync', body)).body,
      gone: async () => {},
      received: () => {},
      progress: () => {},
    });
    expect(await dirtyFlag(name)).toBe(0);
  });

  it('[S15] /api/sync leaves dirty a doc changed on the device while the request was out', async () => {
    await db.delete({ disableAutoOpen: false });
    const { client, userId, name } = await account();
    const offline = new LocalDoc(name, (error) => {
      throw error;
    });
    await offline.ready;
    offline.doc.getMap('notes').set('offline', 'one');
    await offline.flush();
    expect(await dirtyFlag(name)).toBe(1);

    const state = (await db.docState.get(name)) ?? { doc: name };
    await batchCatchUp(userId, [{ name, threadId: 'unused', dirty: state }], {
      batch: async (body) => {
        // Typed on the device after the upload was read, before the answer came back.
        offline.doc.getMap('notes').set('meanwhile', 'two');
        await offline.flush();
        return (await client.post<SyncResponse>('/api/sync', body)).body;
      },
      gone: async () => {},
      received: () => {},
      progress: () => {},
    });
    expect(await dirtyFlag(name)).toBe(1);
    await offline.destroy();
  });

  it('[S15] [S6] a refused update gets no ack; the socket closes instead', async () => {
    const { client, name } = await account();
    const socket = rawSocket(hearth.url, `/sync/${name}`, { cookie: client.cookie! });
    const types: number[] = [];
    socket.ws.on('message', (data: Buffer) => types.push(data[0]!));
    await socket.opened;
    const updateFrame = (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      return encoding.toUint8Array(encoder);
    };
    const doc = new Y.Doc();
    doc.getMap('notes').set('fine', true);
    socket.ws.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    await eventually(() => types.includes(MessageType.ack), 'an ack for the stored update');

    socket.ws.send(updateFrame(new Uint8Array([1, 2, 3, 250, 250, 250])));
    expect(await socket.closed).toEqual({ code: CloseCode.badRequest, reason: 'That update is malformed.' });
    expect(types.filter((type) => type === MessageType.ack)).toHaveLength(1);
  });
});

describe('protocol version', () => {
  it('[S15] a socket with another protocol version, or none, closes 4426 with a reason to reload', async () => {
    const { client, name } = await account();
    const upgrade = { code: CloseCode.upgradeRequired, reason: UPGRADE_REQUIRED_REASON };
    const cookie = client.cookie!;
    expect(await rawClose(hearth.url, `/sync/${name}?${SYNC_VERSION_PARAM}=1`, { cookie })).toEqual(upgrade);
    expect(await rawClose(hearth.url, `/sync/${name}?${SYNC_VERSION_PARAM}=`, { cookie })).toEqual(upgrade);
    const bare = new WebSocket(`${wsBase()}/${name}`, { headers: { cookie } });
    bare.on('error', () => {});
    const closed = await new Promise((resolve) =>
      bare.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(closed).toEqual(upgrade);
  });

  it('[S15] /api/sync with another protocol version, or none, answers 426 with a reason to reload', async () => {
    const { client, name } = await account();
    const body = { error: { code: 'upgrade_required', message: UPGRADE_REQUIRED_REASON } };
    const older = await client.post('/api/sync', { version: 1, docs: [{ name, stateVector: '' }] });
    expect([older.status, older.body]).toEqual([426, body]);
    const none = await client.post('/api/sync', { version: undefined, docs: [{ name, stateVector: '' }] });
    expect([none.status, none.body]).toEqual([426, body]);
    const current = await client.post('/api/sync', { version: SYNC_PROTOCOL_VERSION, docs: [] });
    expect(current.status).toBe(200);
  });

  it('[S15] a device of another version stops syncing and its status offers a reload', async () => {
    await db.delete({ disableAutoOpen: false });
    const { client, userId } = await account();
    // This device was loaded before the server was updated: it speaks version 1.
    const Base = cookieWebSocket(client.cookie);
    class OldDevice extends Base {
      constructor(url: string | URL, protocols?: string | string[]) {
        const old = new URL(url);
        old.searchParams.set(SYNC_VERSION_PARAM, '1');
        super(old, protocols);
      }
    }
    const transport: SyncTransport = {
      wsUrl: wsBase(),
      WebSocketImpl: OldDevice as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      async batch(body) {
        const result = await client.post<SyncResponse>('/api/sync', { ...body, version: 1 });
        if (result.status !== 200) throw Object.assign(new Error('refused'), { status: result.status });
        return result.body;
      },
      isOnline: () => true,
      isNetworkError: () => false,
      isUnauthorized: () => false,
      isUpgradeRequired: (error) => (error as { status?: number }).status === 426,
    };
    const manager = new SyncManager(userId, transport, () => {});
    await manager.start();
    await eventually(() => manager.getStatus().kind === 'error', 'the status says so');
    expect(manager.getStatus()).toEqual({ kind: 'error', message: UPGRADE_REQUIRED_REASON, reload: true });
    // Nothing reconnects: the index provider stays down.
    expect(manager.index.provider?.shouldConnect).toBe(false);
    manager.online();
    expect(manager.index.provider?.wsconnected).toBe(false);
    await manager.stop();
  });
});
