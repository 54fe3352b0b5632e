// Builds the FTS5 MATCH expression for a person's query. Their text is never passed as FTS5
// syntax: it is split into words and "quoted phrases" here, and each becomes a quoted FTS5
// string, so `"`, `*`, `NEAR`, `-`, `:`, `(` and unbalanced quotes are only characters and
// no query can fail to parse. Words match whole or as prefixes ("synchron" finds
// "synchronise"), in any order; a phrase matches its words side by side; every query is
// bound to its owner.
import { cleanText, hasCjk, isWordlike, segment } from './text-prep';

/** More words than this add little and cost a posting list each; the rest are ignored. */
export const MAX_QUERY_GROUPS = 32;

/** The token the `owner` column holds for a user (user ids are 32 hex characters: one token). */
export const ownerToken = (userId: string) => `u${userId}`;

const quote = (text: string) => `"${segment(text).replaceAll('"', '""')}"`;

/** The groups a person asked for: words and quoted phrases, in order. */
export function queryGroups(query: string): { text: string; phrase: boolean }[] {
  const parts = cleanText(query).split('"');
  const groups: { text: string; phrase: boolean }[] = [];
  for (const [i, part] of parts.entries()) {
    // Odd parts sit between two quotes; the last one of an unbalanced query has no closing quote.
    const quoted = i % 2 === 1 && i < parts.length - 1;
    if (quoted) {
      const phrase = part.trim();
      if (isWordlike(phrase)) groups.push({ text: phrase, phrase: true });
    } else {
      for (const word of part.split(/\s+/)) if (isWordlike(word)) groups.push({ text: word, phrase: false });
    }
  }
  return groups.slice(0, MAX_QUERY_GROUPS);
}

/**
 * The MATCH expression finding `userId`'s messages that contain every group of `query`, or
 * null when the query has no words at all (only spaces or punctuation: nothing to look for).
 * With `prefixes`, each word also matches the words it begins ("synchron" finds
 * "synchronise"); without, only whole words.
 */
export function matchExpression(userId: string, query: string, prefixes = true): string | null {
  const groups = queryGroups(query).map(({ text, phrase }) => {
    // A one-letter prefix would expand to most of the vocabulary; CJK characters are whole tokens already.
    const prefix = prefixes && !phrase && [...text].length > 1 && !hasCjk(text.slice(-2));
    return prefix ? `${quote(text)}*` : quote(text);
  });
  if (groups.length === 0) return null;
  return `owner : ${quote(ownerToken(userId))} AND text : (${groups.join(' AND ')})`;
}
