// What a failed reply ended in, as a word the client can act on: stored next to the error's
// sentence on the message (`errorKind`), so the message can offer the next step (add a key,
// pick another model, retry). A message from before kinds existed has none: it gets Retry.

export const REPLY_ERROR_KINDS = [
  /** No key of the person's own and no server key for the model's provider. */
  'no-key',
  /** The provider refused the key (401, 403). */
  'bad-key',
  /** The account behind the key has no credit left. */
  'no-credit',
  /** The provider is limiting requests (429). */
  'rate-limit',
  /** The provider does not offer the model (404), or Hearth does not know it. */
  'model-gone',
  /** The conversation is longer than the model's context window. */
  'context-too-long',
  /** The provider could not be reached, was down (5xx), went silent or broke off mid-reply. */
  'provider-down',
  /** Anything else: the sentence says what, Retry is the action. */
  'other',
] as const;

export type ReplyErrorKind = (typeof REPLY_ERROR_KINDS)[number];

export function isReplyErrorKind(value: unknown): value is ReplyErrorKind {
  return typeof value === 'string' && (REPLY_ERROR_KINDS as readonly string[]).includes(value);
}

/** A reply's failure: the sentence a person reads and the kind that picks the action. */
export interface ReplyError {
  kind: ReplyErrorKind;
  text: string;
}
