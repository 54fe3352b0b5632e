// The chats whose deletion waits out the undo notice, kept in localStorage: it is written
// synchronously, so the intent survives a tab closed or killed before the tombstone is
// stored, and the next start finishes the deletion.
const key = (userId: string) => `hearth.pendingDeletes.${userId}`;

export function readPendingDeletes(userId: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return []; // unreadable or no storage: nothing to finish
  }
}

export function writePendingDeletes(userId: string, ids: string[]): void {
  try {
    if (ids.length) localStorage.setItem(key(userId), JSON.stringify(ids));
    else localStorage.removeItem(key(userId));
  } catch {
    // No storage (a locked-down browser): the tombstone written on pagehide is all we have.
  }
}
