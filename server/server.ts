// Boots Hearth: data directory, database, secret, services, the HTTP(S) server; and stops
// it gracefully (stop accepting, finish in-flight requests, close the database).
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { AiRunner } from './ai/runner';
import { createApp } from './app';
import { createAuthLimits } from './auth/limits';
import { createLucia } from './auth/lucia';
import { Sessions } from './auth/session';
import type { Config } from './config';
import { DataKeys } from './crypto/data-keys';
import { openDatabase } from './db/open';
import { HearthEvents } from './events';
import type { Logger } from './log/logger';
import { ServerSearch } from './search/server-search';
import { loadMasterKey } from './secret';
import type { Services } from './services';
import { DocRegistry } from './sync/doc-registry';
import { DocStore } from './sync/doc-store';
import { resolveSyncLimits } from './sync/limits';
import { SyncServer } from './sync/ws-server';

const DRAIN_TIMEOUT_MS = 10_000;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** `now` replaces the clock of the sign-in limits, so tests can step past a wait without sleeping. */
export async function startServer(
  config: Config,
  log: Logger,
  options: { now?: () => number } = {},
): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(config.dataDir);
  const masterKey = loadMasterKey(config.dataDir, config.secret, log);
  const keys = new DataKeys(db, masterKey);
  const store = new DocStore(db, keys, log);
  const docs = new DocRegistry(store, resolveSyncLimits(config.syncLimits), log);
  const events = new HearthEvents();
  const search = config.search
    ? new ServerSearch({ dataDir: config.dataDir, db, keys, ai: config.ai, docs, log, events })
    : null;
  const services: Services = {
    config,
    db,
    log,
    sessions: new Sessions(createLucia(db), db, config),
    limits: createAuthLimits({ masterKey, listener: config, now: options.now }),
    events,
    keys,
    docs,
    search,
  };
  services.events.on('account-deleted', (userId) => keys.forget(userId));
  const sync = new SyncServer(services, services.docs);
  const ai = new AiRunner(services);
  ai.start();
  search?.start();
  let shuttingDown = false;
  const app = createApp(services, () => shuttingDown);

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const tls = config.tls;
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        ...(tls && {
          createServer: createHttpsServer,
          serverOptions: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
        }),
      },
      () => resolve(s),
    );
  });
  sync.attach(server as Server);
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${shownHost}:${port}`;

  return {
    url,
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      // Replies end (interrupted, text kept) while devices are still connected to see it.
      await ai.stop();
      sync.close();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          log.warn('requests still running after the drain timeout; closing them');
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, DRAIN_TIMEOUT_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      search?.close();
      services.docs.closeAll();
      store.flush();
      await new Promise((resolve) => setImmediate(resolve));
      db.close();
    },
  };
}
