// The typed Hono environment every route sees: the request logger and the signed-in user.
import type { Session, User } from 'lucia';
import type { Logger } from '../log/logger';

export interface AppEnv {
  Variables: {
    log: Logger;
    user: User | null;
    session: Session | null;
  };
}
