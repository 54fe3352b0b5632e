// The search worker: builds, follows and stores the device's search index and answers
// queries, off the page's thread, so typing stays responsive however much there is to index.
/// <reference lib="webworker" />
import { IndexKeeper } from './index-keeper';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker) => self.postMessage(message);
let keeper: IndexKeeper | undefined;

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      if (keeper) break; // one user per worker: the page starts another for another user
      keeper = new IndexKeeper(message.userId, (status) => post({ type: 'status', status }));
      void keeper.start();
      break;
    case 'search': {
      const { id, query, limit } = message;
      (keeper?.search(query, limit) ?? Promise.resolve({ messages: [], titles: [] })).then(
        (hits) => post({ type: 'results', id, hits }),
        // A failed read answers nothing found; the status says what broke.
        () => post({ type: 'results', id, hits: { messages: [], titles: [] } }),
      );
      break;
    }
    default: {
      const never: never = message;
      return never;
    }
  }
};
