// Reciprocal rank fusion: each list votes 1 / (K + rank) for the messages it found, so a
// message both lists found rises above one found by either alone, and neither list's raw
// scores (BM25, cosine distance) need to be comparable.
import type { SearchMatch } from '../../shared/api/search';

/** The usual constant: damps the difference between the first few ranks. */
const K = 60;

export interface Ranked<T> {
  key: string;
  item: T;
}

export interface Fused<T> {
  /** The item of the first list that found it (the text list comes first: its snippet has marks). */
  item: T;
  score: number;
  matchedBy: SearchMatch[];
}

/** Merges ranked lists (best first), best fused score first; ties keep the earlier list's order. */
export function fuseByRank<T>(lists: { by: SearchMatch; ranked: Ranked<T>[] }[]): Fused<T>[] {
  const fused = new Map<string, Fused<T> & { order: number }>();
  let order = 0;
  for (const { by, ranked } of lists) {
    for (const [rank, { key, item }] of ranked.entries()) {
      const vote = 1 / (K + rank + 1);
      const known = fused.get(key);
      if (known) {
        known.score += vote;
        if (!known.matchedBy.includes(by)) known.matchedBy.push(by);
      } else {
        fused.set(key, { item, score: vote, matchedBy: [by], order: order++ });
      }
    }
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ item, score, matchedBy }) => ({ item, score, matchedBy }));
}
