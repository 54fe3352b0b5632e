// Boots Hearth: data directory, database, secret, services, the HTTP(S) server; and stops
// it gracefully (stop accepting, finish in-flight requests, close the database).
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { SYNC_PROTOCOL_VERSION } from '../shared/sync/protocol';
import { AiRunner } from './ai/runner';
import { createApp } from './app';
import { createAuthLimits } from './auth/limits';
import { createLucia } from './auth/lucia';
import { Sessions } from './auth/session';
import type { BlobStore } from './blobs/blob-store';
import { BlobCollector, blobRefsOfState, type SweepReport } from './blobs/collector';
import { DirectoryBlobStore, type DirectoryStoreOptions } from './blobs/directory-store';
import { UploadSlots } from './blobs/upload-slots';
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
  /** Runs the blob garbage collection now, as its timer does every few hours. */
  sweepBlobs(): Promise<SweepReport>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Replaces the clock of the sign-in limits and of blob ages, so tests can step past a wait without sleeping. */
  now?: () => number;
  /** Another sync protocol version than SYNC_PROTOCOL_VERSION: a test's server "from a later update" ([S15]). */
  syncProtocolVersion?: number;
  /** Makes the blob store instead of the directory one (a test's store whose disk fills). */
  blobStore?: (options: DirectoryStoreOptions) => BlobStore;
}

/**
 * Everything Hearth runs on, over the database in `config.dataDir`: what startServer serves,
 * and what in-process tests drive without a network (tests/support/in-process-hearth.ts).
 */
export function createServices(config: Config, log: Logger, options: ServerOptions = {}): Services {
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
  const blobOptions = {
    root: path.join(config.dataDir, 'blobs'),
    dataKey: (userId: string) => keys.keyFor(userId),
    now: options.now ?? Date.now,
  };
  const services: Services = {
    config,
    db,
    log,
    sessions: new Sessions(createLucia(db), db, config),
    limits: createAuthLimits({ masterKey, listener: config, now: options.now }),
    events,
    keys,
    docs,
    blobs: {
      store: options.blobStore?.(blobOptions) ?? new DirectoryBlobStore(blobOptions),
      uploads: new UploadSlots(),
    },
    syncProtocolVersion: options.syncProtocolVersion ?? SYNC_PROTOCOL_VERSION,
    search,
  };
  services.events.on('account-deleted', (userId) => keys.forget(userId));
  return services;
}

export async function startServer(config: Config, log: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  const services = createServices(config, log, options);
  const { db, blobs } = services;
  const userExists = db.prepare<[string], number>('SELECT 1 FROM users WHERE id = ?').pluck();
  const collector = new BlobCollector({
    store: blobs.store,
    docs: services.docs,
    userExists: (userId) => userExists.get(userId) === 1,
    log,
    now: options.now ?? Date.now,
  });
  services.docs.onPurge((userId, state) => collector.threadPurged(userId, blobRefsOfState(state)));
  collector.start();
  services.events.on('account-deleted', (userId) => {
    void (async () => {
      await blobs.uploads.stopUser(userId);
      await blobs.store.deleteUser(userId);
    })().catch((error) => log.error('the files of a deleted account were not all removed', { userId, err: error }));
  });
  const sync = new SyncServer(services, services.docs);
  const ai = new AiRunner(services);
  ai.start();
  services.search?.start();
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
    sweepBlobs: () => collector.sweepAll(),
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
      await collector.stop();
      services.search?.close();
      services.docs.closeAll();
      services.docs.store.flush();
      await new Promise((resolve) => setImmediate(resolve));
      db.close();
    },
  };
}
