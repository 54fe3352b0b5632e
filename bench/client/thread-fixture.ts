// A long conversation for the client benchmarks: 1,000 messages of realistic chat markdown
// (paragraphs, lists, tables, fenced code in several languages), built as Yjs docs and
// stored for a fresh account through /api/sync, as another device would have left them.
import * as Y from 'yjs';
import type { SyncResponse } from '../../shared/api/sync';
import { createThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage, setMessageStatus } from '../../shared/docs/thread-doc';
import type { ApiClient } from '../../tests/support/api-client';

const QUESTIONS = [
  'How do I debounce a search box in React without re-rendering the whole list?',
  'Can you compare SQLite WAL mode with rollback journals for a small server?',
  'Write a Python function that groups log lines by request id.',
  'What does `Y.mergeUpdates` do, and when should I compact?',
  'Explain CSS container queries with an example.',
];

const PARAGRAPHS = [
  'The short answer is that you keep the **input state local** and derive the filtered list from a deferred value, so typing never waits for the list.',
  'Under the hood each write appends to the log first; readers keep seeing the last committed snapshot, which is why concurrent reads do not block a writer.',
  'A few things are worth knowing before you reach for it: it costs memory proportional to the history, and merging is `O(n log n)` in the number of structs.',
  'If you only need this on one page, a tiny hook is enough; pulling in a library for it would add more than it saves.',
];

const CODE = [
  '```ts\nexport function useDebounced<T>(value: T, ms = 200): T {\n  const [debounced, set] = useState(value);\n  useEffect(() => {\n    const id = setTimeout(() => set(value), ms);\n    return () => clearTimeout(id);\n  }, [value, ms]);\n  return debounced;\n}\n```',
  "```python\nfrom collections import defaultdict\n\ndef group_by_request(lines):\n    groups = defaultdict(list)\n    for line in lines:\n        request_id = line.split(' ', 2)[1]\n        groups[request_id].append(line)\n    return dict(groups)\n```",
  '```sql\nPRAGMA journal_mode = WAL;\nPRAGMA synchronous = NORMAL;\nSELECT name, count(*) AS n FROM events GROUP BY name ORDER BY n DESC LIMIT 10;\n```',
  '```css\n.card-list { container-type: inline-size; }\n@container (min-width: 40rem) {\n  .card { display: grid; grid-template-columns: 8rem 1fr; }\n}\n```',
];

const TABLE =
  '| Mode | Readers block writers | Durability |\n| --- | --- | --- |\n| WAL | no | on checkpoint |\n| Rollback | yes | on commit |';

const LIST =
  '- Keep the **source of truth** on the device\n- Sync in the background\n  - batch on reconnect\n  - stream when live\n- Show the state honestly';

/** The reply for the `i`th exchange: a deterministic mix of the pieces above. */
function reply(i: number): string {
  const parts = [PARAGRAPHS[i % PARAGRAPHS.length]!];
  if (i % 2 === 0) parts.push(CODE[(i / 2) % CODE.length]!);
  if (i % 3 === 0) parts.push(LIST);
  if (i % 5 === 0) parts.push(TABLE);
  parts.push(PARAGRAPHS[(i + 2) % PARAGRAPHS.length]!);
  return parts.join('\n\n');
}

/** A thread doc of `count` messages (alternating question and reply), all done. */
export function buildThreadDoc(count: number, model: string): Y.Doc {
  const doc = new Y.Doc();
  let parentId: string | null = null;
  const start = Date.now() - count * 60_000;
  for (let i = 0; i < count; i++) {
    const exchange = Math.floor(i / 2);
    const user = i % 2 === 0;
    const text = user ? QUESTIONS[exchange % QUESTIONS.length]! : reply(exchange);
    const id: string = addMessage(doc, {
      role: user ? 'user' : 'assistant',
      parentId,
      now: start + i * 60_000,
      text,
      model: user ? null : model,
    });
    if (!user) setMessageStatus(doc, id, 'done', { usage: { inputTokens: 40 + i, outputTokens: 120 + (i % 50) } });
    parentId = id;
  }
  return doc;
}

/** Stores an index with one thread of `count` messages for the signed-in `api`; returns its id. */
export async function storeLongThread(api: ApiClient, userId: string, count: number, model: string): Promise<string> {
  const index = new Y.Doc();
  const threadId = createThread(index, { now: Date.now(), title: `${count} messages`, model });
  const thread = buildThreadDoc(count, model);
  const b64 = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
  const answer = await api.post<SyncResponse>('/api/sync', {
    docs: [],
    updates: [
      { name: threadDocName(userId, threadId), update: b64(thread) },
      { name: indexDocName(userId), update: b64(index) },
    ],
  });
  if (answer.status !== 200) throw new Error(`storing the thread failed: ${answer.status}`);
  return threadId;
}
