// The typed Hono environment every route sees: the request logger, the signed-in user, and
// Node's request (HttpBindings: a file upload streams from it).
import type { HttpBindings } from '@hono/node-server';
import type { Session, User } from 'lucia';
import type { Logger } from '../log/logger';

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    log: Logger;
    user: User | null;
    session: Session | null;
  };
}
