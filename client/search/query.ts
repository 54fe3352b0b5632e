// What a person types into search, read into what the index is asked: every word must be
// found, in any order, as typed, as the start of a longer word ("synchron"), or with a small
// typo; "quoted phrases" (and runs of Chinese or Japanese) must also appear as written.
import { cjkQueryTerms, STOP_WORDS, tokenize } from './text';

export interface QueryTerm {
  term: string;
  /** May be the beginning of a longer word (being typed); how long it must be: device-index.ts. */
  prefix: boolean;
  /** The edits (Levenshtein) a match may be away from it. */
  fuzzy: number;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Term sequences that must appear together, in order (see phraseStream). */
  phrases: string[];
  /** The CJK runs typed, for marking them in snippets. */
  cjkRuns: string[];
}

/**
 * Typos forgiven by word length: none in short words, where one edit makes another word
 * (and finds thousands of messages), nor in numbers, where it makes another number.
 */
export function typoAllowance(term: string): number {
  const length = [...term].length;
  if (length < 5 || /\p{N}/u.test(term)) return 0;
  return length < 9 ? 1 : 2;
}

/** Reads a query; unbalanced quotes run to the end, and any other punctuation is just a separator. */
export function parseQuery(input: string): ParsedQuery {
  const parsed: ParsedQuery = { terms: [], phrases: [], cjkRuns: [] };
  const parts = input.split('"');
  parts.forEach((part, i) => {
    const quoted = i % 2 === 1;
    const tokens = tokenize(part);
    if (tokens.length === 0) return;
    if (quoted && tokens.length > 1) parsed.phrases.push(tokens.map((t) => t.term).join(' '));
    tokens.forEach((token, at) => {
      if (token.cjk) {
        parsed.cjkRuns.push(token.term);
        const pairs = cjkQueryTerms(token.term);
        if (pairs.length > 1) parsed.phrases.push(token.term);
        for (const term of pairs) parsed.terms.push({ term, prefix: pairs.length === 1, fuzzy: 0 });
        return;
      }
      // Inside a phrase only its last word may still be being typed, and typos are not forgiven.
      const prefix = !quoted || at === tokens.length - 1;
      parsed.terms.push({ term: token.term, prefix, fuzzy: quoted ? 0 : typoAllowance(token.term) });
    });
  });
  // Stop words are not indexed (text.ts): they are left out of the query, unless one is all
  // of it, where it can still be the beginning of a longer word being typed ("the" → "theory").
  const words = parsed.terms.filter((t) => !STOP_WORDS.has(t.term));
  if (words.length > 0) parsed.terms = words;
  else parsed.terms = parsed.terms.filter((t) => t.prefix).slice(-1);
  return parsed;
}

/** Text as one string of its terms, each after a space: what phrases are looked for in. */
export function phraseStream(text: string): string {
  let out = '';
  for (const token of tokenize(text)) out += ` ${token.term}`;
  return out;
}

/**
 * True when every phrase appears in `stream` (from phraseStream), starting at a word (a
 * Chinese or Japanese run may start anywhere in one); the last word may be a prefix.
 */
export function hasPhrases(stream: string, phrases: readonly string[]): boolean {
  return phrases.every((phrase) => {
    const cjkStart = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(phrase);
    return stream.includes(cjkStart ? phrase : ` ${phrase}`);
  });
}
