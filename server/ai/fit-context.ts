// A long chat sent whole would fail with "context too long" (or, on a local model, be cut
// silently from the front). Before the request, the oldest turns are left out until the
// rest fits the model's context window with room for the reply; the system message and
// the latest message always stay. Counting is an estimate that errs high (no tokenizer of
// every provider's models is at hand): UTF-8 bytes / 3 is about a token per CJK character
// and a third more than English needs.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/** Tokens a message costs besides its text (role, separators), in every provider's format. */
const PER_MESSAGE = 8;
/**
 * Tokens one image is counted as. Providers charge by size (OpenAI: 85 + 170 per 512 px
 * tile, about 1,100 for a large image at high detail; Anthropic about 1,600 at most):
 * a round figure that errs high for most.
 */
export const IMAGE_TOKENS = 1000;
/** The reply's room: a quarter of the window, at most this many tokens. */
const REPLY_ROOM_MAX = 8192;

const encoder = new TextEncoder();

/** A generous estimate of the tokens `text` takes. */
export function estimateTokens(text: string): number {
  return Math.ceil(encoder.encode(text).length / 3);
}

function messageTokens(message: ChatCompletionMessageParam): number {
  const { content } = message;
  if (typeof content === 'string') return PER_MESSAGE + estimateTokens(content);
  if (!content) return PER_MESSAGE;
  return (
    PER_MESSAGE +
    content.reduce((sum, part) => {
      if (part.type === 'text') return sum + estimateTokens(part.text);
      return sum + (part.type === 'image_url' ? IMAGE_TOKENS : 0);
    }, 0)
  );
}

export interface Fitted {
  messages: ChatCompletionMessageParam[];
  /** How many of the conversation's messages were left out, oldest first. */
  omitted: number;
}

/** The tokens a prompt may take in a window of `contextWindow`, leaving the reply its room. */
export function promptBudget(contextWindow: number): number {
  return contextWindow - Math.min(REPLY_ROOM_MAX, Math.floor(contextWindow / 4));
}

/**
 * `messages` (system messages first, then the conversation) with the oldest turns left out
 * until the estimate fits `contextWindow`. The kept conversation starts with a person's
 * message, as providers expect. When even the system message and the latest message do
 * not fit, they are sent as they are and the provider's own error says so.
 */
export function fitToWindow(messages: ChatCompletionMessageParam[], contextWindow: number | undefined): Fitted {
  const budget = contextWindow ? promptBudget(contextWindow) : Number.POSITIVE_INFINITY;
  let total = messages.reduce((sum, m) => sum + messageTokens(m), 0);
  if (total <= budget) return { messages, omitted: 0 };
  const system = messages.filter((m) => m.role === 'system');
  const conversation = messages.filter((m) => m.role !== 'system');
  const last = conversation.length - 1;
  let start = 0;
  while (start < last && (total > budget || conversation[start]!.role !== 'user')) {
    total -= messageTokens(conversation[start]!);
    start++;
  }
  return { messages: [...system, ...conversation.slice(start)], omitted: start };
}
