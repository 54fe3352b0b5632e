import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, chunkText, MAX_CHUNKS } from './chunks';

describe('chunkText', () => {
  it('keeps a short message whole and skips a blank one', () => {
    expect(chunkText('hello there')).toEqual([{ start: 0, end: 11 }]);
    expect(chunkText('  \n ')).toEqual([]);
  });

  it('cuts a long message at sentence ends, within the size, overlapping, covering all of it', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Sentence number ${i} says something.`).join(' ');
    const chunks = chunkText(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.end - chunk.start).toBeLessThanOrEqual(CHUNK_CHARS);
      if (i > 0) expect(chunk.start).toBeLessThan(chunks[i - 1]!.end);
      if (i < chunks.length - 1) expect(text.slice(chunk.start, chunk.end)).toMatch(/\.\s$/);
    }
    expect(chunks[0]!.start).toBe(0);
    expect(chunks.at(-1)!.end).toBe(text.length);
  });

  it('cuts text without spaces anywhere but inside a surrogate pair, and stops at the most pieces', () => {
    const text = '😀'.repeat(40_000);
    const chunks = chunkText(text);
    expect(chunks).toHaveLength(MAX_CHUNKS);
    for (const chunk of chunks) expect(text.slice(chunk.start, chunk.end)).toMatch(/^(😀)+$/u);
  });
});
