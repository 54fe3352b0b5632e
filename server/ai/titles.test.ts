import { describe, expect, it } from 'vitest';
import { cleanTitle } from './titles';

describe('cleanTitle', () => {
  it('takes the first line without quotes, labels or a full stop', async () => {
    expect(await cleanTitle('"Packing for Lisbon."')).toBe('Packing for Lisbon');
    expect(await cleanTitle('Title: **Rust lifetimes explained**\nBecause you asked…')).toBe(
      'Rust lifetimes explained',
    );
    expect(await cleanTitle('\n\n  «Recette de crêpes»  ')).toBe('Recette de crêpes');
    expect(await cleanTitle('<think>the user wants a title</think>Tax questions')).toBe('Tax questions');
  });

  it('keeps the text of markdown and none of its markup', async () => {
    const cases: [answer: string, title: string][] = [
      ['Here is a **comparison** of _two_ stores', 'Here is a comparison of two stores'],
      ['## Rust lifetimes', 'Rust lifetimes'],
      ['- Packing list\n- socks', 'Packing list'],
      ['1. Tax questions', 'Tax questions'],
      ['Using `useEffect` cleanly', 'Using useEffect cleanly'],
      ['[Yjs](https://yjs.dev) versus Automerge', 'Yjs versus Automerge'],
      ['![chart](https://x.test/c.png) Sales by region', 'Sales by region'],
      ['> **Title:** *Bread* basics', 'Bread basics'],
      ['<b>Bold</b> move &amp; more', 'Bold move & more'],
      // Not markup: a snake_case name, a lone asterisk, escaped characters.
      ['Renaming snake_case_names', 'Renaming snake_case_names'],
      ['Why 2 * 3 = 6', 'Why 2 * 3 = 6'],
      ['C\\+\\+ templates', 'C++ templates'],
    ];
    for (const [answer, title] of cases) expect(await cleanTitle(answer), answer).toBe(title);
  });

  it('shortens a rambling answer at a word', async () => {
    const title = (await cleanTitle(
      'A very long title that goes on and on about many different things and never stops at all',
    ))!;
    expect(title.length).toBeLessThanOrEqual(81);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/\s…$/);
  });

  it('gives null when nothing is left', async () => {
    expect(await cleanTitle('')).toBeNull();
    expect(await cleanTitle('  "" \n')).toBeNull();
    expect(await cleanTitle('---')).toBeNull();
  });
});
