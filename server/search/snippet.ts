// Snippets as plain text with the matched words as offsets: FTS5's snippet() marks matches
// with two control characters (which stored text never contains); they become `marks`
// here, and the gaps that set CJK characters apart are taken out again.
import { CJK_GAP, MARK_CLOSE, MARK_OPEN } from './text-prep';

export interface Snippet {
  snippet: string;
  /** [start, end) in UTF-16 code units of `snippet`. */
  marks: Array<[number, number]>;
}

/** How much text a snippet shows when nothing in it matched a word (a match by meaning). */
const PLAIN_SNIPPET_CHARS = 200;

/** Turns snippet()'s marked text into one line of snippet and its marks (adjacent marks merged). */
export function parseMarkedSnippet(marked: string): Snippet {
  let snippet = '';
  const marks: Array<[number, number]> = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === CJK_GAP) continue;
    if (ch === MARK_OPEN) open = snippet.length;
    else if (ch === MARK_CLOSE) {
      if (open < 0) continue;
      const last = marks.at(-1);
      if (last && last[1] === open) last[1] = snippet.length;
      else if (snippet.length > open) marks.push([open, snippet.length]);
      open = -1;
    } else if (!/\s/.test(ch)) snippet += ch;
    else if (snippet.length > 0 && !snippet.endsWith(' ')) snippet += ' ';
  }
  return { snippet: snippet.trimEnd(), marks };
}

/** The text around [start, end) of `clean` (a chunk found by meaning), cut at spaces where it can be. */
export function plainSnippet(clean: string, start = 0, end = clean.length): Snippet {
  let from = Math.max(0, Math.min(start, clean.length));
  let to = Math.min(end, from + PLAIN_SNIPPET_CHARS, clean.length);
  if (from > 0) {
    const space = clean.indexOf(' ', from);
    if (space >= 0 && space < from + 20) from = space + 1;
  }
  if (to < clean.length) {
    const space = clean.lastIndexOf(' ', to);
    if (space > from + PLAIN_SNIPPET_CHARS / 2) to = space;
  }
  const body = clean.slice(from, to).replace(/\s+/g, ' ').trim();
  return { snippet: `${from > 0 ? '…' : ''}${body}${to < clean.length ? '…' : ''}`, marks: [] };
}
