import { describe, expect, it } from 'vitest';
import { fuseByRank } from './fuse';

const list = (...keys: string[]) => keys.map((key) => ({ key, item: key }));

describe('fuseByRank', () => {
  it('puts what both lists found first and says which lists found each', () => {
    const fused = fuseByRank([
      { by: 'text', ranked: list('a', 'b', 'c') },
      { by: 'meaning', ranked: list('d', 'c') },
    ]);
    expect(fused.map((f) => f.item)).toEqual(['c', 'a', 'd', 'b']);
    expect(fused[0]!.matchedBy).toEqual(['text', 'meaning']);
    expect(fused.find((f) => f.item === 'd')!.matchedBy).toEqual(['meaning']);
    expect(fused[0]!.score).toBeCloseTo(1 / 63 + 1 / 62);
  });

  it('keeps the first list’s order on equal scores', () => {
    const fused = fuseByRank([
      { by: 'text', ranked: list('a') },
      { by: 'meaning', ranked: list('b') },
    ]);
    expect(fused.map((f) => f.item)).toEqual(['a', 'b']);
  });
});
