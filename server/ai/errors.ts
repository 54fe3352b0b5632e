// Turns what went wrong with a provider call into a sentence a person can act on. The
// provider's own words are used only when nothing better is known, with the key scrubbed
// out (some providers echo the key they refused).
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { modelLabel } from '../../shared/ai/providers';
import { endpointRefusal } from './endpoint-guard';
import { keyPhrase, type ProviderTarget } from './provider-client';

/** How a call ended when it did not end well, before it is put into words. */
export type Failure = { kind: 'timeout' } | { kind: 'broken' } | { kind: 'thrown'; error: unknown; streaming: boolean };

export interface FailureContext {
  target: Pick<ProviderTarget, 'provider' | 'shared' | 'label' | 'apiKey'>;
  /** Stored model id, `<provider>/<model>`. */
  model: string;
  timeoutMs: number;
}

const CONTEXT_TOO_LONG = /context[_ ]length|context window|maximum context|too many tokens|prompt is too long/i;
const MAX_PROVIDER_WORDS = 300;

/** The provider's error message, shortened and with the key replaced. */
export function scrub(message: string, apiKey: string): string {
  let out = message;
  if (apiKey.length >= 4) out = out.split(apiKey).join('[key]');
  return out.length > MAX_PROVIDER_WORDS ? `${out.slice(0, MAX_PROVIDER_WORDS)}…` : out;
}

function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${s} second${s === 1 ? '' : 's'}`;
}

/** One sentence or two, for the message's `error` field. */
export function describeFailure(failure: Failure, ctx: FailureContext): string {
  const { label } = ctx.target;
  switch (failure.kind) {
    case 'timeout':
      return `${label} sent nothing for ${seconds(ctx.timeoutMs)}, so Hearth stopped waiting. Retry, or pick a faster model.`;
    case 'broken':
      return `The connection to ${label} broke off mid-reply. Retry to get a complete answer.`;
    case 'thrown':
      return describeThrown(failure.error, failure.streaming, ctx);
    default: {
      const never: never = failure;
      throw new Error(`unknown failure ${JSON.stringify(never)}`);
    }
  }
}

function describeThrown(error: unknown, streaming: boolean, ctx: FailureContext): string {
  const { label } = ctx.target;
  const model = modelLabel(ctx.model);
  const refusal = endpointRefusal(error);
  if (refusal) return refusal;
  if (error instanceof APIConnectionTimeoutError) return describeFailure({ kind: 'timeout' }, ctx);
  if (error instanceof APIConnectionError) {
    return streaming
      ? describeFailure({ kind: 'broken' }, ctx)
      : `Could not reach ${label}. Check that the server is online (and, for a custom provider, its address), then retry.`;
  }
  if (error instanceof APIError) {
    const message = typeof error.message === 'string' ? error.message : '';
    const code = typeof error.code === 'string' ? error.code : '';
    if (code === 'context_length_exceeded' || CONTEXT_TOO_LONG.test(message)) {
      return `This conversation is too long for ${model}. Start a new thread, branch from an earlier message, or pick a model with a larger context window.`;
    }
    const status = error.status;
    if (status === 401 || status === 403) {
      return ctx.target.shared
        ? `${keyPhrase(ctx.target)} was refused. Add your own key in Settings → API keys, or ask the server's operator.`
        : `${keyPhrase(ctx.target)} was refused. Check it in Settings → API keys.`;
    }
    if (status === 429) {
      return code === 'insufficient_quota'
        ? `The ${label} account behind this key has run out of credit. Check its plan and billing with ${label}.`
        : `${label} is limiting requests right now (rate limit). Wait a moment, then retry.`;
    }
    if (status === 404) return `${label} does not offer the model "${model}". Pick another model.`;
    if (status !== undefined && status >= 500) {
      return `${label} had a problem on its side (error ${status}). Retry in a moment.`;
    }
    const words = scrub(message.replace(/^\d{3}\s+/, ''), ctx.target.apiKey);
    if (status === undefined) return `${label} stopped the reply with an error: ${words}`;
    return `${label} refused the request (error ${status}): ${words}`;
  }
  // Anything else thrown while reading the stream is the connection dropping (undici's
  // "terminated"); before the stream it is a failure to connect.
  return streaming
    ? describeFailure({ kind: 'broken' }, ctx)
    : `Could not reach ${label}. Check that the server is online (and, for a custom provider, its address), then retry.`;
}
