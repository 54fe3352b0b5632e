import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { db } from './hearth-db';
import { clearDevice, forgetUser, getRememberedUser, rememberUser } from './remembered-user';
import { describeStorageError, dismissStorageError, storageErrors } from './storage-errors';

const ada = { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: 1 };

afterEach(async () => {
  await clearDevice();
  dismissStorageError();
});

describe('remembered user', () => {
  test('is remembered, read back and forgotten', async () => {
    expect(await getRememberedUser()).toBeNull();
    await rememberUser(ada);
    expect(await getRememberedUser()).toEqual(ada);
    await forgetUser();
    expect(await getRememberedUser()).toBeNull();
  });

  test('a malformed row reads as nobody', async () => {
    await db.meta.put({ key: 'user', value: { id: 3 } });
    expect(await getRememberedUser()).toBeNull();
  });

  test('clearing the device deletes the data and leaves a usable database', async () => {
    await rememberUser(ada);
    await db.meta.put({ key: 'other', value: 1 });
    await clearDevice();
    expect(await db.meta.count()).toBe(0);
  });

  test('a storage failure is reported for the UI and still thrown', async () => {
    db.close({ disableAutoOpen: true });
    await expect(getRememberedUser()).rejects.toThrow();
    expect(storageErrors.getSnapshot()?.message).toMatch(/couldn't read or save/);
    await db.open();
  });
});

test('a full disk is described as such', () => {
  const quota = Object.assign(new Error('Transaction aborted'), {
    name: 'AbortError',
    inner: new DOMException('Quota exceeded', 'QuotaExceededError'),
  });
  expect(describeStorageError(quota).message).toMatch(/out of storage space/);
});
