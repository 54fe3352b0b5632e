// A randomised convergence run in the style of Yjs's applyRandomTests, against the real
// server: several devices of one user make random edits to the index and thread docs,
// drop offline and come back, upload offline edits through /api/sync in shuffled order,
// and the server is stopped or killed and restarted between. At the end every device must
// hold identical docs and no operation may be missing ([S10]).
import * as Y from 'yjs';
import { createThread, deleteThread, listThreads, pinThread, renameThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage, draftOf, listMessages } from '../../shared/docs/thread-doc';
import { ApiClient } from './api-client';
import { type Hearth, startHearth } from './hearth';
import { type Connected, connectDoc, eventually } from './sync-device';

export interface ConvergenceOptions {
  seed: number;
  devices: number;
  steps: number;
  restarts: number;
  maxThreads?: number;
  log?: (line: string) => void;
}

export interface ConvergenceReport {
  operations: Record<string, number>;
  threads: number;
  messages: number;
}

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: T[]): T => items[Math.floor(next() * items.length)]!,
    shuffle: <T>(items: T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** The doc's state vector and content with keys sorted, so equal docs compare equal. */
function snapshotOf(doc: Y.Doc): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, sorted(v)]),
      );
    }
    return value;
  };
  const content = { threads: doc.getMap('threads').toJSON(), messages: doc.getMap('messages').toJSON() };
  return JSON.stringify([
    [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(),
    sorted(content),
    draftOf(doc).toString(),
  ]);
}

interface Device {
  api: ApiClient;
  docs: Map<string, Connected>;
  online: boolean;
  /** Updates made while offline, per doc, to upload through /api/sync. */
  offline: Map<string, Uint8Array[]>;
}

export async function runConvergence(options: ConvergenceOptions): Promise<ConvergenceReport> {
  const rng = seededRandom(options.seed);
  const log = options.log ?? (() => {});
  const maxThreads = options.maxThreads ?? 6;
  let hearth: Hearth = await startHearth();
  const port = new URL(hearth.url).port;
  const first = new ApiClient(hearth.url);
  const { id: userId, email, password } = await first.signup();
  const indexName = indexDocName(userId);

  const devices: Device[] = [];
  for (let i = 0; i < options.devices; i++) {
    const api = i === 0 ? first : new ApiClient(hearth.url);
    if (i > 0) await api.post('/api/auth/login', { email, password });
    devices.push({ api, docs: new Map(), online: true, offline: new Map() });
  }

  const createdThreads = new Set<string>();
  const deletedThreads = new Set<string>();
  const createdMessages = new Map<string, string>();
  const operations: Record<string, number> = {};
  const count = (op: string) => {
    operations[op] = (operations[op] ?? 0) + 1;
  };

  const open = async (device: Device, name: string) => {
    if (device.docs.has(name)) return;
    const connected = await connectDoc(device.api, name, new Y.Doc(), false);
    device.docs.set(name, connected);
    connected.doc.on('update', (update: Uint8Array) => {
      if (!device.online) device.offline.set(name, [...(device.offline.get(name) ?? []), update]);
    });
    if (!device.online) connected.provider.disconnect();
  };
  const followIndex = async (device: Device) => {
    for (const thread of listThreads(device.docs.get(indexName)!.doc)) {
      if (thread.deletedAt === null) await open(device, threadDocName(userId, thread.id));
    }
  };
  for (const device of devices) await open(device, indexName);

  const liveThreads = (device: Device) =>
    listThreads(device.docs.get(indexName)!.doc).filter(
      (t) => t.deletedAt === null && device.docs.has(threadDocName(userId, t.id)),
    );

  let restartsLeft = options.restarts;
  const restartEvery = Math.max(1, Math.floor(options.steps / (options.restarts + 1)));
  for (let step = 0; step < options.steps; step++) {
    const device = rng.pick(devices);
    const index = device.docs.get(indexName)!.doc;
    const threads = liveThreads(device);
    const roll = rng.next();
    const now = step + 1;
    if (roll < 0.12 && createdThreads.size < maxThreads) {
      const id = createThread(index, { now, title: `t${step}` });
      createdThreads.add(id);
      await open(device, threadDocName(userId, id));
      count('createThread');
    } else if (roll < 0.22 && threads.length) {
      renameThread(index, rng.pick(threads).id, `renamed ${step}`, now);
      count('rename');
    } else if (roll < 0.3 && threads.length) {
      const thread = rng.pick(threads);
      pinThread(index, thread.id, !thread.pinned, now);
      count('pin');
    } else if (roll < 0.33 && threads.length > 2) {
      const thread = rng.pick(threads);
      deleteThread(index, thread.id, now);
      deletedThreads.add(thread.id);
      count('delete');
    } else if (roll < 0.6 && threads.length) {
      const thread = rng.pick(threads);
      const doc = device.docs.get(threadDocName(userId, thread.id))!.doc;
      const existing = listMessages(doc);
      const parent = existing.length && rng.next() < 0.8 ? rng.pick(existing).id : null;
      const id = addMessage(doc, {
        role: rng.next() < 0.5 ? 'user' : 'assistant',
        parentId: parent,
        now,
        text: `m${step}`,
      });
      createdMessages.set(id, thread.id);
      count('addMessage');
    } else if (roll < 0.8 && threads.length) {
      const draft = draftOf(device.docs.get(threadDocName(userId, rng.pick(threads).id))!.doc);
      if (draft.length > 10 && rng.next() < 0.3) draft.delete(rng.int(draft.length - 5), 5);
      else draft.insert(rng.int(draft.length + 1), `[${step}]`);
      count('draft');
    } else if (roll < 0.9) {
      device.online = !device.online;
      for (const { provider } of device.docs.values()) {
        if (device.online) provider.connect();
        else provider.disconnect();
      }
      if (device.online) device.offline.clear();
      count(device.online ? 'reconnect' : 'disconnect');
    } else if (!device.online && device.offline.size > 0) {
      // Offline edits delivered through the batch endpoint, in a random order.
      const updates = rng.shuffle(
        [...device.offline].flatMap(([name, list]) =>
          list.map((u) => ({ name, update: Buffer.from(u).toString('base64') })),
        ),
      );
      device.offline.clear();
      await device.api.post('/api/sync', { docs: [], updates });
      count('batchUpload');
    }
    for (const d of devices) if (d.online) await followIndex(d);
    await new Promise((resolve) => setTimeout(resolve, rng.int(15)));

    if (restartsLeft > 0 && step > 0 && step % restartEvery === 0) {
      const crash = restartsLeft % 2 === 1;
      log(`step ${step}: ${crash ? 'kill -9' : 'stop'} the server and restart it`);
      await (crash ? hearth.kill() : hearth.stop());
      hearth = await startHearth({ dataDir: hearth.dataDir, env: { PORT: port } });
      restartsLeft--;
      count(crash ? 'serverKill' : 'serverStop');
    }
  }

  log('all devices back online; waiting for convergence');
  for (const device of devices) {
    device.online = true;
    device.offline.clear();
    for (const { provider } of device.docs.values()) provider.connect();
  }
  const names = () => new Set(devices.flatMap((d) => [...d.docs.keys()]));
  const alive = (name: string) => name === indexName || !deletedThreads.has(name.split('/')[2]!);
  let why = '';
  try {
    await eventually(
      () => {
        for (const device of devices) {
          for (const thread of listThreads(device.docs.get(indexName)!.doc)) {
            if (thread.deletedAt === null && !device.docs.has(threadDocName(userId, thread.id))) {
              void open(device, threadDocName(userId, thread.id));
              why = `a device has not opened thread ${thread.id}`;
              return false;
            }
          }
        }
        for (const name of names()) {
          if (!alive(name)) continue;
          const states = devices.map((d) => {
            const c = d.docs.get(name);
            return c ? snapshotOf(c.doc) : 'missing';
          });
          if (new Set(states).size !== 1) {
            why = `${name} differs: ${devices
              .map((d) => {
                const c = d.docs.get(name);
                if (!c) return 'missing';
                const sv = JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(c.doc))]);
                return `${sv} connected=${c.provider.wsconnected} synced=${c.provider.synced}`;
              })
              .join(' | ')}`;
            return false;
          }
        }
        return true;
      },
      'every device holds identical docs',
      60_000,
    ).catch((error: Error) => {
      throw new Error(`seed ${options.seed}: ${error.message}; ${why}`);
    });

    const index = devices[0]!.docs.get(indexName)!.doc;
    const threads = new Map(listThreads(index).map((t) => [t.id, t]));
    const lostThreads = [...createdThreads].filter((id) => !threads.has(id));
    const wronglyAlive = [...deletedThreads].filter((id) => threads.get(id)?.deletedAt === null);
    const lostMessages = [...createdMessages].filter(([messageId, threadId]) => {
      if (deletedThreads.has(threadId)) return false;
      const doc = devices[0]!.docs.get(threadDocName(userId, threadId))!.doc;
      return !listMessages(doc).some((m) => m.id === messageId);
    });
    if (lostThreads.length || wronglyAlive.length || lostMessages.length) {
      throw new Error(
        `seed ${options.seed}: lost threads ${lostThreads}, deleted threads alive ${wronglyAlive}, lost messages ${lostMessages.length}`,
      );
    }
    return { operations, threads: createdThreads.size, messages: createdMessages.size };
  } finally {
    for (const device of devices) for (const { provider } of device.docs.values()) provider.destroy();
    await hearth.stop();
  }
}
