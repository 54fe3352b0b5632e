// Snippets: the words around the first match, whitespace folded, the matched words located
// in the snippet itself (accented, Chinese, or half-width as typed).
import { describe, expect, it } from 'vitest';
import { findMarks, makeSnippet } from './snippet';
import { indexTerms } from './text';

const marked = (snippet: { snippet: string; marks: Array<[number, number]> }) =>
  snippet.marks.map(([start, end]) => snippet.snippet.slice(start, end));

describe('snippets', () => {
  it('marks the matched words as written, accents and case kept', () => {
    const text = 'Le Café de Flore.\n\nOn y boit un CAFÉ crème.';
    const snippet = makeSnippet(text, findMarks(text, new Set(['cafe'])));
    expect(snippet.snippet).toBe('Le Café de Flore. On y boit un CAFÉ crème.');
    expect(marked(snippet)).toEqual(['Café', 'CAFÉ']);
  });

  it('starts a little before the first match in a long text, with … where text was cut', () => {
    const text = `${'filler '.repeat(60)}the needle is here ${'tail '.repeat(60)}`;
    const snippet = makeSnippet(text, findMarks(text, new Set(['needle'])));
    expect(snippet.snippet.startsWith('…')).toBe(true);
    expect(snippet.snippet.endsWith('…')).toBe(true);
    expect(snippet.snippet.length).toBeLessThan(200);
    expect(marked(snippet)).toEqual(['needle']);
  });

  it('marks the typed run inside a longer Chinese run, and whole half-width runs', () => {
    const text = '我们明天去北京大学参观';
    expect(marked(makeSnippet(text, findMarks(text, new Set(indexTerms('北京')), ['北京'])))).toEqual(['北京']);
    const kana = 'ｶﾞｲﾄﾞを読む';
    expect(marked(makeSnippet(kana, findMarks(kana, new Set(), ['ガイド'])))).toEqual(['ｶﾞｲﾄﾞを読む']);
  });
});
