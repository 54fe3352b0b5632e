// The page's side of the search worker: starts it for the signed-in user, asks it queries,
// and keeps its latest status for React (useSyncExternalStore).
import type { DeviceHits } from './hits';
import type { FromWorker, IndexStatus, ToWorker } from './protocol';

const NO_HITS: DeviceHits = { messages: [], titles: [] };

export class DeviceSearch {
  private readonly worker: Worker;
  private status: IndexStatus = { state: 'loading', size: 0, version: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly pending = new Map<number, (hits: DeviceHits | null) => void>();
  private nextId = 1;

  constructor(userId: string) {
    this.worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      this.setStatus({
        ...this.status,
        state: 'failed',
        error: `Search on this device could not start: ${event.message}`,
      });
    };
    this.post({ type: 'start', userId });
  }

  /**
   * The hits for `query` from the index as it is now (while it builds: what it has so far);
   * null when a newer query replaced it before it ran.
   */
  search(query: string, limit: number): Promise<DeviceHits | null> {
    if (this.status.state === 'failed') return Promise.resolve(NO_HITS);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'search', id, query, limit });
    });
  }

  getStatus = (): IndexStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  stop(): void {
    this.worker.terminate();
    for (const resolve of this.pending.values()) resolve(null);
    this.pending.clear();
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'status':
        this.setStatus(message.status);
        break;
      case 'results':
        this.pending.get(message.id)?.(message.hits);
        this.pending.delete(message.id);
        break;
      default: {
        const never: never = message;
        throw new Error(`Unknown message from the search worker: ${JSON.stringify(never)}`);
      }
    }
  }

  private setStatus(status: IndexStatus): void {
    // Lets bench/search time the index (built or read back) from the page.
    if (status.readyMs !== undefined && this.status.readyMs === undefined) {
      performance.mark('hearth:search-ready', { detail: status });
    }
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
