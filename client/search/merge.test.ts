// Merging the server's results into the device's: one entry per message (found by words on
// both sides, or by meaning on the server alone), fused by rank, grouped by chat, and never
// a chat that is deleted, waiting out its undo, or unknown to this device.
import { describe, expect, it } from 'vitest';
import type { SearchResponse, SearchResult } from '../../shared/api/search';
import type { DeviceHits, MessageHit } from './hits';
import { type ChatInfo, groupResults, mergeHits } from './merge';

const chat = (title: string, updatedAt = 1, deletedAt: number | null = null): ChatInfo => ({
  title,
  updatedAt,
  deletedAt,
});

const deviceHit = (messageId: string, threadId: string): MessageHit => ({
  threadId,
  messageId,
  snippet: `device snippet of ${messageId}`,
  marks: [[0, 6]],
  role: 'assistant',
  createdAt: 5,
  score: 10,
});

const serverHit = (messageId: string, threadId: string, matchedBy: SearchResult['matchedBy']): SearchResult => ({
  threadId,
  messageId,
  snippet: `server snippet of ${messageId}`,
  marks: [[0, 6]],
  score: 0.5,
  matchedBy,
});

const device: DeviceHits = { messages: [deviceHit('m1', 'A'), deviceHit('m2', 'B')], titles: [] };

describe('merging device and server results', () => {
  it('keeps one entry per message, the device’s snippet, and every way it was found', () => {
    const server: SearchResponse = {
      results: [serverHit('m2', 'B', ['text', 'meaning']), serverHit('m3', 'C', ['meaning'])],
    };
    const merged = mergeHits(device, server);
    expect(merged.map((m) => [m.messageId, m.matchedBy])).toEqual([
      ['m2', ['text', 'meaning']], // found by both: first
      ['m1', ['text']],
      ['m3', ['meaning']],
    ]);
    expect(merged[0]!.snippet).toBe('device snippet of m2');
    expect(merged[2]!.snippet).toBe('server snippet of m3');
    expect(merged[2]!.role).toBeUndefined();
  });

  it('is the device’s results alone without the server', () => {
    expect(mergeHits(device, null).map((m) => m.messageId)).toEqual(['m1', 'm2']);
  });

  it('groups by chat, best first, leaving out deleted, hidden and unknown chats', () => {
    const server: SearchResponse = {
      results: [
        serverHit('m4', 'A', ['meaning']),
        serverHit('m5', 'D', ['text']),
        serverHit('m6', 'E', ['text']),
        serverHit('m7', 'Z', ['text']),
      ],
    };
    const chats = new Map([
      ['A', chat('Alpha')],
      ['B', chat('Bravo')],
      ['C', chat('Charlie')],
      ['D', chat('Deleted', 1, 99)],
      ['E', chat('Pending undo')],
    ]);
    const titles = [{ threadId: 'C', title: 'Charlie', marks: [[0, 7]] as Array<[number, number]>, score: 3 }];
    const groups = groupResults(mergeHits(device, server), titles, { chats, hidden: new Set(['E']), perChat: 1 });
    // A title found first outranks the first message found.
    expect(groups.map((g) => [g.threadId, g.items.map((i) => i.messageId), g.more])).toEqual([
      ['C', [], 0],
      ['A', ['m1'], 1],
      ['B', ['m2'], 0],
    ]);
    expect(groups[0]!.titleMarks).toEqual([[0, 7]]);
  });
});
