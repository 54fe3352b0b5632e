// Text for the search benchmark: messages drawn from a made-up vocabulary with a Zipf-like
// spread (a few words everywhere, most words rare), as chat text is; and queries of one or
// two words of middling frequency, some typed halfway (a prefix).

/** A deterministic pseudo-random source (mulberry32), so every run indexes the same text. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'so', 'ta', 'vi', 'pe', 'do', 'ga', 'hu', 'zi', 'be', 'fo', 'ly'];

/** The vocabulary: word i has frequency about 1 / (i + 1). */
export function vocabulary(size: number, next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Picks a word index with probability about 1 / (rank + 1) (inverse-CDF of a harmonic spread). */
function zipf(size: number, next: () => number): number {
  return Math.min(size - 1, Math.floor(Math.exp(next() * Math.log(size + 1)) - 1));
}

export function message(words: string[], next: () => number): string {
  const length = 12 + Math.floor(next() * 48);
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(words[zipf(words.length, next)]!);
  return `${out.join(' ')}.`;
}

/** One or two words of middling frequency, a third of them cut to a prefix. */
export function query(words: string[], next: () => number): string {
  const pick = () => words[50 + Math.floor(next() * Math.min(2000, words.length - 50))]!;
  const parts = next() < 0.5 ? [pick()] : [pick(), pick()];
  if (next() < 0.33) parts[parts.length - 1] = parts.at(-1)!.slice(0, 4);
  return parts.join(' ');
}
