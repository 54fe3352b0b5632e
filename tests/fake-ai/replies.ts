// What the fake provider says when a test does not script it: deterministic text, token
// splits, token counts and embedding vectors, all derived from the request alone.

export interface ChatMessage {
  role: string;
  content?: unknown;
}

export interface ChatRequest {
  model?: string;
  messages?: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  [key: string]: unknown;
}

/** The text of a message's content, whether a string or an array of parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : '')).join('');
}

export function lastUserText(request: ChatRequest): string {
  const users = (request.messages ?? []).filter((m) => m.role === 'user');
  return contentText(users.at(-1)?.content);
}

/** Every message's text, one after another (for matching a marker anywhere in the prompt). */
export function promptText(request: ChatRequest): string {
  return (request.messages ?? []).map((m) => contentText(m.content)).join('\n');
}

/** The default reply: it echoes the last user message, so a test can see what was sent. */
export function defaultReply(request: ChatRequest): string {
  return `Echo: ${lastUserText(request)}`;
}

/** Splits text into word tokens, each with the whitespace before it; joined they give the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** A token count in the spirit of a tokenizer: words. */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function promptTokens(request: ChatRequest): number {
  return (request.messages ?? []).reduce((sum, m) => sum + countTokens(contentText(m.content)), 0);
}

/** FNV-1a over the text: the seed of its embedding. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Words the fake treats as meaning the same, so that a test can find a message by meaning
 * with none of its words: "automobile" lands where "car" does.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['car', 'automobile', 'vehicle', 'auto'],
  ['cat', 'kitten', 'feline'],
  ['dog', 'puppy', 'canine', 'hound'],
  ['happy', 'glad', 'joyful', 'cheerful'],
  ['doctor', 'physician', 'medic'],
  ['film', 'movie', 'cinema'],
  ['ocean', 'sea'],
  ['money', 'cash', 'funds'],
];
const CONCEPT = new Map(SYNONYMS.flatMap((group) => group.map((word) => [word, group[0]!] as const)));

/** A word as the fake understands it: lower case, a plural's -s dropped, synonyms merged. */
function concept(word: string): string {
  const lower = word.toLowerCase();
  const singular = lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
  return CONCEPT.get(singular) ?? singular;
}

/** A word's own direction: `dimensions` numbers in [-1, 1) from a generator seeded by the word. */
const directions = new Map<string, Float64Array>();
function direction(word: string, dimensions: number): Float64Array {
  const key = `${dimensions}:${word}`;
  let known = directions.get(key);
  if (!known) {
    let a = hash(key);
    known = new Float64Array(dimensions);
    for (let i = 0; i < dimensions; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      known[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
    }
    if (directions.size > 50_000) directions.clear();
    directions.set(key, known);
  }
  return known;
}

/**
 * A unit vector of `dimensions` numbers that depends only on the text: the sum of a random
 * direction per word (a random projection of its bag of words), so texts sharing words, or
 * synonyms, lie near each other and unrelated texts nearly at right angles. Dense, like a
 * real model's vectors (their signs carry the angle, as binary quantization needs), and the
 * same on every run.
 */
export function embed(text: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions);
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [text];
  for (const word of words) {
    const d = direction(concept(word), dimensions);
    for (let i = 0; i < dimensions; i++) vector[i]! += d[i]!;
  }
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return Array.from(vector, (v) => v / norm);
}

/** OpenAI's base64 embedding encoding: little-endian float32s. */
export function toBase64Floats(vector: number[]): string {
  const floats = new Float32Array(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}
