// The device database and the few typed helpers the rest of the client uses.
export { db, HearthDB, type MetaRow } from './hearth-db';
export { clearDevice, forgetUser, getRememberedUser, rememberUser, requestPersistentStorage } from './remembered-user';
export {
  describeStorageError,
  dismissStorageError,
  reportStorageError,
  type StorageProblem,
  storageErrors,
} from './storage-errors';
