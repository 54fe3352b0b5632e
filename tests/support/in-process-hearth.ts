// Hearth in this process. With no network, for access rules that must replay exactly ([S4],
// [S5]): the real services over a temporary data directory, HTTP through the Hono app
// (app.request), and sync sockets through the socket pair and the sync server's own checks
// of the upgrade. Or listening on 127.0.0.1, started with options only a test can give (a
// server from a later update, [S15]). Tests of the process itself (kill -9, restarts, what
// `npm start` runs) use hearth.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app';
import { parseConfig } from '../../server/config';
import { createServices, type ServerOptions, startServer } from '../../server/server';
import { SyncServer } from '../../server/sync/ws-server';
import { ApiClient, type Fetch } from './api-client';
import { quietLog } from './doc-store-fixture';
import { PairedClient } from './socket-pair';
import { withSyncVersion } from './sync-device';

const HOST = 'hearth.test';
const ORIGIN = `http://${HOST}`;
/** What @hono/node-server hands the app about the connection: the client's address. */
const CONNECTION = { incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 50000, remoteFamily: 'IPv4' } } };

export interface InProcessHearth {
  /** A new device: its requests are answered by the app in this process. */
  device(): ApiClient;
  /**
   * A paired client of `device` on the doc `name` (not connected yet), upgrading as a browser
   * on Hearth's own page would: with its cookie and origin; `headers` replace or add to those.
   */
  socket(device: ApiClient, name: string, headers?: Record<string, string>): PairedClient;
  close(): void;
}

export function inProcessHearth(): InProcessHearth {
  const dataDir = tempDir();
  const services = createServices(parseConfig({ HEARTH_DATA_DIR: dataDir, HEARTH_CLIENT_DIR: dataDir }), quietLog);
  const app = createApp(services, () => false);
  const sync = new SyncServer(services, services.docs);
  const fetch: Fetch = async (url, init) => app.request(url, init, CONNECTION);
  return {
    device: () => new ApiClient(ORIGIN, {}, fetch),
    socket: (device, name, headers = {}) =>
      PairedClient.upgrading(sync, {
        url: withSyncVersion(`/sync/${name}`),
        headers: { host: HOST, origin: ORIGIN, ...(device.cookie && { cookie: device.cookie }), ...headers },
      }),
    close() {
      sync.close();
      services.docs.closeAll();
      services.db.close();
    },
  };
}

/**
 * Hearth listening on 127.0.0.1 (port 0) from this process, serving the built app, with
 * `options` that no environment variable sets.
 */
export async function listeningHearth(options: ServerOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const env = { PORT: '0', HOST: '127.0.0.1', HEARTH_DATA_DIR: tempDir() };
  // As startHearth: a run may serve a client built elsewhere.
  const clientDir = process.env.HEARTH_CLIENT_DIR ? { HEARTH_CLIENT_DIR: process.env.HEARTH_CLIENT_DIR } : {};
  const server = await startServer(parseConfig({ ...env, ...clientDir }), quietLog, options);
  return { url: server.url, stop: () => server.close() };
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'hearth-in-process-'));
