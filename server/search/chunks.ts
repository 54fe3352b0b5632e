// Splits a message's text into the pieces that are embedded: at most CHUNK_CHARS each (well
// inside every embedding model's input limit), cut at a paragraph, sentence or word end
// where there is one, overlapping a little so a thought cut in two is still found. A very
// long message is embedded up to MAX_CHUNKS pieces; all of it stays found by its words.

export const CHUNK_CHARS = 2000;
const OVERLAP_CHARS = 200;
export const MAX_CHUNKS = 16;

export interface Chunk {
  start: number;
  end: number;
}

/** Where to cut `text` before `limit`: the last paragraph, sentence or word end after `from`. */
function cutPoint(text: string, from: number, limit: number): number {
  const window = text.slice(from, limit);
  const floor = Math.floor(window.length / 2);
  for (const boundary of [/\n\s*\n/g, /[.!?。！？]\s/g, /\s/g]) {
    let best = -1;
    for (const match of window.matchAll(boundary)) best = match.index + match[0].length;
    if (best > floor) return from + best;
  }
  // No space at all (CJK text, a long URL): cut anywhere but inside a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** The chunks of `text` (clean text), in order; none for blank text. */
export function chunkText(text: string): Chunk[] {
  if (text.trim() === '') return [];
  const chunks: Chunk[] = [];
  let start = 0;
  while (start < text.length && chunks.length < MAX_CHUNKS) {
    const end = text.length - start <= CHUNK_CHARS ? text.length : cutPoint(text, start, start + CHUNK_CHARS);
    chunks.push({ start, end });
    if (end >= text.length) break;
    start = Math.max(end - OVERLAP_CHARS, start + 1);
    // Start the next piece at a word, not in the middle of one.
    const space = text.slice(start, end).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  return chunks;
}
