// How message text and query text are prepared for FTS5's unicode61 tokenizer, the same way
// on both sides. unicode61 splits words at spaces and punctuation, folds case and (with
// remove_diacritics 2) accents; what it cannot do is done here: Chinese, Japanese and Korean
// are written without spaces, so each of their characters is made a word of its own (a
// query's CJK run then becomes a phrase of adjacent characters, found anywhere in a
// sentence); Arabic and Hebrew vowel points, which most text leaves out, are dropped so a
// word matches with or without them.

/** Marks where FTS5's snippet() puts a match; stripped from stored text so they stay unique. */
export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';
/** Separates CJK characters in the stored text: a separator to unicode61, invisible, and removed again for snippets. */
export const CJK_GAP = '\u200b';

/** Control characters (the snippet marks among them) and the zero-width space, which CJK_GAP reserves. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const RESERVED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b]/g;
/** Arabic harakat, superscript alef, Quranic marks and tatweel; Hebrew points and cantillation. */
const OPTIONAL_MARKS = /[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]/g;
/** Scripts written without spaces between words, plus the Katakana length mark. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\uff70]/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** A word worth matching: something the tokenizer keeps (a letter or a digit). */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** The text as stored and shown in snippets: NFC, no control characters, optional vowel points dropped. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(RESERVED, ' ').replace(OPTIONAL_MARKS, '');
}

/** The clean text with every CJK character set apart, as the full-text index stores it. */
export function segment(clean: string): string {
  return clean.replace(CJK, (ch) => `${CJK_GAP}${ch}${CJK_GAP}`);
}

/** The stored (segmented) text back as the clean text. */
export function unsegment(stored: string): string {
  return stored.replaceAll(CJK_GAP, '');
}

export function hasCjk(text: string): boolean {
  return HAS_CJK.test(text);
}

export function isWordlike(text: string): boolean {
  return WORDLIKE.test(text);
}
