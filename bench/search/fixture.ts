// The search benchmark's data: users and their thread docs written straight into a fresh
// hearth.db (sealed, as the server stores them), and the fake provider as its own process,
// so the CPU the benchmark process spends is Hearth's alone.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import * as Y from 'yjs';
import type { Db } from '../../server/db/open';
import type { DocStore } from '../../server/sync/doc-store';
import { newId } from '../../shared/docs/ids';
import { threadDocName } from '../../shared/docs/names';
import { addMessage } from '../../shared/docs/thread-doc';
import { message } from './corpus';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOCS_PER_COMMIT = 500;

/** Creates the user and `count` messages of theirs, `perThread` to a thread doc. */
export async function seedUser(
  db: Db,
  store: DocStore,
  userId: string,
  count: number,
  perThread: number,
  words: string[],
  next: () => number,
): Promise<void> {
  db.prepare('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
    userId,
    `${userId}@bench.example`,
    'Bench',
    'not a hash',
    Date.now(),
  );
  let written: Promise<number>[] = [];
  for (let made = 0; made < count; made += perThread) {
    const doc = new Y.Doc();
    doc.transact(() => {
      let parentId: string | null = null;
      for (let i = 0; i < Math.min(perThread, count - made); i++) {
        const role = i % 2 === 0 ? 'user' : 'assistant';
        parentId = addMessage(doc, { role, parentId, now: made + i, text: message(words, next) });
      }
    });
    written.push(store.append(userId, threadDocName(userId, newId()), Y.encodeStateAsUpdate(doc)));
    doc.destroy();
    if (written.length >= DOCS_PER_COMMIT) {
      store.flush();
      await Promise.all(written);
      written = [];
    }
  }
  store.flush();
  await Promise.all(written);
}

export interface FakeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `npm run dev:fake-ai` as a child process on a free port. */
export async function startFakeProcess(): Promise<FakeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fake-ai/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, FAKE_AI_PORT: '0', FAKE_AI_TOKEN_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = out.match(/listening at (http:\/\/\S+)/);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the fake provider exited with ${code}`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
