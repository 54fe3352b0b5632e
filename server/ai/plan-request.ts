// Before a reply is claimed: which model answers it, whose key pays, and what it is asked
// (the model and instructions pinned on the placeholder when it was queued). Every refusal
// here is a sentence for the message's error field.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type * as Y from 'yjs';
import { seesImages } from '../../shared/ai/model-vision';
import {
  findModel,
  isCustomProvider,
  type ModelRef,
  modelId,
  parseModelId,
  providerInfo,
} from '../../shared/ai/providers';
import type { ReplyErrorKind } from '../../shared/ai/reply-errors';
import type { CustomModel } from '../../shared/api/keys';
import { readSettings, readThread } from '../../shared/docs/index-doc';
import { instructionsNow } from '../../shared/docs/reply-instructions';
import { type Message, readReplyInstructions } from '../../shared/docs/thread-doc';
import type { BlobStore } from '../blobs/blob-store';
import type { AiConfig } from '../config';
import type { KeyStore } from '../keys/key-store';
import { attachmentParts, missingBlobs } from './attachment-parts';
import { buildContext, hasQuestion, pathTo } from './build-context';
import { fitToWindow } from './fit-context';
import type { ProjectContext } from './project-context';
import { type ProviderTarget, providerTarget } from './provider-client';

export interface RequestPlan {
  model: ModelRef;
  /** Stored model id, `<provider>/<model>`. */
  modelId: string;
  target: ProviderTarget;
  messages: ChatCompletionMessageParam[];
  /** Messages of the conversation left out to fit the model's context window, oldest first. */
  omitted: number;
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
  blobs: BlobStore;
  /** The reply has waited for missing files as long as it may: plan without them, or refuse. */
  overdue?: boolean;
}

/** The model when neither the message, the thread nor the settings name one. */
function fallbackModel(keys: KeyStore, ai: AiConfig, userId: string): string | null {
  if (ai.shared) return modelId({ provider: 'openai', model: providerInfo('openai').defaultModel! });
  for (const provider of keys.providers(userId)) {
    const model = isCustomProvider(provider)
      ? keys.get(userId, provider)?.models[0]?.id
      : providerInfo(provider).defaultModel;
    if (model) return modelId({ provider, model });
  }
  return null;
}

/** Why no request can be made: the sentence, its kind (for the client's action) and the model. */
export interface PlanRefusal {
  error: string;
  errorKind: ReplyErrorKind;
  modelId: string | null;
}

/** Files of the conversation the server does not hold yet: the reply waits for them. */
export interface PlanWait {
  missing: string[];
}

export const FILE_NOT_HERE =
  'A file of this message has not reached the server yet. Open Hearth on the device it was attached on so it can upload it, then retry.';

export async function planRequest(input: PlanInput): Promise<RequestPlan | PlanRefusal | PlanWait> {
  const { userId, index, placeholder, keys, ai } = input;
  const meta = readThread(index, input.threadId);
  const settings = readSettings(index);
  const chosen = placeholder.model ?? meta?.model ?? settings.defaultModel ?? fallbackModel(keys, ai, userId);
  if (!chosen) {
    return {
      error: 'There is no AI provider set up yet. Add an API key to get answers.',
      errorKind: 'no-key',
      modelId: null,
    };
  }
  const model = parseModelId(chosen);
  if (!model) {
    return {
      error: `Hearth does not know the model "${chosen}". Pick another model.`,
      errorKind: 'model-gone',
      modelId: chosen,
    };
  }

  const target = providerTarget(keys, ai, userId, model.provider);
  if (!target) {
    const error = isCustomProvider(model.provider)
      ? 'That custom endpoint is not set up any more. Add it again in Settings, or pick another model.'
      : `There is no ${providerInfo(model.provider).label} key. Add one, or pick another model.`;
    return { error, errorKind: 'no-key', modelId: chosen };
  }

  // As pinned when the reply was queued; a placeholder from before pins gets today's.
  const instructions = readReplyInstructions(input.thread, placeholder.id) ?? instructionsNow(index, input.threadId);
  const path = pathTo(input.thread, placeholder.id);
  const vision = canSee(keys, userId, model);
  const missing = await missingBlobs(input.blobs, userId, path, vision);
  if (missing.length > 0) {
    if (!input.overdue) return { missing };
    return { error: FILE_NOT_HERE, errorKind: 'other', modelId: chosen };
  }
  const files = await attachmentParts(input.blobs, userId, path, vision);
  const messages = buildContext(
    path,
    {
      modePrompt: instructions.modePrompt,
      customInstructions: instructions.customInstructions,
      project: meta?.projectId ? input.projectContext(userId, meta.projectId) : null,
    },
    files,
  );
  if (!hasQuestion(messages)) {
    return { error: 'There is no message to answer yet. Write a message first.', errorKind: 'other', modelId: chosen };
  }
  const question = [...path].reverse().find((m) => m.role === 'user')?.text ?? '';
  const fitted = fitToWindow(messages, contextWindow(keys, userId, model));
  return { model, modelId: modelId(model), target, messages: fitted.messages, omitted: fitted.omitted, question };
}

/** Whether the model sees images (shared/ai/model-vision.ts), with this person's custom models. */
function canSee(keys: KeyStore, userId: string, model: ModelRef): boolean {
  return seesImages(model, isCustomProvider(model.provider) ? keys.get(userId, model.provider)?.models : undefined);
}

/** The model's context window: the registry's, or the one given for a custom model (if any). */
function contextWindow(keys: KeyStore, userId: string, model: ModelRef): number | undefined {
  if (!isCustomProvider(model.provider)) return findModel(model)?.contextWindow;
  return customModel(keys, userId, model)?.contextWindow;
}

/** What the person said about a model of one of their custom endpoints. */
function customModel(keys: KeyStore, userId: string, model: ModelRef): CustomModel | undefined {
  return keys.get(userId, model.provider)?.models.find((m) => m.id === model.model);
}
