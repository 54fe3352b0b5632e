// Test helpers for AI replies: Hearth started against the fake provider, signed-in devices
// with a thread open, and sending a message the way the app does (a user message plus an
// assistant placeholder, queued, written into the thread doc).

import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { DataKeys } from '../../server/crypto/data-keys';
import { createLogger } from '../../server/log/logger';
import { loadMasterKey } from '../../server/secret';
import { DocStore } from '../../server/sync/doc-store';
import type { Attachment } from '../../shared/docs/attachments';
import { createThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage, type Message, type MessageStatus, readMessage } from '../../shared/docs/thread-doc';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { type Connected, connectDoc, eventually } from '../support/sync-device';
import { type FakeAi, type FakeAiOptions, startFakeAi } from './fake-ai';

/** The operator key Hearth is given in these tests; no response, doc or log line may show it. */
export const SHARED_KEY = 'sk-hearth-shared-0123456789abcdef';

export interface Stack {
  hearth: Hearth;
  fake: FakeAi;
  stop(): Promise<void>;
}

/** The fake provider, and Hearth using it as the server-wide OpenAI endpoint. */
export async function startStack(options: { env?: Record<string, string>; fake?: FakeAiOptions } = {}): Promise<Stack> {
  const fake = await startFakeAi(options.fake);
  const hearth = await startHearth({
    env: { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: fake.url, ...options.env },
  });
  return {
    hearth,
    fake,
    async stop() {
      await hearth.stop();
      await fake.close();
    },
  };
}

export interface Account {
  userId: string;
  email: string;
  password: string;
  devices: ApiClient[];
}

/** A new account signed in on `devices` clients. */
export async function signUp(baseUrl: string, devices = 1): Promise<Account> {
  const first = new ApiClient(baseUrl);
  const { id: userId, email, password } = await first.signup();
  const all = [first];
  for (let i = 1; i < devices; i++) {
    const device = new ApiClient(baseUrl);
    await device.post('/api/auth/login', { email, password });
    all.push(device);
  }
  return { userId, email, password, devices: all };
}

export interface OpenThread {
  threadId: string;
  index: Connected;
  thread: Connected;
  close(): void;
}

/** Creates a thread in the index and opens both docs live on `device`. */
export async function newThread(
  device: ApiClient,
  userId: string,
  init: { title?: string; modeId?: string } = {},
): Promise<OpenThread> {
  const index = await connectDoc(device, indexDocName(userId));
  const threadId = createThread(index.doc, { now: Date.now(), ...init });
  const thread = await connectDoc(device, threadDocName(userId, threadId));
  return {
    threadId,
    index,
    thread,
    close() {
      index.provider.destroy();
      thread.provider.destroy();
    },
  };
}

/** Sends like the app: the user's message and a queued assistant placeholder under it. */
export function send(
  doc: Y.Doc,
  text: string,
  options: { parentId?: string | null; model?: string; attachments?: Attachment[] } = {},
): { userMessageId: string; replyId: string } {
  let userMessageId = '';
  let replyId = '';
  doc.transact(() => {
    userMessageId = addMessage(doc, {
      role: 'user',
      parentId: options.parentId ?? null,
      now: Date.now(),
      text,
      ...(options.attachments && { attachments: options.attachments }),
    });
    replyId = addMessage(doc, {
      role: 'assistant',
      parentId: userMessageId,
      now: Date.now(),
      status: 'queued',
      model: options.model ?? null,
    });
  });
  return { userMessageId, replyId };
}

/** Waits until the message reaches one of `statuses`, and returns it. */
export async function waitForStatus(
  doc: Y.Doc,
  id: string,
  statuses: MessageStatus | MessageStatus[],
  timeoutMs = 10_000,
): Promise<Message> {
  const wanted = Array.isArray(statuses) ? statuses : [statuses];
  await eventually(
    () => wanted.includes(readMessage(doc, id)?.status ?? 'queued'),
    `message ${id} to be ${wanted.join(' or ')} (it is ${readMessage(doc, id)?.status})`,
    timeoutMs,
  );
  return readMessage(doc, id)!;
}

/**
 * Waits until the server holds `name` in a state where `check` is true, seen through a
 * second connection (the server stores a change before it relays it, [S1]).
 */
export async function serverSees(device: ApiClient, name: string, check: (doc: Y.Doc) => boolean): Promise<void> {
  const probe = await connectDoc(device, name);
  try {
    await eventually(() => check(probe.doc), `the server to hold the change to ${name}`);
  } finally {
    probe.provider.destroy();
  }
}

/** The doc as the server holds it now: what a fresh connection gets in its first sync. */
export async function serverCopy(device: ApiClient, name: string): Promise<Y.Doc> {
  const probe = await connectDoc(device, name);
  probe.provider.destroy();
  return probe.doc;
}

/**
 * The doc as Hearth in `dataDir` has stored it on disk (opened from its database, which it
 * may be writing meanwhile): what a crash at this moment would leave.
 */
export function storedCopy(dataDir: string, userId: string, name: string): Y.Doc {
  const quiet = createLogger({ write: () => {} });
  const db = new Database(path.join(dataDir, 'hearth.db'), { readonly: true });
  try {
    const store = new DocStore(db, new DataKeys(db, loadMasterKey(dataDir, undefined, quiet)), quiet);
    const doc = new Y.Doc();
    const { state } = store.load(userId, name);
    if (state) Y.applyUpdate(doc, state);
    return doc;
  } finally {
    db.close();
  }
}

/**
 * Sends one more message under `parentId` and waits for its reply: a barrier for checking
 * that the server did nothing more for the messages before it. What follows a reply on the
 * server (naming the thread) is decided in the same turn as its ending, before this message
 * can even arrive, and any request that made was on its way before this reply's own.
 */
export async function answerAfter(doc: Y.Doc, parentId: string): Promise<void> {
  const { replyId } = send(doc, `One more ${marker('barrier')}`, { parentId });
  await waitForStatus(doc, replyId, 'done');
}

/** Runs `use` on the database of a Hearth that is not running (to lose or fake index rows). */
export function withDatabase<T>(dataDir: string, use: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'hearth.db'));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** A unique word for one test, to find its requests at the fake provider. */
export function marker(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Copies a doc's whole state, for a device that is offline (no provider). */
export function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
