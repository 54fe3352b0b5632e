// Request body limits: small for ordinary API calls, larger for batch sync uploads.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context';
import { HttpError } from './errors';

const MiB = 1024 * 1024;

const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpError(413, 'payload_too_large', `The request is larger than ${maxSize / MiB} MiB.`);
    },
  });

const ordinary = limit(1 * MiB);
const sync = limit(64 * MiB);

export const bodyLimits: MiddlewareHandler<AppEnv> = (c, next) =>
  (c.req.path === '/api/sync' ? sync : ordinary)(c, next);
