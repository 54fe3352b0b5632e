import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describe, expect, test } from 'vitest';
import { estimateTokens, fitToWindow, IMAGE_TOKENS, promptBudget } from './fit-context';

const turn = (i: number, words = 200): ChatCompletionMessageParam[] => [
  { role: 'user', content: `question ${i} ${'word '.repeat(words)}` },
  { role: 'assistant', content: `answer ${i} ${'word '.repeat(words)}` },
];
const system: ChatCompletionMessageParam = { role: 'system', content: 'Be brief.' };
const tokens = (messages: ChatCompletionMessageParam[]) =>
  messages.reduce((sum, m) => sum + 8 + estimateTokens(String(m.content)), 0);

describe('fitting a chat to the context window', () => {
  test('a chat that fits is sent whole', () => {
    const messages = [system, ...turn(1), { role: 'user' as const, content: 'and now?' }];
    expect(fitToWindow(messages, 128_000)).toEqual({ messages, omitted: 0 });
  });

  test('the oldest turns go first; the system message and the latest message stay', () => {
    const chat = [system, ...Array.from({ length: 40 }, (_, i) => turn(i)).flat()];
    chat.push({ role: 'user', content: 'the latest question' });
    const { messages, omitted } = fitToWindow(chat, 8_000);
    expect(messages[0]).toBe(system);
    expect(messages.at(-1)?.content).toBe('the latest question');
    expect(omitted).toBeGreaterThan(0);
    expect(omitted % 2).toBe(0); // whole turns: the kept chat starts with a question
    expect(messages[1]?.role).toBe('user');
    expect(messages).toHaveLength(chat.length - omitted);
    expect(tokens(messages)).toBeLessThanOrEqual(promptBudget(8_000));
    // Nothing more than needed: one more turn would not have fitted.
    const oneMore = [system, ...chat.slice(1 + omitted - 2)];
    expect(tokens(oneMore)).toBeGreaterThan(promptBudget(8_000));
  });

  test('a latest message too long for any window is still sent, alone with the system message', () => {
    const chat = [system, ...turn(1), { role: 'user' as const, content: 'x'.repeat(100_000) }];
    const { messages, omitted } = fitToWindow(chat, 4_096);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(omitted).toBe(2);
  });

  test('an unknown window trims nothing', () => {
    const chat = [system, ...Array.from({ length: 400 }, (_, i) => turn(i)).flat()];
    expect(fitToWindow(chat, undefined).omitted).toBe(0);
  });

  test('text in Chinese counts about a token a character', () => {
    expect(estimateTokens('同步数据')).toBe(4);
    expect(estimateTokens('synchronise')).toBe(4);
  });

  test("an image counts as IMAGE_TOKENS and a file's text as text, so a turn with files goes first", () => {
    const image = { type: 'image_url' as const, image_url: { url: `data:image/png;base64,${'A'.repeat(40_000)}` } };
    const file = { type: 'text' as const, text: `File: a.txt\n${'word '.repeat(600)}` };
    const withFiles: ChatCompletionMessageParam = {
      role: 'user',
      content: [{ type: 'text', text: 'look' }, image, file],
    };
    const latest: ChatCompletionMessageParam = { role: 'user', content: 'and now?' };
    const chat = [system, withFiles, { role: 'assistant' as const, content: 'ok' }, latest];
    const cost = 8 + estimateTokens('look') + IMAGE_TOKENS + estimateTokens(file.text);
    const rest = tokens([system, chat[2]!, latest]);
    // A budget 500 tokens short of the whole chat: the turn with files goes. Were the image
    // or the file's text (about 1,000 tokens each) not counted, everything would fit.
    const target = rest + cost - 500;
    let window = target;
    while (promptBudget(window) < target) window++;
    expect(fitToWindow(chat, window).messages).toEqual([system, latest]);
    // Counted by its text alone (not by the data: URL's length), the same chat fits a big window.
    expect(fitToWindow(chat, 4 * (rest + cost)).omitted).toBe(0);
  });
});
