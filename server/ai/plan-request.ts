// Before a reply is claimed: which model answers it, whose key pays, and what it is asked
// (the model and instructions pinned on the placeholder when it was queued). Every refusal
// here is a sentence for the message's error field.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type * as Y from 'yjs';
import { type ModelRef, modelId, parseModelId, providerInfo } from '../../shared/ai/providers';
import { readSettings, readThread } from '../../shared/docs/index-doc';
import { instructionsNow } from '../../shared/docs/reply-instructions';
import { type Message, readReplyInstructions } from '../../shared/docs/thread-doc';
import type { AiConfig } from '../config';
import type { KeyStore } from '../keys/key-store';
import { buildContext, hasQuestion, pathTo } from './build-context';
import type { ProjectContext } from './project-context';
import { type ProviderTarget, providerTarget } from './provider-client';

export interface RequestPlan {
  model: ModelRef;
  /** Stored model id, `<provider>/<model>`. */
  modelId: string;
  target: ProviderTarget;
  messages: ChatCompletionMessageParam[];
  /** The message being answered (for the title). */
  question: string;
}

export interface PlanInput {
  userId: string;
  threadId: string;
  thread: Y.Doc;
  index: Y.Doc;
  placeholder: Message;
  keys: KeyStore;
  ai: AiConfig;
  projectContext: ProjectContext;
}

/** The model when neither the message, the thread nor the settings name one. */
function fallbackModel(keys: KeyStore, ai: AiConfig, userId: string): string | null {
  if (ai.shared) return modelId({ provider: 'openai', model: providerInfo('openai').defaultModel! });
  for (const provider of keys.providers(userId)) {
    const model =
      provider === 'custom' ? keys.get(userId, provider)?.models[0]?.id : providerInfo(provider).defaultModel;
    if (model) return modelId({ provider, model });
  }
  return null;
}

export function planRequest(input: PlanInput): RequestPlan | { error: string; modelId: string | null } {
  const { userId, index, placeholder, keys, ai } = input;
  const meta = readThread(index, input.threadId);
  const settings = readSettings(index);
  const chosen = placeholder.model ?? meta?.model ?? settings.defaultModel ?? fallbackModel(keys, ai, userId);
  if (!chosen) {
    return { error: 'There is no AI provider set up yet. Add an API key in Settings → API keys.', modelId: null };
  }
  const model = parseModelId(chosen);
  if (!model) return { error: `Hearth does not know the model "${chosen}". Pick another model.`, modelId: chosen };

  const target = providerTarget(keys, ai, userId, model.provider);
  if (!target) {
    const error =
      model.provider === 'custom'
        ? 'There is no custom provider set up. Add its address in Settings → API keys.'
        : `There is no ${providerInfo(model.provider).label} key. Add one in Settings → API keys, or pick another model.`;
    return { error, modelId: chosen };
  }

  // As pinned when the reply was queued; a placeholder from before pins gets today's.
  const instructions = readReplyInstructions(input.thread, placeholder.id) ?? instructionsNow(index, input.threadId);
  const path = pathTo(input.thread, placeholder.id);
  const messages = buildContext(path, {
    modePrompt: instructions.modePrompt,
    customInstructions: instructions.customInstructions,
    project: meta?.projectId ? input.projectContext(userId, meta.projectId) : null,
  });
  if (!hasQuestion(messages)) {
    return { error: 'There is no message to answer yet. Write a message first.', modelId: chosen };
  }
  const question = [...path].reverse().find((m) => m.role === 'user')?.text ?? '';
  return { model, modelId: modelId(model), target, messages, question };
}
