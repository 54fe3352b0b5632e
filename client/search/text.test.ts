// indexTerms reads plain ASCII text by a shortcut: it must give the terms tokenize gives.
import { describe, expect, it } from 'vitest';
import { indexTerms, STOP_WORDS, tokenize } from './text';

const slowTerms = (text: string) => [...new Set(tokenize(text).map((t) => t.term))].filter((t) => !STOP_WORDS.has(t));

describe('indexTerms', () => {
  it('gives the same terms for ASCII text by its shortcut as tokenize does', () => {
    for (const text of [
      'Hello, World! The QUICK brown fox_jumps over 42 lazy-dogs.',
      "Don't\tstop:\nl'equipe\r\n```ts\nconst x = f(y);\n``` **bold** [link](http://a.b/c?d=e&f=1)",
      '~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./ \u0000\u007f',
    ]) {
      expect(indexTerms(text)).toEqual(slowTerms(text));
    }
  });

  it('reads other text the long way: accents, Cyrillic, Chinese', () => {
    expect(indexTerms('Crème Brûlée, ПРИВЕТ')).toEqual(['creme', 'brulee', 'привет']);
    expect(indexTerms('北京大学')).toEqual(['北京', '京大', '大学', '学']);
  });
});
