// Search on the server: owns the index file and what reads and writes it (the indexer in the
// background, queries from the route). A damaged file is dropped and rebuilt from the docs
// while the server keeps serving; until it is full again, searches find less, never fail.
import type { SearchResponse, SearchResult } from '../../shared/api/search';
import type { HearthEvents } from '../events';
import type { Logger } from '../log/logger';
import type { DocRegistry } from '../sync/doc-registry';
import { fuseByRank } from './fuse';
import { IndexStore } from './index-store';
import { Indexer, type IndexerOptions } from './indexer';
import { isCorruption, openSearchDb, removeSearchDb, type SearchDb } from './search-db';
import { TextSearch } from './text-search';
import { VectorStore } from './vector-store';

export interface SearchDeps {
  dataDir: string;
  docs: DocRegistry;
  log: Logger;
  events: HearthEvents;
  indexer?: Partial<IndexerOptions>;
}

/** The open index file and what works on it; replaced whole when the file is rebuilt. */
interface IndexFile {
  db: SearchDb;
  index: IndexStore;
  vectors: VectorStore;
  text: TextSearch;
}

/** How many candidates each list brings to the fusion, for a page of `limit` results. */
export const candidates = (limit: number) => Math.min(200, limit * 2 + 20);

export class ServerSearch {
  private file: IndexFile;
  readonly indexer: Indexer;

  constructor(private readonly deps: SearchDeps) {
    this.file = this.openFile();
    this.indexer = new Indexer(
      deps.docs,
      () => this.file.index,
      deps.log,
      () => {},
      (error) => this.onFailure(error),
      deps.indexer,
    );
    deps.events.on('account-deleted', (userId) => this.indexer.forgetUser(userId));
  }

  private openFile(): IndexFile {
    const db = openSearchDb(this.deps.dataDir, this.deps.log);
    const vectors = new VectorStore(db);
    return { db, vectors, index: new IndexStore(db, vectors), text: new TextSearch(db) };
  }

  start(): void {
    this.indexer.start();
  }

  close(): void {
    this.indexer.stop();
    this.file.db.close();
  }

  /** The index as people see it: their messages found by words (and by meaning, when on). */
  async search(userId: string, query: string, limit: number): Promise<SearchResponse> {
    let hits: ReturnType<TextSearch['find']>;
    try {
      hits = this.file.text.find(userId, query, candidates(limit));
    } catch (error) {
      this.onFailure(error);
      throw error;
    }
    const fused = fuseByRank([{ by: 'text', ranked: hits.map((hit) => ({ key: String(hit.row), item: hit })) }]);
    const results: SearchResult[] = fused.slice(0, limit).map(({ item, score, matchedBy }) => ({
      threadId: item.threadId,
      messageId: item.messageId,
      snippet: item.snippet,
      marks: item.marks,
      score,
      matchedBy,
    }));
    return { results };
  }

  /** Messages of the user in the index (all branches). */
  countMessages(userId: string): number {
    return this.file.index.countMessages(userId);
  }

  /** A damaged file is replaced by an empty one and filled again from the docs. */
  private onFailure(error: unknown): void {
    if (!isCorruption(error)) return;
    this.deps.log.error('the search index file is damaged; rebuilding it from the docs', { err: error });
    try {
      this.file.db.close();
    } catch {
      // Already unusable: the file goes either way.
    }
    removeSearchDb(this.deps.dataDir);
    this.file = this.openFile();
    this.indexer.reconcile();
  }
}
