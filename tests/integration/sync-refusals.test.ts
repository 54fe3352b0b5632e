// What the sync endpoint refuses, and that a refusal touches nothing else ([S4]–[S7]).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createThread, listThreads } from '../../shared/docs/index-doc';
import { indexDocName } from '../../shared/docs/names';
import { CloseCode, SyncLimits } from '../../shared/sync/protocol';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { connectDoc, eventually } from '../support/sync-device';

let hearth: Hearth;
beforeAll(async () => {
  hearth = await startHearth();
});
afterAll(() => hearth.stop());

/** Opens a raw socket and resolves with how the server closed it. */
function rawClose(
  path: string,
  headers: Record<string, string>,
  frames: Uint8Array[] = [],
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${hearth.url.replace('http', 'ws')}${path}`, { headers });
    ws.on('open', () => {
      for (const frame of frames) ws.send(frame);
    });
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}

async function user() {
  const client = new ApiClient(hearth.url);
  const { id } = await client.signup();
  return { client, userId: id, cookie: client.cookie! };
}

describe('refusals', () => {
  it('[S4] refuses an upgrade with no cookie or a bad one', async () => {
    const { userId } = await user();
    expect(await rawClose(`/sync/${indexDocName(userId)}`, {})).toMatchObject({ code: CloseCode.unauthorized });
    const bad = await rawClose(`/sync/${indexDocName(userId)}`, { cookie: 'hearth_session=forged' });
    expect(bad).toEqual({ code: 4401, reason: 'You are signed out. Sign in to sync.' });
  });

  it('[S4] revoking a session closes its sockets at once', async () => {
    const { client, userId } = await user();
    const other = new ApiClient(hearth.url);
    other.cookie = client.cookie;
    const live = await connectDoc(client, indexDocName(userId));
    const sessions = await other.get<{ sessions: { id: string }[] }>('/api/auth/sessions');
    const laptop = new ApiClient(hearth.url);
    // Sign in elsewhere and revoke the first session from there.
    const email = (await client.get<{ user: { email: string } }>('/api/auth/me')).body.user.email;
    await laptop.post('/api/auth/login', { email, password: 'correct horse battery' });
    expect((await laptop.delete(`/api/auth/sessions/${sessions.body.sessions[0]!.id}`)).status).toBe(200);
    expect(await live.closed).toMatchObject({ code: CloseCode.unauthorized });
  });

  it('[S5] refuses another user’s doc and malformed names', async () => {
    const mallory = await user();
    const victim = await user();
    expect(await rawClose(`/sync/${indexDocName(victim.userId)}`, { cookie: mallory.cookie })).toMatchObject({
      code: CloseCode.forbidden,
    });
    for (const name of ['nonsense', `${mallory.userId}/thread/short`, `${mallory.userId}/index/extra`, 'a%2F..%2Fb']) {
      expect(await rawClose(`/sync/${name}`, { cookie: mallory.cookie })).toMatchObject({ code: CloseCode.badRequest });
    }
  });

  it('[S5] refuses an upgrade from another site', async () => {
    const { userId, cookie } = await user();
    const refused = await rawClose(`/sync/${indexDocName(userId)}`, { cookie, origin: 'https://evil.example' });
    expect(refused.code).toBe(CloseCode.forbidden);
  });

  it('[S6] fuzzed malformed frames close only that connection and change nothing stored', async () => {
    const { client, userId, cookie } = await user();
    const witness = await connectDoc(client, indexDocName(userId));
    createThread(witness.doc, { now: 1, title: 'keep me' });
    await eventually(() => witness.provider.synced, 'witness synced');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = Y.encodeStateAsUpdate(witness.doc);

    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const frames: Uint8Array[] = [
      new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]), // an update whose bytes are not a Yjs update
      new Uint8Array([0, 7, 0]), // unknown sync step
      new Uint8Array([9]), // unknown message type
      new Uint8Array([0, 2, 200, 200, 200, 200, 200, 200, 200, 200, 200, 1]), // overlong length
    ];
    for (let i = 0; i < 16; i++) {
      frames.push(
        new Uint8Array(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256))),
      );
    }
    for (const frame of frames) {
      const close = await rawClose(`/sync/${indexDocName(userId)}`, { cookie }, [frame]);
      // A random frame may happen to be harmless (say, an awareness query); then we close it ourselves.
      expect([CloseCode.badRequest, 1005, 1006]).toContain(close.code);
    }
    // The witness is still connected, and a fresh device sees exactly the old state.
    expect(witness.provider.wsconnected).toBe(true);
    const fresh = await connectDoc(client, indexDocName(userId));
    expect(listThreads(fresh.doc).map((t) => t.title)).toEqual(['keep me']);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVectorFromUpdate(before));
    witness.provider.destroy();
    fresh.provider.destroy();
  }, 60_000);

  it('[S7] an oversized frame closes with 4413 and the server carries on', async () => {
    const { client, userId, cookie } = await user();
    const big = new Uint8Array(SyncLimits.maxFrameBytes + 10);
    const close = await rawClose(`/sync/${indexDocName(userId)}`, { cookie }, [big]);
    expect(close.code).toBe(CloseCode.tooLarge);
    const after = await connectDoc(client, indexDocName(userId));
    expect(after.provider.wsconnected).toBe(true);
    after.provider.destroy();
  });

  it('[S7] too many messages per second close with 4429', async () => {
    const { userId, cookie } = await user();
    const queryAwareness = new Uint8Array([3]);
    const flood = Array.from({ length: SyncLimits.maxMessagesPerSecond * 6 }, () => queryAwareness);
    const close = await rawClose(`/sync/${indexDocName(userId)}`, { cookie }, flood);
    expect(close.code).toBe(CloseCode.tooMany);
  });

  it('[S9] accepts and keeps top-level types the schema does not know', async () => {
    const { client, userId } = await user();
    const a = await connectDoc(client, indexDocName(userId));
    a.doc.getMap('fromTheFuture').set('hologram', 'on');
    a.doc.getArray('alsoNew').push([1, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    a.provider.destroy();
    const b = await connectDoc(client, indexDocName(userId));
    expect(b.doc.getMap('fromTheFuture').get('hologram')).toBe('on');
    expect(b.doc.getArray('alsoNew').toArray()).toEqual([1, 2, 3]);
    b.provider.destroy();
  });
});
