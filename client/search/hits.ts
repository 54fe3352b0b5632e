// From what the index matched to what a result shows: the message read back from the device
// (the index keeps no text), checked for the query's phrases, with a snippet of its matched
// words; and the chats found by their titles.
import type { MessageRow } from '../db/hearth-db';
import type { Candidate } from './device-index';
import { hasPhrases, type ParsedQuery, phraseStream } from './query';
import { findMarks, makeSnippet, type Snippet } from './snippet';

export type HitRow = Pick<MessageRow, 'id' | 'threadId' | 'role' | 'text' | 'createdAt'>;

export interface MessageHit extends Snippet {
  threadId: string;
  messageId: string;
  role: MessageRow['role'];
  createdAt: number;
  score: number;
}

export interface TitleHit {
  threadId: string;
  title: string;
  /** Where the matched words are in the title. */
  marks: Array<[number, number]>;
  score: number;
}

export interface DeviceHits {
  messages: MessageHit[];
  titles: TitleHit[];
}

/**
 * Rows are read this many at a time (at least `limit`: one read when nothing is filtered
 * out), best candidates first, until enough hits are found.
 */
const BATCH = 50;
/** With phrases most candidates may fail the check: give up after reading this many. */
const MAX_READ = 1000;

export interface HitSources {
  /** The message rows of these ids (undefined where one is gone), in the same order. */
  readRows(ids: string[]): Promise<(HitRow | undefined)[]>;
  /** A chat's title, when it is known. */
  titleOf(threadId: string): string | undefined;
}

/**
 * The best `limit` message hits and `limit` title hits among `candidates` (best first):
 * a short beginning matches hundreds of titles, and each one shown is a chat in the list.
 */
export async function collectHits(
  candidates: readonly Candidate[],
  query: ParsedQuery,
  sources: HitSources,
  limit: number,
): Promise<DeviceHits> {
  const titles: TitleHit[] = [];
  const found: Candidate[] = [];
  for (const candidate of candidates) {
    if (candidate.messageId) {
      found.push(candidate);
      continue;
    }
    if (titles.length >= limit) continue;
    const title = sources.titleOf(candidate.threadId);
    if (title === undefined || (query.phrases.length > 0 && !hasPhrases(phraseStream(title), query.phrases))) continue;
    const marks = findMarks(title, new Set(candidate.terms), query.cjkRuns);
    titles.push({ threadId: candidate.threadId, title, marks, score: candidate.score });
  }
  const messages: MessageHit[] = [];
  const batchSize = Math.max(BATCH, limit);
  for (let at = 0; at < Math.min(found.length, MAX_READ) && messages.length < limit; at += batchSize) {
    const batch = found.slice(at, at + batchSize);
    const rows = await sources.readRows(batch.map((c) => c.messageId!));
    batch.forEach((candidate, i) => {
      const row = rows[i];
      if (!row || messages.length >= limit) return; // gone since it was indexed
      if (query.phrases.length > 0 && !hasPhrases(phraseStream(row.text), query.phrases)) return;
      const marks = findMarks(row.text, new Set(candidate.terms), query.cjkRuns);
      messages.push({
        threadId: row.threadId,
        messageId: row.id,
        role: row.role,
        createdAt: row.createdAt,
        score: candidate.score,
        ...makeSnippet(row.text, marks),
      });
    });
  }
  return { messages, titles };
}
