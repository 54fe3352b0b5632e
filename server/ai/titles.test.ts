import { describe, expect, it } from 'vitest';
import { cleanTitle } from './titles';

describe('cleanTitle', () => {
  it('takes the first line without quotes, labels or a full stop', () => {
    expect(cleanTitle('"Packing for Lisbon."')).toBe('Packing for Lisbon');
    expect(cleanTitle('Title: **Rust lifetimes explained**\nBecause you asked…')).toBe('Rust lifetimes explained');
    expect(cleanTitle('\n\n  «Recette de crêpes»  ')).toBe('Recette de crêpes');
    expect(cleanTitle('<think>the user wants a title</think>Tax questions')).toBe('Tax questions');
  });

  it('keeps the text of markdown and none of its markup', () => {
    expect(cleanTitle('Here is a **comparison** of _two_ stores')).toBe('Here is a comparison of two stores');
    expect(cleanTitle('## Rust lifetimes')).toBe('Rust lifetimes');
    expect(cleanTitle('- Packing list\n- socks')).toBe('Packing list');
    expect(cleanTitle('1. Tax questions')).toBe('Tax questions');
    expect(cleanTitle('Using `useEffect` cleanly')).toBe('Using useEffect cleanly');
    expect(cleanTitle('[Yjs](https://yjs.dev) versus Automerge')).toBe('Yjs versus Automerge');
    expect(cleanTitle('![chart](https://x.test/c.png) Sales by region')).toBe('Sales by region');
    expect(cleanTitle('> **Title:** *Bread* basics')).toBe('Bread basics');
    expect(cleanTitle('<b>Bold</b> move &amp; more')).toBe('Bold move & more');
    // Not markup: a snake_case name, a lone asterisk, escaped characters.
    expect(cleanTitle('Renaming snake_case_names')).toBe('Renaming snake_case_names');
    expect(cleanTitle('Why 2 * 3 = 6')).toBe('Why 2 * 3 = 6');
    expect(cleanTitle('C\\+\\+ templates')).toBe('C++ templates');
  });

  it('shortens a rambling answer at a word', () => {
    const title = cleanTitle(
      'A very long title that goes on and on about many different things and never stops at all',
    )!;
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/\s…$/);
  });

  it('gives null when nothing is left', () => {
    expect(cleanTitle('')).toBeNull();
    expect(cleanTitle('  "" \n')).toBeNull();
    expect(cleanTitle('---')).toBeNull();
  });
});
