import { describe, expect, it } from 'vitest';
import { cleanTitle } from './titles';

describe('cleanTitle', () => {
  it('takes the first line without quotes, labels or a full stop', () => {
    expect(cleanTitle('"Packing for Lisbon."')).toBe('Packing for Lisbon');
    expect(cleanTitle('Title: **Rust lifetimes explained**\nBecause you asked…')).toBe('Rust lifetimes explained');
    expect(cleanTitle('\n\n  «Recette de crêpes»  ')).toBe('Recette de crêpes');
    expect(cleanTitle('<think>the user wants a title</think>Tax questions')).toBe('Tax questions');
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
  });
});
