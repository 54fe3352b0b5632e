// Search on the server: owns the index file and what reads and writes it (the indexer, on
// a worker thread, and the embedder in the background; queries from the routes). A query is answered by words
// and, for a person who turned it on, by meaning, fused by reciprocal rank; a provider that
// fails only takes meaning away (`meaningUnavailable`). A damaged file is dropped and
// rebuilt from the docs while the server keeps serving; until it is full again, searches
// find less, never fail.
import type { SearchResponse } from '../../shared/api/search';
import type { AiConfig } from '../config';
import type { DataKeys } from '../crypto/data-keys';
import type { Db } from '../db/open';
import type { HearthEvents } from '../events';
import { KeyStore } from '../keys/key-store';
import type { Logger } from '../log/logger';
import type { DocRegistry } from '../sync/doc-registry';
import { Embedder } from './embedder';
import { EmbeddingRows } from './embedding-rows';
import { EmbeddingTargets } from './embedding-target';
import { fuseByRank, type Ranked } from './fuse';
import { IndexStore } from './index-store';
import { Indexer, type IndexerOptions } from './indexer';
import { type MeaningAnswer, type MeaningHit, MeaningSearch } from './meaning-search';
import { isCorruption, openSearchDb, removeSearchDb, type SearchDb } from './search-db';
import { SearchSettingsStore } from './search-settings';
import { type TextHit, TextSearch } from './text-search';
import { VectorStore } from './vector-store';

export interface SearchDeps {
  dataDir: string;
  /** hearth.db: the person's search settings and keys. */
  db: Db;
  keys: DataKeys;
  ai: AiConfig;
  docs: DocRegistry;
  log: Logger;
  events: HearthEvents;
  indexer?: Partial<IndexerOptions>;
}

/** The open index file and what works on it; replaced whole when the file is rebuilt. */
export interface IndexFile {
  db: SearchDb;
  index: IndexStore;
  vectors: VectorStore;
  text: TextSearch;
  rows: EmbeddingRows;
}

/** How many candidates each list brings to the fusion, for a page of `limit` results. */
export const candidates = (limit: number) => Math.min(200, limit * 2 + 20);

export class ServerSearch {
  private current: IndexFile;
  readonly settings: SearchSettingsStore;
  readonly targets: EmbeddingTargets;
  readonly indexer: Indexer;
  readonly embedder: Embedder;
  private readonly meaning: MeaningSearch;

  constructor(private readonly deps: SearchDeps) {
    this.current = this.openFile();
    this.settings = new SearchSettingsStore(deps.db);
    this.targets = new EmbeddingTargets(new KeyStore(deps.db, deps.keys), deps.ai);
    const onFailure = (error: unknown) => this.onFailure(error);
    this.embedder = new Embedder({
      settings: this.settings,
      targets: this.targets,
      rows: () => this.current.rows,
      index: () => this.current.index,
      log: deps.log,
      timeoutMs: deps.ai.timeoutMs,
      onFailure,
    });
    this.indexer = new Indexer(
      {
        dataDir: deps.dataDir,
        docs: deps.docs,
        keys: deps.keys,
        index: () => this.current.index,
        log: deps.log,
        onWritten: (userId) => this.embedder.poke(userId),
        onFailure,
      },
      deps.indexer,
    );
    this.meaning = new MeaningSearch(() => this.current, deps.ai.timeoutMs);
    deps.events.on('account-deleted', (userId) => this.indexer.forgetUser(userId));
  }

  /** The index file as it is now (for status and benchmarks). */
  get file(): IndexFile {
    return this.current;
  }

  private openFile(): IndexFile {
    const db = openSearchDb(this.deps.dataDir, this.deps.log);
    const vectors = new VectorStore(db);
    return {
      db,
      vectors,
      index: new IndexStore(db, vectors),
      text: new TextSearch(db),
      rows: new EmbeddingRows(db, vectors),
    };
  }

  start(): void {
    this.indexer.start();
    this.embedder.start();
  }

  close(): void {
    this.embedder.stop();
    this.indexer.stop();
    this.current.db.close();
  }

  /** The user's messages for `query`, best first: by words, and by meaning when it is on. */
  async search(userId: string, query: string, limit: number): Promise<SearchResponse> {
    // Words bring more candidates than a page (cheap, and fusion reorders them); meaning
    // brings a page: its scan's cost grows with every neighbour asked for.
    const wanted = candidates(limit);
    const settings = this.settings.get(userId);
    const byMeaning = settings.meaning
      ? this.meaning.find(this.targets.resolve(userId, settings.model), userId, query, limit).catch((error) => {
          this.deps.log.error('could not search by meaning', { userId, err: error });
          this.onFailure(error);
          return { hits: [], unavailable: 'Found by words only: the index of meanings could not be read.' };
        })
      : null;
    let byText: TextHit[];
    try {
      byText = this.current.text.find(userId, query, wanted);
    } catch (error) {
      this.onFailure(error);
      throw error;
    }
    const meaning: MeaningAnswer = byMeaning ? await byMeaning : { hits: [] };
    const fused = fuseByRank<TextHit | MeaningHit>([
      { by: 'text', ranked: byText.map((hit): Ranked<TextHit> => ({ key: String(hit.row), item: hit })) },
      { by: 'meaning', ranked: meaning.hits.map((hit): Ranked<MeaningHit> => ({ key: String(hit.row), item: hit })) },
    ]);
    const response: SearchResponse = {
      results: fused.slice(0, limit).map(({ item, score, matchedBy }) => ({
        threadId: item.threadId,
        messageId: item.messageId,
        snippet: item.snippet,
        marks: item.marks,
        score,
        matchedBy,
      })),
    };
    if (meaning.unavailable) response.meaningUnavailable = meaning.unavailable;
    return response;
  }

  /** A damaged file is replaced by an empty one and filled again from the docs. */
  private onFailure(error: unknown): void {
    if (!isCorruption(error)) return;
    this.deps.log.error('the search index file is damaged; rebuilding it from the docs', { err: error });
    try {
      this.current.db.close();
    } catch {
      // Already unusable: the file goes either way.
    }
    removeSearchDb(this.deps.dataDir);
    this.current = this.openFile();
    this.indexer.restart();
  }
}
