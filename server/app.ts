// The Hono application: middleware order, the /api routes and the client app.
import { Hono } from 'hono';
import { accountRoutes } from './account/routes';
import { authRoutes } from './auth/routes';
import { blobRoutes } from './blobs/routes';
import { healthRoutes } from './health/routes';
import { bodyLimits } from './http/body-limits';
import { mountClientApp } from './http/client-app';
import type { AppEnv } from './http/context';
import { handleError, notFound, refuseMalformedPath } from './http/errors';
import { originCheck } from './http/origin-check';
import { securityHeaders } from './http/security-headers';
import { keyRoutes } from './keys/routes';
import { searchRoutes } from './search/routes';
import type { Services } from './services';
import { syncRoutes } from './sync/routes';
import { usageRoutes } from './usage/routes';

export function createApp(s: Services, isShuttingDown: () => boolean) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('log', s.log);
    await next();
    if (c.req.path.startsWith('/api/')) {
      s.log.info('request', {
        method: c.req.method,
        path: c.req.routePath === '/*' ? c.req.path : c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        userId: c.get('user')?.id,
      });
    }
  });
  app.use('*', securityHeaders(s.config));
  app.use('*', refuseMalformedPath);
  app.onError(handleError);
  app.route('/', healthRoutes(s, isShuttingDown));

  const api = new Hono<AppEnv>();
  api.use('*', originCheck(s.config));
  api.use('*', bodyLimits);
  api.use('*', s.sessions.middleware());
  api.route('/auth', authRoutes(s));
  api.route('/account', accountRoutes(s));
  api.route('/sync', syncRoutes(s));
  api.route('/keys', keyRoutes(s));
  api.route('/usage', usageRoutes(s));
  api.route('/blobs', blobRoutes(s));
  api.route('/search', searchRoutes(s));
  api.all('*', notFound);
  app.route('/api', api);

  mountClientApp(app, s.config.clientDir);
  return app;
}
