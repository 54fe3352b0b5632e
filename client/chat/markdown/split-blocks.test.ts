import { describe, expect, it } from 'vitest';
import { splitBlocks } from './split-blocks';

describe('splitBlocks', () => {
  it('splits at blank lines and gives the text back when joined', () => {
    const text = '# Title\n\nA paragraph\nwith two lines.\n\n- a\n- b\n\nEnd';
    const blocks = splitBlocks(text);
    expect(blocks).toEqual(['# Title\n', 'A paragraph\nwith two lines.\n', '- a\n- b\n', 'End']);
    expect(blocks.join('\n')).toBe(text);
  });

  it('never splits inside a fenced code block', () => {
    const text = 'Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
    expect(splitBlocks(text)).toEqual(['Intro\n', '```ts\nconst a = 1;\n\nconst b = 2;\n```\n', 'After']);
  });

  it('keeps an unclosed fence (still streaming) in the last block', () => {
    const text = 'Intro\n\n~~~\ncode\n\nmore code';
    expect(splitBlocks(text)).toEqual(['Intro\n', '~~~\ncode\n\nmore code']);
  });

  it('does not close a fence on a shorter or different marker', () => {
    const text = '````\n```\n\nx\n````\n\ny';
    expect(splitBlocks(text)).toEqual(['````\n```\n\nx\n````\n', 'y']);
  });

  it('keeps indented continuations with their list item', () => {
    const text = '1. First\n\n   more about the first\n2. Second';
    expect(splitBlocks(text)).toEqual([text]);
  });

  it('handles empty text and leading blank lines', () => {
    expect(splitBlocks('')).toEqual(['']);
    expect(splitBlocks('\n\nHello')).toEqual(['\n\nHello']);
  });
});
