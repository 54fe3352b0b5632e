// One list of results from the device's and the server's: fused by rank (their scores are
// not comparable), one entry per message, each saying how it was found (words, meaning),
// then grouped by chat, best chat first; chats deleted, or waiting out their undo, left out.
import type { SearchMatch, SearchResponse } from '../../shared/api/search';
import type { Role } from '../../shared/docs/thread-doc';
import type { DeviceHits } from './hits';

type Range = [number, number];

export interface ResultItem {
  threadId: string;
  messageId: string;
  snippet: string;
  marks: Range[];
  matchedBy: SearchMatch[];
  /** Unknown for a message found by the server that this device has not stored yet. */
  role?: Role;
  createdAt?: number;
  score: number;
}

export interface ResultGroup {
  threadId: string;
  title: string;
  /** Where the query's words are in the title, when it was found by its title. */
  titleMarks: Range[];
  updatedAt: number;
  items: ResultItem[];
  /** Found items beyond those shown. */
  more: number;
  score: number;
}

export interface ChatInfo {
  title: string;
  updatedAt: number;
  deletedAt: number | null;
}

/** Reciprocal rank fusion's constant: how much the first places outweigh the next. */
const K = 60;
const rankScore = (rank: number) => 1 / (K + rank + 1);
/** A chat named by the words typed is more likely what the person looks for than one message. */
const TITLE_WEIGHT = 1.5;

/** Device and server results as one list, best first, one entry per message. */
export function mergeHits(device: DeviceHits, server: SearchResponse | null): ResultItem[] {
  const byId = new Map<string, ResultItem>();
  device.messages.forEach((hit, rank) => {
    const { threadId, messageId, snippet, marks, role, createdAt } = hit;
    byId.set(messageId, {
      threadId,
      messageId,
      snippet,
      marks,
      role,
      createdAt,
      matchedBy: ['text'],
      score: rankScore(rank),
    });
  });
  server?.results.forEach((hit, rank) => {
    const known = byId.get(hit.messageId);
    if (known) {
      known.score += rankScore(rank);
      known.matchedBy = [...new Set([...known.matchedBy, ...hit.matchedBy])];
      return;
    }
    const { threadId, messageId, snippet, marks, matchedBy } = hit;
    byId.set(messageId, { threadId, messageId, snippet, marks, matchedBy: [...matchedBy], score: rankScore(rank) });
  });
  return [...byId.values()].sort((a, b) => b.score - a.score);
}

export interface GroupOptions {
  /** The chats this device knows: results from chats it does not (or that are deleted) are left out. */
  chats: ReadonlyMap<string, ChatInfo>;
  /** Chats waiting out their undo notice. */
  hidden: ReadonlySet<string>;
  /** Messages shown per chat. */
  perChat?: number;
}

/** Items and title hits grouped by chat; a chat ranks by its best item plus its title's (weighted) rank. */
export function groupResults(
  items: readonly ResultItem[],
  titles: DeviceHits['titles'],
  options: GroupOptions,
): ResultGroup[] {
  const { chats, hidden, perChat = 3 } = options;
  const groups = new Map<string, ResultGroup>();
  const groupOf = (threadId: string): ResultGroup | undefined => {
    const chat = chats.get(threadId);
    if (!chat || chat.deletedAt !== null || hidden.has(threadId)) return undefined;
    let group = groups.get(threadId);
    if (!group) {
      group = { threadId, title: chat.title, titleMarks: [], updatedAt: chat.updatedAt, items: [], more: 0, score: 0 };
      groups.set(threadId, group);
    }
    return group;
  };
  titles.forEach((hit, rank) => {
    const group = groupOf(hit.threadId);
    if (!group) return;
    group.score += TITLE_WEIGHT * rankScore(rank);
    // The marks are for the title the worker indexed; shown only if it is still the title.
    if (hit.title === group.title) group.titleMarks = hit.marks;
  });
  const best = new Set<string>();
  for (const item of items) {
    const group = groupOf(item.threadId);
    if (!group) continue;
    if (!best.has(item.threadId)) {
      best.add(item.threadId);
      group.score += item.score;
    }
    if (group.items.length < perChat) group.items.push(item);
    else group.more++;
  }
  return [...groups.values()].sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt);
}
