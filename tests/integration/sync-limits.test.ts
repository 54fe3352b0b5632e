// The sync limits ([S7]), each against a server whose limits are small enough to reach
// quickly: every limit closes with its code and a reason a person can read, and only the
// connection (or request) that went over it is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { CloseCode } from '../../shared/sync/protocol';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { connectDoc, rawClose, rawSocket, serverHas, tcpSocketOf, updateFrame, upload } from '../support/sync-device';

const KiB = 1024;
const MiB = 1024 * KiB;
const limits = {
  maxFrameBytes: 64 * KiB,
  maxDocBytes: 48 * KiB,
  maxDocsPerUser: 3,
  maxMessagesPerSecond: 50,
  maxMessagesPerSecondPerUser: 100,
  maxSocketsPerUser: 4,
};
/** Rates allow bursts of this many seconds' worth (server/sync/limits.ts). */
const BURST_SECONDS = 5;

let hearth: Hearth;
beforeAll(async () => {
  hearth = await startHearth({ syncLimits: limits });
});
afterAll(() => hearth.stop());

async function user(server = hearth) {
  const client = new ApiClient(server.url);
  const { id } = await client.signup();
  return { client, userId: id, cookie: client.cookie! };
}

/** A thread doc of the user; `n` picks which. */
const thread = (userId: string, n: number) => threadDocName(userId, n.toString(16).padStart(32, '0'));

/** An update inserting `chars` characters into a fresh doc. */
function textUpdate(chars: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'x'.repeat(chars));
  return Y.encodeStateAsUpdate(doc);
}

const tooLarge = { code: CloseCode.tooLarge, reason: 'Message too large (limit 64 KiB).' };

describe('limits', () => {
  it('[S7] a frame over the frame limit closes with 4413 and a reason, just over it or over 8 MiB', async () => {
    const { userId, cookie } = await user();
    const path = `/sync/${indexDocName(userId)}`;
    expect(await rawClose(hearth.url, path, { cookie }, [new Uint8Array(limits.maxFrameBytes + 1)])).toEqual(tooLarge);
    expect(await rawClose(hearth.url, path, { cookie }, [new Uint8Array(8 * MiB + 1)])).toEqual(tooLarge);
  });

  it('[S7] a frame announcing 1 GiB is refused at its header, before any of it is sent', async () => {
    const { client, userId, cookie } = await user();
    const socket = rawSocket(hearth.url, `/sync/${indexDocName(userId)}`, { cookie });
    await socket.opened;
    // A masked binary frame's header with a 64-bit length of 2^30, and no payload at all:
    // the close comes back although the server holds none of the frame.
    const header = new Uint8Array([0x82, 0x80 | 127, 0, 0, 0, 0, 0x40, 0, 0, 0, 1, 2, 3, 4]);
    tcpSocketOf(socket.ws).write(header);
    expect(await socket.closed).toEqual(tooLarge);
    const after = await connectDoc(client, indexDocName(userId));
    after.provider.destroy();
  });

  it('[S7] too many messages per second on one connection close it with 4429', async () => {
    const { userId, cookie } = await user();
    const flood = Array.from({ length: limits.maxMessagesPerSecond * (BURST_SECONDS + 1) }, () => new Uint8Array([3]));
    expect(await rawClose(hearth.url, `/sync/${indexDocName(userId)}`, { cookie }, flood)).toEqual({
      code: CloseCode.tooMany,
      reason: 'Too many messages per second. Slow down and reconnect.',
    });
  });

  it('[S7] too many messages per second from one user, over all their connections, close with 4429', async () => {
    const { userId, cookie } = await user();
    const sockets = [0, 1, 2].map((n) => rawSocket(hearth.url, `/sync/${thread(userId, n)}`, { cookie }));
    await Promise.all(sockets.map((s) => s.opened));
    // Each connection stays under its own limit; together they pass the user's.
    const perSocket = limits.maxMessagesPerSecond * BURST_SECONDS - 10;
    expect(perSocket * sockets.length).toBeGreaterThan(limits.maxMessagesPerSecondPerUser * BURST_SECONDS);
    for (const socket of sockets) for (let i = 0; i < perSocket; i++) socket.ws.send(new Uint8Array([3]));
    expect(await Promise.race(sockets.map((s) => s.closed))).toEqual({
      code: CloseCode.tooMany,
      reason: 'Too many messages per second from this account. Slow down and reconnect.',
    });
    for (const socket of sockets) socket.ws.close();
  });

  it('[S7] more sockets than one user may have open close with 4429; the others carry on', async () => {
    const { client, userId, cookie } = await user();
    const open = await Promise.all(
      Array.from({ length: limits.maxSocketsPerUser - 1 }, (_, n) => connectDoc(client, thread(userId, n))),
    );
    const last = await connectDoc(client, indexDocName(userId));
    expect(await rawClose(hearth.url, `/sync/${thread(userId, 9)}`, { cookie })).toEqual({
      code: CloseCode.tooMany,
      reason: `Too many open connections for this account (limit ${limits.maxSocketsPerUser}). Close some tabs or devices.`,
    });
    createThread(last.doc, { now: 1, title: 'still syncing' });
    await serverHas(client, indexDocName(userId), last.doc);
    for (const c of [...open, last]) c.provider.destroy();
  });

  it('[S7] a doc over the doc limit closes with 4413, and /api/sync answers 413; the doc stays as it was', async () => {
    const { client, userId, cookie } = await user();
    const name = thread(userId, 1);
    expect((await upload(client, name, textUpdate(40 * KiB))).status).toBe(200);
    const reason = 'This doc has reached its size limit of 48 KiB.';
    expect(await rawClose(hearth.url, `/sync/${name}`, { cookie }, [updateFrame(textUpdate(10 * KiB))])).toEqual({
      code: CloseCode.tooLarge,
      reason,
    });
    const refused = await upload(client, name, textUpdate(10 * KiB));
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({ error: { code: 'payload_too_large', message: reason } });
    const held = await connectDoc(client, name);
    expect(held.doc.getText('t').length).toBe(40 * KiB);
    held.provider.destroy();
  });

  it('[S7] more docs than a user may have close with 4429, and /api/sync answers 429', async () => {
    const { client, userId, cookie } = await user();
    for (let n = 0; n < limits.maxDocsPerUser; n++) {
      expect((await upload(client, thread(userId, n), textUpdate(10))).status).toBe(200);
    }
    const reason = `You have reached the limit of ${limits.maxDocsPerUser} docs.`;
    expect(await rawClose(hearth.url, `/sync/${thread(userId, 7)}`, { cookie })).toEqual({
      code: CloseCode.tooMany,
      reason,
    });
    const refused = await upload(client, thread(userId, 8), textUpdate(10));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: reason } });
    // The docs the user has stay open to them.
    const existing = await connectDoc(client, thread(userId, 0));
    existing.provider.destroy();
  });
});

describe('a device that stops reading', () => {
  let server: Hearth;
  beforeAll(async () => {
    server = await startHearth({ syncLimits: { maxBufferedBytes: 1 * MiB } });
  });
  afterAll(() => server.stop());

  it('[S7] is closed with 4408 and a reason once more than the bound waits for it, and others carry on', async () => {
    const { client, userId, cookie } = await user(server);
    const name = thread(userId, 1);
    const reader = rawSocket(server.url, `/sync/${name}`, { cookie });
    await reader.opened;
    // The reader stops taking data off its socket, as a stalled device does.
    const readerSocket = tcpSocketOf(reader.ws);
    readerSocket.pause();

    const writer = await connectDoc(client, name);
    const gaveUp = () => server.logs.some((line) => line.includes('closing a sync connection that stopped reading'));
    // Each change is 512 KiB, well under the frame and doc limits; the server relays each to
    // the reader until what waits for it (past the kernel's buffers) passes the bound.
    for (let i = 0; i < 40 && !gaveUp(); i++) {
      writer.doc.getText('t').insert(0, String(i % 10).repeat(512 * KiB));
      await serverHas(client, name, writer.doc);
    }
    expect(gaveUp()).toBe(true);

    // Once it reads again, the device gets what was queued and then the reason.
    readerSocket.resume();
    expect(await reader.closed).toEqual({
      code: CloseCode.slowReader,
      reason: 'This device stopped reading: over 1 MiB waited for it. Reconnect to sync.',
    });
    writer.doc.getText('t').insert(0, 'still here');
    await serverHas(client, name, writer.doc);
    expect(writer.provider.wsconnected).toBe(true);
    writer.provider.destroy();
  }, 60_000);
});
