// What the page and the search worker say to each other (search.worker.ts, search-client.ts).
import type { DeviceHits } from './hits';

export type ToWorker = { type: 'start'; userId: string } | { type: 'search'; id: number; query: string; limit: number };

export interface IndexStatus {
  /** loading: reading the stored index; building: indexing every message (the first time). */
  state: 'loading' | 'building' | 'ready' | 'failed';
  /** Messages and chat titles indexed so far. */
  size: number;
  /** Counts the changes the index has taken in: a query on screen is asked again when it moves. */
  version: number;
  /** How the index came to be this session: read back from the device, or built. */
  source?: 'stored' | 'built';
  /** Milliseconds from the worker's start to the index being ready (for bench/search). */
  readyMs?: number;
  /** Why search on this device does not work, for people (state failed). */
  error?: string;
}

export type FromWorker =
  | { type: 'status'; status: IndexStatus }
  /** `hits` is null for a query a newer one replaced before it ran. */
  | { type: 'results'; id: number; hits: DeviceHits | null };
