// How search reads text, the same way for what is indexed and for what is typed: words
// folded to lower case without accents, and Chinese and Japanese (written without spaces)
// cut into overlapping pairs of characters, so any run of two or more is found wherever it
// stands. Thai, Lao, Khmer and Burmese are cut into words by Intl.Segmenter.

/** A word as written, where it stands in the text, and the term it is indexed under. */
export interface Token {
  term: string;
  start: number;
  end: number;
  /** A run of Chinese or Japanese characters (indexed as pairs, see cjkTerms). */
  cjk: boolean;
}

// Letters, digits and the marks on them. Apostrophes separate ("l’équipe" is found by
// "equipe", "don't" by "don t"). Han, kana and the scripts Intl.Segmenter handles come out
// as runs of their own.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// With the prolonged sound mark and the (half-width) voicing marks, which are shared between
// the kana and so belong to neither script.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc\\u3099-\\u309c\\uff9e\\uff9f';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');
const CJK_SPLIT = new RegExp(`([${CJK}]+)`, 'u');
const SEGMENTED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
// Accents (Latin, Greek, Cyrillic), Arabic short vowels, hamza marks and the tatweel, once
// decomposed: written or not, the word is the same word.
const FOLDED_MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g;
// Arabic letters that are often written one for the other (ta marbuta, alef maqsura).
const ARABIC_FOLD: Record<string, string> = { ة: 'ه', ى: 'ي' };
const ASCII = /^[\x20-\x7e]*$/;
const ASCII_TEXT = /^[\t\n\r\x20-\x7e]*$/;
const ASCII_WORD = /[a-z0-9]+/g;

let segmenter: Intl.Segmenter | undefined;

/** The form a word is indexed and compared under: lower case, no accents, compatibility forms unified. */
export function normalize(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(FOLDED_MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ةى]/g, (c) => ARABIC_FOLD[c] ?? c);
}

/** The words of `text` in order, with their places in it. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    if (!CJK_CHAR.test(word) && !SEGMENTED.test(word)) {
      out.push({ term: normalize(word), start: at, end: at + word.length, cjk: false });
      continue;
    }
    // A run mixing scripts ("iPhone用"): each part is read as its own script asks.
    let offset = at;
    for (const part of word.split(CJK_SPLIT)) {
      if (part) pushPart(out, part, offset);
      offset += part.length;
    }
  }
  return out;
}

function pushPart(out: Token[], part: string, at: number): void {
  if (CJK_CHAR.test(part)) {
    out.push({ term: normalize(part), start: at, end: at + part.length, cjk: true });
  } else if (SEGMENTED.test(part)) {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
    for (const s of segmenter.segment(part)) {
      if (s.isWordLike)
        out.push({ term: normalize(s.segment), start: at + s.index, end: at + s.index + s.segment.length, cjk: false });
    }
  } else {
    out.push({ term: normalize(part), start: at, end: at + part.length, cjk: false });
  }
}

/**
 * A run of Chinese or Japanese as index terms: every pair of neighbouring characters, and
 * the last character alone, so that every character begins some term (a one-character
 * query finds it as a prefix) and any longer query is a chain of pairs.
 */
export function cjkTerms(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars.at(-1)!);
  return out;
}

/** The pairs a Chinese or Japanese query run must all match (one character: itself, as a prefix). */
export function cjkQueryTerms(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * English words so common that they tell messages apart by nothing: left out of the index,
 * where they would be about a third of the terms (and the slowest to search).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers him his
  how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out
  over own same she should so some such than that the their theirs them then there these they this those through
  to too under until up very was we were what when where which while who whom why will with would you your yours`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * The terms `text` is indexed under, each once (a message is short: how often a word
 * recurs in it says little, and each insertion into the index costs), stop words left out.
 */
export function indexTerms(text: string): string[] {
  const out = new Set<string>();
  // Most text is plain ASCII, where words are runs of letters and digits and folding is
  // lower case: the same terms as tokenize gives, in a third of the time (a full build).
  if (ASCII_TEXT.test(text)) {
    for (const term of text.toLowerCase().match(ASCII_WORD) ?? []) if (!STOP_WORDS.has(term)) out.add(term);
    return [...out];
  }
  for (const token of tokenize(text)) {
    if (token.cjk) for (const term of cjkTerms(token.term)) out.add(term);
    else if (!STOP_WORDS.has(token.term)) out.add(token.term);
  }
  return [...out];
}
