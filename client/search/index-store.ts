// Where the search worker keeps its index between visits: the serialised index in its own
// table and, in a small meta row, what it includes (its version and the last message change
// taken in) and how many times it was built from nothing (bench and tests read that).
import { db } from '../db/hearth-db';

export interface StoredState {
  version: number;
  /** The last messageChanges row the stored index includes. */
  seq: number;
  /** Full builds on this device, ever: a reload that reads the index back leaves it alone. */
  builds: number;
}

const stateKey = (userId: string) => `search:${userId}`;

function readState(value: unknown): StoredState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, seq, builds } = value as Record<string, unknown>;
  if (typeof version !== 'number' || typeof seq !== 'number') return undefined;
  return { version, seq, builds: typeof builds === 'number' ? builds : 0 };
}

export async function storedState(userId: string): Promise<StoredState | undefined> {
  return readState((await db.meta.get(stateKey(userId)))?.value);
}

/** The stored index when it is of `version`, with the last change it includes. */
export async function readStoredIndex(userId: string, version: number): Promise<{ json: string; seq: number } | null> {
  return db.transaction('r', [db.meta, db.searchIndex], async () => {
    const state = await storedState(userId);
    if (state?.version !== version) return null;
    const row = await db.searchIndex.get(userId);
    return row ? { json: row.json, seq: state.seq } : null;
  });
}

/** Counts a full build, before it starts (so one that never finishes counts too). */
export async function countBuild(userId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const state = await storedState(userId);
    await db.meta.put({
      key: stateKey(userId),
      value: { version: -1, seq: 0, ...state, builds: (state?.builds ?? 0) + 1 } satisfies StoredState,
    });
  });
}

/**
 * Stores the index as of change `seq` and forgets the changes it includes, unless another
 * tab stored a newer one meanwhile (then this tab reads that one back: see IndexKeeper).
 */
export async function storeIndex(userId: string, version: number, seq: number, json: string): Promise<boolean> {
  return db.transaction('rw', [db.meta, db.searchIndex, db.messageChanges], async () => {
    const state = await storedState(userId);
    if (state?.version === version && state.seq > seq) return false;
    await db.searchIndex.put({ userId, json });
    await db.meta.put({ key: stateKey(userId), value: { builds: state?.builds ?? 0, version, seq } });
    await db.messageChanges.where('seq').belowOrEqual(seq).delete();
    return true;
  });
}
