// Typed helpers over the meta table: the user this device last signed in as.
import type { User } from '../../shared/api/auth';
import { forgetAll } from '../sync/unload-journal';
import { db } from './hearth-db';
import { reportStorageError } from './storage-errors';

const USER_KEY = 'user';

function isUser(value: unknown): value is User {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.email === 'string' && typeof v.name === 'string';
}

/** Runs a storage call, reporting any failure to the UI before passing it on. */
async function visibly<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    reportStorageError(error);
    throw error;
  }
}

export function getRememberedUser(): Promise<User | null> {
  return visibly(async () => {
    const row = await db.meta.get(USER_KEY);
    return isUser(row?.value) ? row.value : null;
  });
}

export function rememberUser(user: User): Promise<void> {
  return visibly(async () => {
    await db.meta.put({ key: USER_KEY, value: user });
  });
}

export function forgetUser(): Promise<void> {
  return visibly(() => db.meta.delete(USER_KEY));
}

/** Deletes every byte Hearth stored on this device, leaving an empty database ready to reopen. */
export function clearDevice(): Promise<void> {
  forgetAll();
  return visibly(() => db.delete({ disableAutoOpen: false }));
}

/** Asks the browser not to evict our data under storage pressure; a refusal is not an error. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
