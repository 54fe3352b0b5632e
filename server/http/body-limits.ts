// Request body limits: small for ordinary API calls, larger for batch sync uploads; file
// uploads have their own.
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

export const bodyLimits: MiddlewareHandler<AppEnv> = (c, next) => {
  // File uploads stream to disk under their own limit (HEARTH_MAX_FILE_MB, server/blobs).
  if (c.req.path.startsWith('/api/blobs/')) return next();
  return (c.req.path === '/api/sync' ? sync : ordinary)(c, next);
};
