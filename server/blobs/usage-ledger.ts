// What each user's blobs take, counted against their quota: read from the store once per
// user (on first need), then kept up to date entry by entry as blobs and unfinished uploads
// come and go. Entries are keyed, so counting one twice or forgetting one is not possible.

export type LedgerKey = `blob:${string}` | `upload:${string}`;

export class UsageLedger {
  private readonly users = new Map<string, Promise<Map<LedgerKey, number>>>();

  constructor(private readonly scan: (userId: string) => Promise<Map<LedgerKey, number>>) {}

  /** The user's entries, read on first use; changes to the map are the ledger's changes. */
  of(userId: string): Promise<Map<LedgerKey, number>> {
    let entries = this.users.get(userId);
    if (!entries) {
      entries = this.scan(userId);
      this.users.set(userId, entries);
      // A failed scan is not remembered: the next call reads again.
      entries.catch(() => this.users.delete(userId));
    }
    return entries;
  }

  /** Changes an entry if the user's entries are loaded (if not, the next scan sees the change). */
  set(userId: string, key: LedgerKey, bytes: number | null): void {
    void this.users.get(userId)?.then((entries) => {
      if (bytes === null) entries.delete(key);
      else entries.set(key, bytes);
    });
  }

  forget(userId: string): void {
    this.users.delete(userId);
  }
}

/** Bytes of every entry but `except`. */
export function ledgerTotal(entries: Map<LedgerKey, number>, except?: LedgerKey): number {
  let total = 0;
  for (const [key, bytes] of entries) if (key !== except) total += bytes;
  return total;
}
