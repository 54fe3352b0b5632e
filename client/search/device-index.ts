// The device's full-text index (MiniSearch): every message of every branch by its text, and
// every chat by its title. Pure: the worker (search.worker.ts) feeds it rows and stores it.
import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import type { ParsedQuery } from './query';
import { indexTerms } from './text';

/**
 * Bumped whenever what is indexed or how text is read changes (text.ts, the fields below):
 * a stored index of another version is rebuilt rather than read.
 */
export const INDEX_VERSION = 2;

interface IndexedDoc {
  /** A message id, or `t:<threadId>` for a chat's title. */
  id: string;
  threadId: string;
  text?: string;
  title?: string;
}

export interface Candidate {
  /** The message's id; absent for a chat found by its title. */
  messageId?: string;
  threadId: string;
  score: number;
  /** The index terms that matched (for marking them in the text). */
  terms: string[];
}

export const TITLE_PREFIX = 't:';
const identity = (term: string) => term;

const OPTIONS: Options<IndexedDoc> = {
  fields: ['text', 'title'],
  // The title too, so that a chat list read after a reload shows which titles changed meanwhile.
  storeFields: ['threadId', 'title'],
  tokenize: indexTerms,
  processTerm: identity,
  // Queries arrive as terms already read (query.ts): one term per leaf, taken as it is.
  searchOptions: { tokenize: (term) => [term], processTerm: identity, boost: { title: 2 } },
  // Streamed replies replace their document many times: clean up now and then, not per change.
  autoVacuum: { minDirtCount: 2000, minDirtFactor: 0.2, batchSize: 2000, batchWait: 10 },
};

export class DeviceIndex {
  private constructor(private readonly index: MiniSearch<IndexedDoc>) {}

  static empty(): DeviceIndex {
    return new DeviceIndex(new MiniSearch(OPTIONS));
  }

  /** An index stored by toJSON (of this INDEX_VERSION). */
  static fromJSON(json: string): DeviceIndex {
    return new DeviceIndex(MiniSearch.loadJSON(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.index);
  }

  /** Messages and titles indexed. */
  get size(): number {
    return this.index.documentCount;
  }

  /** Indexes a message's text (again); an empty text leaves it out. */
  setMessage(id: string, threadId: string, text: string): void {
    if (this.index.has(id)) this.index.discard(id);
    if (text.trim()) this.index.add({ id, threadId, text });
  }

  removeMessage(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
  }

  setTitle(threadId: string, title: string): void {
    this.removeTitle(threadId);
    if (title.trim()) this.index.add({ id: TITLE_PREFIX + threadId, threadId, title });
  }

  /** The title indexed for a chat, if any. */
  titleOf(threadId: string): string | undefined {
    const title = this.index.getStoredFields(TITLE_PREFIX + threadId)?.title;
    return typeof title === 'string' ? title : undefined;
  }

  removeTitle(threadId: string): void {
    if (this.index.has(TITLE_PREFIX + threadId)) this.index.discard(TITLE_PREFIX + threadId);
  }

  /** Messages and titles with every term of `query`, best first, from the chats `keep` allows. */
  search(query: ParsedQuery, keep: (threadId: string) => boolean): Candidate[] {
    if (query.terms.length === 0) return [];
    const filter = (result: SearchResult) => keep(result.threadId as string);
    // Titles are few: a beginning of two letters is enough. Messages are many, and a short
    // beginning matches a good part of them, all of which are scored: four letters there.
    const titles = this.index.search(tree(query, 2), { fields: ['title'], filter });
    const messages = this.index.search(tree(query, 4), { fields: ['text'], filter });
    return [...titles, ...messages]
      .sort((a, b) => b.score - a.score)
      .map((result) => {
        const id = result.id as string;
        const candidate: Candidate = { threadId: result.threadId as string, score: result.score, terms: result.terms };
        if (!id.startsWith(TITLE_PREFIX)) candidate.messageId = id;
        return candidate;
      });
  }
}

/** The query as MiniSearch takes it: every term, a prefix only from `minPrefix` characters. */
function tree(query: ParsedQuery, minPrefix: number): Query {
  return {
    combineWith: 'AND',
    queries: query.terms.map(({ term, prefix, fuzzy }) => ({
      queries: [term],
      prefix: prefix && [...term].length >= minPrefix,
      fuzzy,
    })),
  };
}
