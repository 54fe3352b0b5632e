// Who is signed in on this device. The remembered user renders the app at once (even
// offline); the server is asked when it can be, and only a 401 ends the session — which
// marks it expired but keeps every byte of local data.
import type { User } from '../../shared/api/auth';
import { ApiError, api, NetworkError, onUnauthorized } from '../api';
import { clearDevice, forgetUser, getRememberedUser, rememberUser, requestPersistentStorage } from '../db';

export type Session =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'active'; user: User }
  /** The server no longer knows this device's session; local data is untouched. */
  | { status: 'expired'; user: User };

type Listener = () => void;

let session: Session = { status: 'loading' };
const listeners = new Set<Listener>();
let started = false;

function set(next: Session): void {
  session = next;
  for (const listener of listeners) listener();
}

/** Asks the server who we are. Only an answer changes anything: offline or a 5xx leaves it be. */
async function checkWithServer(): Promise<void> {
  if (!navigator.onLine) return;
  try {
    const { user } = await api('GET /api/auth/me');
    set({ status: 'active', user });
    await rememberUser(user).catch(() => undefined); // already reported to the UI
  } catch (error) {
    // A 401 has already marked an active session expired (see onUnauthorized below).
    if (session.status === 'loading') set({ status: 'signed-out' });
    if (!(error instanceof NetworkError) && !(error instanceof ApiError)) throw error;
  }
}

/** Any API call answering 401 means the server ended this device's session. */
onUnauthorized(() => {
  if (session.status === 'active') set({ status: 'expired', user: session.user });
});

export const sessionStore = {
  getSnapshot: (): Session => session,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** Reads the remembered user, then checks with the server now and whenever we come back online. */
  async start(): Promise<void> {
    if (started) return;
    started = true;
    window.addEventListener('online', () => void checkWithServer());
    const remembered = await getRememberedUser().catch(() => null); // failure is shown by the db layer
    if (remembered) set({ status: 'active', user: remembered });
    else if (!navigator.onLine) set({ status: 'signed-out' });
    await checkWithServer();
  },

  /** Asks the server again, e.g. after the sync socket was refused for want of a session. */
  recheck: (): Promise<void> => checkWithServer(),

  /** After a successful sign-in or sign-up. */
  async signedIn(user: User): Promise<void> {
    set({ status: 'active', user });
    await rememberUser(user);
    void requestPersistentStorage().catch(() => false);
  },

  /** Ends the session on the server, then forgets the user here (local data stays). */
  async signOut(): Promise<void> {
    try {
      await api('POST /api/auth/logout');
    } catch (error) {
      // Already gone on the server: that is what we wanted.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    await forgetUser();
    set({ status: 'signed-out' });
  },

  /** The account is gone on the server: remove everything stored on this device too. */
  async accountDeleted(): Promise<void> {
    try {
      await clearDevice();
    } finally {
      // The account is gone either way; a failed wipe is already on screen.
      set({ status: 'signed-out' });
    }
  },
};
