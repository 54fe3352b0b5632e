// The search worker: builds, follows and stores the device's search index and answers
// queries, off the page's thread, so typing stays responsive however much there is to index.
/// <reference lib="webworker" />
import { IndexKeeper } from './index-keeper';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker) => self.postMessage(message);
let keeper: IndexKeeper | undefined;
let waiting: Extract<ToWorker, { type: 'search' }> | null = null;
const NO_HITS = { messages: [], titles: [] };

function runLatest(): void {
  if (!waiting) return;
  const { id, query, limit } = waiting;
  waiting = null;
  (keeper?.search(query, limit) ?? Promise.resolve(NO_HITS)).then(
    (hits) => post({ type: 'results', id, hits }),
    // A failed read answers nothing found; the status says what broke.
    () => post({ type: 'results', id, hits: NO_HITS }),
  );
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      if (keeper) break; // one user per worker: the page starts another for another user
      keeper = new IndexKeeper(message.userId, (status) => post({ type: 'status', status }));
      void keeper.start();
      break;
    case 'search':
      // Typing outruns a slow query: only the latest one waiting is run.
      if (waiting) post({ type: 'results', id: waiting.id, hits: null });
      waiting = message;
      setTimeout(runLatest);
      break;
    default: {
      const never: never = message;
      return never;
    }
  }
};
