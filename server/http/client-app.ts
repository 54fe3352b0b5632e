// Serves the built PWA: hashed assets cached for a year, everything else revalidated, and
// index.html for every in-app route so deep links work. A missing file (a path with an
// extension: /assets/x.js, /sw.js) is a 404, never index.html: an installed older app that
// asks for a script that is gone must not be handed HTML to run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context';
import { HttpError } from './errors';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function mountClientApp(app: Hono<AppEnv>, clientDir: string): void {
  const root = path.resolve(clientDir);
  const indexFile = path.join(root, 'index.html');
  app.use(
    '*',
    serveStatic({
      root,
      onFound: (file, c) => {
        const hashed = file.startsWith(path.join(root, 'assets') + path.sep);
        c.header('Cache-Control', hashed ? IMMUTABLE : REVALIDATE);
      },
    }),
  );
  app.get('*', (c) => {
    if (path.posix.extname(c.req.path)) {
      throw new HttpError(404, 'not_found', `There is no file at ${c.req.path}.`);
    }
    if (!existsSync(indexFile)) {
      throw new HttpError(503, 'unavailable', 'The web app is not built yet. Run `npm run build`, then reload.');
    }
    c.header('Cache-Control', REVALIDATE);
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}
