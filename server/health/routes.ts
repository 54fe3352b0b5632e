// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers
// and the server is not shutting down).
import { Hono } from 'hono';
import type { AppEnv } from '../http/context';
import type { Services } from '../services';

export function healthRoutes(s: Services, isShuttingDown: () => boolean) {
  const ping = s.db.prepare('SELECT 1').pluck();
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ ok: true }))
    .get('/readyz', (c) => {
      if (isShuttingDown()) return c.json({ ok: false, reason: 'shutting down' }, 503);
      try {
        ping.get();
      } catch {
        return c.json({ ok: false, reason: 'database unavailable' }, 503);
      }
      return c.json({ ok: true });
    });
}
