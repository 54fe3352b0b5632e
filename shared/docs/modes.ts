// Custom modes, kept in the index doc's `modes` map: a named system prompt (with an icon)
// that a thread can use through its `modeId`. Each mode is its own Y.Map so that edits to
// different fields from two devices merge.
import * as Y from 'yjs';
import { newId } from './ids';
import { childMap, ensureSchema, num, str } from './schema';

export interface Mode {
  id: string;
  name: string;
  systemPrompt: string;
  icon: string | null;
  createdAt: number;
  deletedAt: number | null;
}

export const MODE_LIMITS = { name: 100, systemPrompt: 20_000, icon: 50 } as const;

const modesOf = (doc: Y.Doc) => doc.getMap<unknown>('modes');

function readModeMap(id: string, map: Y.Map<unknown>): Mode {
  return {
    id,
    name: str(map.get('name')) ?? 'Mode',
    systemPrompt: str(map.get('systemPrompt')) ?? '',
    icon: str(map.get('icon')) ?? null,
    createdAt: num(map.get('createdAt')) ?? 0,
    deletedAt: num(map.get('deletedAt')) ?? null,
  };
}

export interface NewMode {
  id?: string;
  name: string;
  systemPrompt: string;
  icon?: string | null;
  now: number;
}

/** Adds a mode to the index doc and returns its id. Text beyond the limits is cut. */
export function createMode(doc: Y.Doc, init: NewMode): string {
  const id = init.id ?? newId();
  doc.transact(() => {
    ensureSchema(doc);
    const map = new Y.Map<unknown>();
    modesOf(doc).set(id, map);
    map.set('name', init.name.slice(0, MODE_LIMITS.name));
    map.set('systemPrompt', init.systemPrompt.slice(0, MODE_LIMITS.systemPrompt));
    if (init.icon) map.set('icon', init.icon.slice(0, MODE_LIMITS.icon));
    map.set('createdAt', init.now);
  });
  return id;
}

/** One mode, deleted ones included (check `deletedAt`); undefined when unknown. */
export function readMode(doc: Y.Doc, id: string): Mode | undefined {
  const map = childMap(modesOf(doc), id);
  return map && readModeMap(id, map);
}

/** Modes that are not deleted, oldest first. */
export function listModes(doc: Y.Doc): Mode[] {
  const out: Mode[] = [];
  modesOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map) {
      const mode = readModeMap(id, map);
      if (mode.deletedAt === null) out.push(mode);
    }
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Changes a mode's name, prompt or icon; false when it is unknown or deleted. */
export function updateMode(
  doc: Y.Doc,
  id: string,
  change: { name?: string; systemPrompt?: string; icon?: string | null },
): boolean {
  const map = childMap(modesOf(doc), id);
  if (!map || map.get('deletedAt') !== undefined) return false;
  doc.transact(() => {
    if (change.name !== undefined) map.set('name', change.name.slice(0, MODE_LIMITS.name));
    if (change.systemPrompt !== undefined)
      map.set('systemPrompt', change.systemPrompt.slice(0, MODE_LIMITS.systemPrompt));
    if (change.icon === null) map.delete('icon');
    else if (change.icon !== undefined) map.set('icon', change.icon.slice(0, MODE_LIMITS.icon));
  });
  return true;
}

/** Tombstones a mode; threads using it then run without a mode prompt. */
export function deleteMode(doc: Y.Doc, id: string, now: number): boolean {
  const map = childMap(modesOf(doc), id);
  if (!map) return false;
  if (map.get('deletedAt') === undefined) map.set('deletedAt', now);
  return true;
}
