// What the sync endpoint refuses, and that a refusal touches nothing else ([S4]–[S6], [S9]).
// The limits ([S7]) are in sync-limits.test.ts.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SyncResponse } from '../../shared/api/sync';
import { createThread, listThreads } from '../../shared/docs/index-doc';
import { indexDocName, projectDocName, threadDocName } from '../../shared/docs/names';
import { CloseCode } from '../../shared/sync/protocol';
import { ApiClient } from '../support/api-client';
import { seededRandom } from '../support/convergence';
import { decodes, docState, halfApplyingFlip } from '../support/flipped-updates';
import { type Hearth, startHearth } from '../support/hearth';
import {
  connectDoc,
  eventually,
  rawClose,
  rawSocket,
  serverHas,
  tcpSocketOf,
  updateFrame,
  upload,
} from '../support/sync-device';

let hearth: Hearth;
beforeAll(async () => {
  hearth = await startHearth();
});
afterAll(() => hearth.stop());

const refusedBy = (path: string, headers: Record<string, string> = {}, frames: Uint8Array[] = []) =>
  rawClose(hearth.url, path, headers, frames);

async function user() {
  const client = new ApiClient(hearth.url);
  const { id, email, password } = await client.signup();
  return { client, userId: id, cookie: client.cookie!, email, password };
}

/** Another device of the same user, signed in with its own session. */
async function secondDevice(email: string, password: string) {
  const device = new ApiClient(hearth.url);
  expect((await device.post('/api/auth/login', { email, password })).status).toBe(200);
  return device;
}

describe('authentication', () => {
  it('[S4] refuses an upgrade with no cookie or a bad one', async () => {
    const { userId } = await user();
    expect(await refusedBy(`/sync/${indexDocName(userId)}`)).toEqual({
      code: CloseCode.unauthorized,
      reason: 'You are signed out. Sign in to sync.',
    });
    const bad = await refusedBy(`/sync/${indexDocName(userId)}`, { cookie: 'hearth_session=forged' });
    expect(bad).toEqual({ code: CloseCode.unauthorized, reason: 'You are signed out. Sign in to sync.' });
  });

  it('[S4] revoking a session closes its sockets at once', async () => {
    const { client, userId, email, password } = await user();
    const live = await connectDoc(client, indexDocName(userId));
    const current = await client.get<{ sessions: { id: string; current: boolean }[] }>('/api/auth/sessions');
    // Sign in elsewhere and revoke the first session from there.
    const laptop = await secondDevice(email, password);
    const first = current.body.sessions.find((s) => s.current)!.id;
    expect((await laptop.delete(`/api/auth/sessions/${first}`)).status).toBe(200);
    expect(await live.closed).toEqual({ code: CloseCode.unauthorized, reason: 'This session was signed out.' });
  });

  it('[S4] signing out closes that session’s sockets at once, and only those', async () => {
    const { client, userId, email, password } = await user();
    const phone = await secondDevice(email, password);
    const leaving = await connectDoc(client, indexDocName(userId));
    const staying = await connectDoc(phone, indexDocName(userId));
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect(await leaving.closed).toEqual({ code: CloseCode.unauthorized, reason: 'This session was signed out.' });
    // The other session's socket still syncs.
    const watcher = await connectDoc(phone, indexDocName(userId));
    createThread(staying.doc, { now: 1, title: 'still here' });
    await eventually(() => listThreads(watcher.doc).length === 1, 'the other session still syncs');
    for (const c of [staying, watcher]) c.provider.destroy();
  });

  it('[S4] a password change closes the sockets of the other sessions at once', async () => {
    const { client, userId, email, password } = await user();
    const phone = await secondDevice(email, password);
    const signedOut = await connectDoc(phone, indexDocName(userId));
    const changer = await connectDoc(client, indexDocName(userId));
    const change = await client.post('/api/auth/password', {
      currentPassword: password,
      newPassword: 'a new passphrase',
    });
    expect(change.status).toBe(200);
    expect(await signedOut.closed).toEqual({ code: CloseCode.unauthorized, reason: 'This session was signed out.' });
    // The session that changed the password keeps syncing.
    createThread(changer.doc, { now: 1, title: 'after the change' });
    await serverHas(client, indexDocName(userId), changer.doc);
    expect(changer.provider.wsconnected).toBe(true);
    changer.provider.destroy();
  });

  it('[S4] deleting the account closes every socket of it at once', async () => {
    const { client, userId, email, password } = await user();
    const phone = await secondDevice(email, password);
    const sockets = [
      await connectDoc(client, indexDocName(userId)),
      await connectDoc(phone, indexDocName(userId)),
      await connectDoc(phone, threadDocName(userId, 'f'.repeat(32))),
    ];
    expect((await client.delete('/api/account', { password })).status).toBe(200);
    for (const socket of sockets) {
      expect(await socket.closed).toEqual({ code: CloseCode.unauthorized, reason: 'This account was deleted.' });
    }
  });
});

describe('authorisation', () => {
  it('[S5] refuses another user’s doc and malformed names', async () => {
    const mallory = await user();
    const victim = await user();
    expect(await refusedBy(`/sync/${indexDocName(victim.userId)}`, { cookie: mallory.cookie })).toEqual({
      code: CloseCode.forbidden,
      reason: 'That doc belongs to another account.',
    });
    for (const name of ['nonsense', `${mallory.userId}/thread/short`, `${mallory.userId}/index/extra`, 'a%2F..%2Fb']) {
      expect(await refusedBy(`/sync/${name}`, { cookie: mallory.cookie })).toEqual({
        code: CloseCode.badRequest,
        reason: 'That is not a doc name.',
      });
    }
  });

  it('[S5] refuses an upgrade from another site', async () => {
    const { userId, cookie } = await user();
    const refused = await refusedBy(`/sync/${indexDocName(userId)}`, { cookie, origin: 'https://evil.example' });
    expect(refused.code).toBe(CloseCode.forbidden);
  });
});

describe('bad input', () => {
  it('[S6] malformed upgrades are refused with a reason, and the server and open connections carry on', async () => {
    const { client, userId, cookie } = await user();
    const name = indexDocName(userId);
    const writer = await connectDoc(client, name);
    const reader = await connectDoc(client, name);

    const notAName = { code: CloseCode.badRequest, reason: 'That is not a doc name.' };
    expect(await refusedBy('/sync/%zz')).toEqual(notAName);
    expect(await refusedBy('/sync/%zz', { cookie })).toEqual(notAName);
    expect(await refusedBy(`/sync/${userId}%2Findex%E0%A4%A`, { cookie })).toEqual(notAName);
    expect(await refusedBy(`/sync/${'a'.repeat(8000)}`, { cookie })).toEqual(notAName);
    expect(await refusedBy(`/sync/${'%41'.repeat(2000)}`, { cookie })).toEqual(notAName);
    const signedOut = { code: CloseCode.unauthorized, reason: 'You are signed out. Sign in to sync.' };
    for (const badCookie of [
      'hearth_session=%zz',
      'hearth_session="unterminated',
      `hearth_session=${'x'.repeat(6000)}`,
      '=;;=;',
    ]) {
      expect(await refusedBy(`/sync/${name}`, { cookie: badCookie })).toEqual(signedOut);
    }

    expect((await fetch(`${hearth.url}/healthz`)).status).toBe(200);
    createThread(writer.doc, { now: 1, title: 'after the bad requests' });
    await eventually(() => listThreads(reader.doc).length === 1, 'the open connection still syncs');
    // Refusals, not failures: nothing was logged as an error.
    expect(hearth.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
    writer.provider.destroy();
    reader.provider.destroy();
  });

  it('[S6] fuzzed malformed frames close only that connection with 4400, and change nothing stored', async () => {
    const { client, userId, cookie } = await user();
    const name = indexDocName(userId);
    const witness = await connectDoc(client, name);
    createThread(witness.doc, { now: 1, title: 'keep me' });
    await serverHas(client, name, witness.doc);
    const before = Y.encodeStateAsUpdate(witness.doc);

    const random = seededRandom(42);
    const frames: Uint8Array[] = [
      updateFrame(new Uint8Array([1, 2, 3, 4, 5])), // an update whose bytes are not a Yjs update
      new Uint8Array([0, 7, 0]), // unknown sync step
      new Uint8Array([9]), // unknown message type
      new Uint8Array([0, 2, 200, 200, 200, 200, 200, 200, 200, 200, 200, 1]), // overlong length
      new Uint8Array([0, 0, 3, 200, 200, 200]), // sync step 1 with a malformed state vector
      new Uint8Array([1, 3, 200, 1, 2]), // awareness that does not decode
    ];
    // Random bytes as updates: only those Yjs cannot decode, so each one must be refused.
    while (frames.length < 40) {
      const bytes = new Uint8Array(Array.from({ length: 1 + random.int(40) }, () => random.int(256)));
      if (!decodes(bytes)) frames.push(updateFrame(bytes));
    }
    for (const frame of frames) {
      const close = await refusedBy(`/sync/${name}`, { cookie }, [frame]);
      expect(close.code).toBe(CloseCode.badRequest);
      expect(close.reason).toMatch(/^Malformed|^Unknown|^That update is malformed\.$/);
    }
    // A frame the WebSocket protocol itself forbids: a client's frame must be masked.
    const unmasked = rawSocket(hearth.url, `/sync/${name}`, { cookie });
    await unmasked.opened;
    tcpSocketOf(unmasked.ws).write(new Uint8Array([0x82, 0x01, 0x00]));
    expect(await unmasked.closed).toEqual({ code: CloseCode.badRequest, reason: 'Malformed frame.' });

    // The witness is still connected, and a fresh device sees exactly the old state.
    expect(witness.provider.wsconnected).toBe(true);
    const fresh = await connectDoc(client, name);
    expect(listThreads(fresh.doc).map((t) => t.title)).toEqual(['keep me']);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVectorFromUpdate(before));
    witness.provider.destroy();
    fresh.provider.destroy();
  }, 60_000);

  it('[S6] an update that fails half-way through /api/sync is refused with 400 and leaves no trace', async () => {
    const { client, userId, email, password } = await user();
    // A project doc: the server writes nothing of its own into it (it answers queued replies
    // in thread docs), so what a device holds is what devices sent.
    const name = projectDocName(userId, 'e'.repeat(32));
    const { base, flipped } = halfApplyingFlip(seededRandom(7));
    expect((await upload(client, name, base)).status).toBe(200);
    const phone = await secondDevice(email, password);
    const watcher = await connectDoc(phone, name);
    let watcherDropped = 0;
    watcher.provider.on('connection-close', () => watcherDropped++);
    const expected = new Y.Doc();
    Y.applyUpdate(expected, base);

    const refused = await upload(client, name, flipped);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: { code: 'bad_request', message: 'That update could not be applied.' } });

    // A change after it reaches the watching device, and nothing of the refused one before it.
    const marker = new Y.Doc();
    Y.applyUpdate(marker, base);
    const markers: Uint8Array[] = [];
    marker.on('update', (update: Uint8Array) => markers.push(update));
    marker.getMap('marker').set('after', true);
    Y.applyUpdate(expected, markers[0]!);
    expect((await upload(client, name, markers[0]!)).status).toBe(200);
    await eventually(() => watcher.doc.getMap('marker').get('after') === true, 'the change after it');
    expect(docState(watcher.doc)).toBe(docState(expected));
    // The watching device stayed connected throughout ([S6]: every other connection carries on).
    expect(watcherDropped).toBe(0);
    watcher.provider.destroy();

    // The store holds exactly the base and the marker, after a restart too.
    expect(await storedState(client, name)).toBe(docState(expected));
    await hearth.stop();
    hearth = await startHearth({ dataDir: hearth.dataDir });
    expect(await storedState(client, name)).toBe(docState(expected));
  });

  it('[S6] a doc the server cannot read closes its socket with 4500, logs why, and the server carries on', async () => {
    const { client, userId, cookie } = await user();
    const name = threadDocName(userId, 'd'.repeat(32));
    // Enough updates in one upload that the doc is compacted into a snapshot.
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 210; i++) doc.getText('t').insert(i, 'x');
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const sent = await client.post('/api/sync', { docs: [], updates: updates.map((u) => ({ name, update: b64(u) })) });
    expect(sent.status).toBe(200);
    await hearth.stop();
    const db = new Database(path.join(hearth.dataDir, 'hearth.db'));
    expect(
      db.prepare('UPDATE docs SET snapshot = zeroblob(64) WHERE name = ? AND snapshot IS NOT NULL').run(name).changes,
    ).toBe(1);
    db.close();
    hearth = await startHearth({ dataDir: hearth.dataDir });

    expect(await refusedBy(`/sync/${name}?token=secret`, { cookie })).toEqual({
      code: CloseCode.serverError,
      reason: 'The server could not open this doc. Try again later.',
    });
    const logged = hearth.logs.filter((line) => line.includes('a sync connection failed to open'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`"path":"/sync/${name}"`);
    expect(logged[0]).not.toContain(cookie.split('=')[1]!);
    expect(logged[0]).not.toContain('secret');
    // Other docs and requests are served as before.
    expect((await fetch(`${hearth.url}/healthz`)).status).toBe(200);
    const other = new ApiClient(hearth.url);
    other.cookie = cookie;
    const index = await connectDoc(other, indexDocName(userId));
    index.provider.destroy();
  });
});

/** The doc as the server stores it, read through /api/sync with `client`'s session. */
async function storedState(client: ApiClient, name: string): Promise<string> {
  const device = new ApiClient(hearth.url);
  device.cookie = client.cookie;
  const answer = await device.post<SyncResponse>('/api/sync', { docs: [{ name, stateVector: '' }] });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(Buffer.from(answer.body.docs[0]!.update, 'base64')));
  return docState(doc);
}

describe('forward compatibility', () => {
  it('[S9] accepts and keeps top-level types the schema does not know', async () => {
    const { client, userId } = await user();
    const a = await connectDoc(client, indexDocName(userId));
    a.doc.getMap('fromTheFuture').set('hologram', 'on');
    a.doc.getArray('alsoNew').push([1, 2, 3]);
    await serverHas(client, indexDocName(userId), a.doc);
    a.provider.destroy();
    const b = await connectDoc(client, indexDocName(userId));
    expect(b.doc.getMap('fromTheFuture').get('hologram')).toBe('on');
    expect(b.doc.getArray('alsoNew').toArray()).toEqual([1, 2, 3]);
    b.provider.destroy();
  });
});
