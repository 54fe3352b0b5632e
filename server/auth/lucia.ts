// lucia over our own better-sqlite3 adapter. Session tokens are stored as SHA-256 hashes,
// so a copy of the database does not hand out live sessions.
import { createHash } from 'node:crypto';
import { type Adapter, type DatabaseSession, type DatabaseUser, Lucia, TimeSpan } from 'lucia';
import type { Db } from '../db/open';

export interface SessionAttributes {
  createdAt: number;
  lastSeenAt: number;
  userAgent: string;
}
interface UserAttributes {
  email: string;
  name: string;
  createdAt: number;
}

/** The stored key of a session token; also the id the client sees in the device list. */
export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: number;
  created_at: number;
  last_seen_at: number;
  user_agent: string;
}
interface UserRow {
  id: string;
  email: string;
  name: string;
  created_at: number;
}

const toSession = (row: SessionRow): DatabaseSession => ({
  id: row.id,
  userId: row.user_id,
  expiresAt: new Date(row.expires_at),
  attributes: { createdAt: row.created_at, lastSeenAt: row.last_seen_at, userAgent: row.user_agent },
});

function sqliteAdapter(db: Db): Adapter {
  const q = {
    session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    user: db.prepare<[string], UserRow>('SELECT id, email, name, created_at FROM users WHERE id = ?'),
    userSessions: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE user_id = ?'),
    insert: db.prepare(
      'INSERT INTO sessions (id, user_id, expires_at, created_at, last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    expire: db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?'),
    delete: db.prepare('DELETE FROM sessions WHERE id = ?'),
    deleteUser: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
  };
  return {
    async getSessionAndUser(token): Promise<[DatabaseSession | null, DatabaseUser | null]> {
      const session = q.session.get(sessionKey(token));
      const user = session && q.user.get(session.user_id);
      if (!session || !user) return [null, null];
      return [
        { ...toSession(session), id: token },
        { id: user.id, attributes: { email: user.email, name: user.name, createdAt: user.created_at } },
      ];
    },
    async getUserSessions(userId) {
      return q.userSessions.all(userId).map(toSession);
    },
    async setSession(session) {
      const a = session.attributes;
      q.insert.run(
        sessionKey(session.id),
        session.userId,
        session.expiresAt.getTime(),
        a.createdAt,
        a.lastSeenAt,
        a.userAgent,
      );
    },
    async updateSessionExpiration(token, expiresAt) {
      q.expire.run(expiresAt.getTime(), sessionKey(token));
    },
    async deleteSession(token) {
      q.delete.run(sessionKey(token));
    },
    async deleteUserSessions(userId) {
      q.deleteUser.run(userId);
    },
    async deleteExpiredSessions() {
      q.deleteExpired.run(Date.now());
    },
  };
}

export function createLucia(db: Db) {
  return new Lucia(sqliteAdapter(db), {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    sessionCookie: { name: 'hearth_session', expires: true, attributes: { sameSite: 'lax', secure: false } },
    getUserAttributes: (a) => ({ email: a.email, name: a.name, createdAt: a.createdAt }),
    getSessionAttributes: (a) => a,
  });
}

export type Auth = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: Auth;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: UserAttributes;
  }
}
