// The few words of a message shown under a search result, around its matches, with the
// matched words located (never as HTML: the result list renders text and <mark> elements).
import type { SearchResult } from '../../shared/api/search';
import { tokenize } from './text';

export type Snippet = Pick<SearchResult, 'snippet' | 'marks'>;
type Range = [number, number];

/** About how long a snippet is, in characters. */
const SNIPPET_CHARS = 160;
/** How much of it goes before the first match. */
const LEAD_CHARS = 40;

/**
 * Where the words of `text` that matched stand: words whose term is in `terms` (the index
 * terms a search matched), and the Chinese or Japanese runs typed (`cjkRuns`) where they occur.
 */
export function findMarks(text: string, terms: ReadonlySet<string>, cjkRuns: readonly string[] = []): Range[] {
  const marks: Range[] = [];
  for (const token of tokenize(text)) {
    if (!token.cjk) {
      if (terms.has(token.term)) marks.push([token.start, token.end]);
      continue;
    }
    // Pairs are positions in the run: mark the typed runs found in it, or the whole run when
    // folding changed its length (half-width kana) and positions no longer line up.
    const sameLength = token.term.length === token.end - token.start;
    let found = false;
    for (const run of cjkRuns) {
      for (let at = token.term.indexOf(run); at >= 0; at = token.term.indexOf(run, at + run.length)) {
        found = true;
        if (sameLength) marks.push([token.start + at, token.start + at + run.length]);
      }
    }
    if (found && !sameLength) marks.push([token.start, token.end]);
  }
  return marks.sort((a, b) => a[0] - b[0]);
}

/**
 * A window of `text` around its first mark, whitespace runs shown as one space, with the
 * marks moved into it; "…" where text was left out.
 */
export function makeSnippet(text: string, marks: readonly Range[], size = SNIPPET_CHARS): Snippet {
  const first = marks[0]?.[0] ?? 0;
  let from = Math.max(0, first - LEAD_CHARS);
  // Start at a word: back up to the space before, unless that reaches too far.
  if (from > 0) {
    const space = text.lastIndexOf(' ', from);
    if (space >= 0 && from - space < 15) from = space + 1;
  }
  let to = Math.min(text.length, from + size);
  if (to < text.length) {
    const space = text.indexOf(' ', to);
    if (space >= 0 && space - to < 15) to = space;
  }
  let out = from > 0 ? '…' : '';
  const at = new Map<number, number>(); // text offset → snippet offset
  let lastSpace = out.length > 0;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    const space = /\s/.test(c);
    at.set(i, out.length);
    if (space) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
    } else {
      out += c;
      lastSpace = false;
    }
  }
  at.set(to, out.length);
  const moved: Range[] = [];
  for (const [start, end] of marks) {
    if (start < from || end > to) continue;
    moved.push([at.get(start)!, at.get(end)!]);
  }
  out = out.trimEnd();
  if (to < text.length) out += '…';
  return { snippet: out, marks: moved };
}
