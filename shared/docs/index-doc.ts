// The index doc (one per user): the thread list, projects, modes and settings. Each entry is
// its own Y.Map so that concurrent edits to different fields merge instead of overwrite.
import * as Y from 'yjs';
import { newId } from './ids';
import { bool, childMap, ensureSchema, num, str, touchedEntries } from './schema';
import { parseSettings, type SettingKey, type Settings, validateSetting } from './settings';

export interface ForkOf {
  threadId: string;
  messageId: string;
}

export interface ThreadMeta {
  id: string;
  title: string;
  /** True once a person named the thread: automatic titles must not replace it. */
  titleByUser: boolean;
  createdAt: number;
  updatedAt: number;
  pinned: boolean;
  projectId: string | null;
  modeId: string | null;
  model: string | null;
  forkOf: ForkOf | null;
  deletedAt: number | null;
}

export const DEFAULT_THREAD_TITLE = 'New chat';

const threadsOf = (doc: Y.Doc) => doc.getMap<unknown>('threads');

function readForkOf(value: unknown): ForkOf | null {
  if (typeof value !== 'object' || value === null) return null;
  const { threadId, messageId } = value as Record<string, unknown>;
  return typeof threadId === 'string' && typeof messageId === 'string' ? { threadId, messageId } : null;
}

function readThreadMap(id: string, map: Y.Map<unknown>): ThreadMeta {
  const createdAt = num(map.get('createdAt')) ?? 0;
  return {
    id,
    title: str(map.get('title')) ?? DEFAULT_THREAD_TITLE,
    titleByUser: bool(map.get('titleByUser')),
    createdAt,
    updatedAt: num(map.get('updatedAt')) ?? createdAt,
    pinned: bool(map.get('pinned')),
    projectId: str(map.get('projectId')) ?? null,
    modeId: str(map.get('modeId')) ?? null,
    model: str(map.get('model')) ?? null,
    forkOf: readForkOf(map.get('forkOf')),
    deletedAt: num(map.get('deletedAt')) ?? null,
  };
}

export interface NewThread {
  id?: string;
  title?: string;
  now: number;
  projectId?: string | null;
  modeId?: string | null;
  model?: string | null;
  forkOf?: ForkOf | null;
}

/** Adds a thread to the index and returns its id. */
export function createThread(doc: Y.Doc, init: NewThread): string {
  const id = init.id ?? newId();
  doc.transact(() => {
    ensureSchema(doc);
    const map = new Y.Map<unknown>();
    threadsOf(doc).set(id, map);
    map.set('title', init.title ?? DEFAULT_THREAD_TITLE);
    map.set('titleByUser', init.title !== undefined);
    map.set('createdAt', init.now);
    map.set('updatedAt', init.now);
    map.set('pinned', false);
    if (init.projectId) map.set('projectId', init.projectId);
    if (init.modeId) map.set('modeId', init.modeId);
    if (init.model) map.set('model', init.model);
    if (init.forkOf) map.set('forkOf', { ...init.forkOf });
  });
  return id;
}

/** One thread's metadata, deleted ones included; undefined when unknown. */
export function readThread(doc: Y.Doc, id: string): ThreadMeta | undefined {
  const map = childMap(threadsOf(doc), id);
  return map && readThreadMap(id, map);
}

/** Calls `onChange` with the ids of the threads each transaction added or changed. */
export function watchThreads(doc: Y.Doc, onChange: (ids: Set<string>) => void): () => void {
  const threads = threadsOf(doc);
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => onChange(touchedEntries(threads, events).keys);
  threads.observeDeep(observer);
  return () => threads.unobserveDeep(observer);
}

/** Every thread in the index, deleted ones included (check `deletedAt`). */
export function listThreads(doc: Y.Doc): ThreadMeta[] {
  const out: ThreadMeta[] = [];
  threadsOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map) out.push(readThreadMap(id, map));
  });
  return out;
}

function updateThread(doc: Y.Doc, id: string, now: number, write: (map: Y.Map<unknown>) => void): boolean {
  const map = childMap(threadsOf(doc), id);
  if (!map || map.get('deletedAt') !== undefined) return false;
  doc.transact(() => {
    write(map);
    map.set('updatedAt', now);
  });
  return true;
}

/** Renames a thread. `byUser` false is the automatic title, which never replaces a person's. */
export function renameThread(doc: Y.Doc, id: string, title: string, now: number, byUser = true): boolean {
  const current = readThread(doc, id);
  if (!current || (!byUser && current.titleByUser)) return false;
  return updateThread(doc, id, now, (map) => {
    map.set('title', title);
    if (byUser) map.set('titleByUser', true);
  });
}

export const pinThread = (doc: Y.Doc, id: string, pinned: boolean, now: number) =>
  updateThread(doc, id, now, (map) => map.set('pinned', pinned));

export const moveThreadToProject = (doc: Y.Doc, id: string, projectId: string | null, now: number) =>
  updateThread(doc, id, now, (map) => (projectId ? map.set('projectId', projectId) : map.delete('projectId')));

export const setThreadModel = (doc: Y.Doc, id: string, model: string, now: number) =>
  updateThread(doc, id, now, (map) => map.set('model', model));

/** Sets (or with null clears) the thread's custom mode; the server adds its system prompt. */
export const setThreadMode = (doc: Y.Doc, id: string, modeId: string | null, now: number) =>
  updateThread(doc, id, now, (map) => (modeId ? map.set('modeId', modeId) : map.delete('modeId')));

/** The change feed: every write to a thread doc bumps its `updatedAt` here. */
export const touchThread = (doc: Y.Doc, id: string, now: number) => updateThread(doc, id, now, () => {});

/** Tombstones a thread. Deletion is final: no operation clears `deletedAt`. */
export function deleteThread(doc: Y.Doc, id: string, now: number): boolean {
  const map = childMap(threadsOf(doc), id);
  if (!map) return false;
  if (map.get('deletedAt') === undefined) map.set('deletedAt', now);
  return true;
}

/** All settings with defaults applied. */
export function readSettings(doc: Y.Doc): Settings {
  return parseSettings(doc.getMap('settings').toJSON());
}

/** Validates and writes one setting; throws on an invalid value and writes nothing. */
export function writeSetting<K extends SettingKey>(doc: Y.Doc, key: K, value: Settings[K]): void {
  const valid = validateSetting(key, value);
  doc.transact(() => {
    ensureSchema(doc);
    doc.getMap('settings').set(key, valid);
  });
}
