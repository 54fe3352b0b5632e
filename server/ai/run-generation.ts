// One reply from claim to end: claim the placeholder (status streaming), stream the
// provider's tokens into its text, and write how it ended with usage and model. Streamed
// tokens are broadcast at once and stored within 250 ms ([S1a]); the ending is stored
// before anyone sees it.

import { touchThread } from '../../shared/docs/index-doc';
import {
  appendMessageText,
  clearMessageText,
  type MessageStatus,
  readMessage,
  type StatusChange,
  setMessageStatus,
  type Usage,
} from '../../shared/docs/thread-doc';
import type { BlobStore } from '../blobs/blob-store';
import type { AiConfig } from '../config';
import type { KeyStore } from '../keys/key-store';
import type { Logger } from '../log/logger';
import type { DocRegistry } from '../sync/doc-registry';
import type { LiveDoc } from '../sync/live-doc';
import type { UsageStore } from '../usage/usage-store';
import { explainFailure, type Failure } from './errors';
import type { GenerationLog } from './generations';
import { planRequest, type RequestPlan } from './plan-request';
import type { ProjectContext } from './project-context';
import { openAiClient } from './provider-client';

/** Why a generation was stopped from outside: a person, shutdown, its doc going away, or silence. */
export type StopReason = 'cancel' | 'shutdown' | 'gone' | 'timeout';

export interface Job {
  readonly key: string;
  readonly live: LiveDoc;
  readonly userId: string;
  readonly threadId: string;
  readonly messageId: string;
  readonly controller: AbortController;
  stopReason: StopReason | null;
  /** The reply has waited for files not on the server as long as it may (runner.ts). */
  filesOverdue?: boolean;
}

export interface GenerationDeps {
  docs: DocRegistry;
  keys: KeyStore;
  usage: UsageStore;
  generations: GenerationLog;
  log: Logger;
  ai: AiConfig;
  projectContext: ProjectContext;
  blobs: BlobStore;
}

export interface Outcome {
  /** `waiting`: not claimed, as files it needs are not on the server yet (`missing`). */
  ending: 'done' | 'error' | 'cancelled' | 'interrupted' | 'untouched' | 'waiting';
  /** The finished request, for naming the thread after a first reply. */
  plan?: RequestPlan;
  missing?: string[];
}

/** Writes a message's final status (after storing any streamed text); false when the doc is gone. */
export function writeEnding(job: Job, status: MessageStatus, change: StatusChange = {}): boolean {
  const { live, messageId } = job;
  if (live.doc.isDestroyed || !readMessage(live.doc, messageId)) return false;
  void live.flushStreamed();
  live.write((doc) => setMessageStatus(doc, messageId, status, change));
  return true;
}

/** Bumps the thread in the user's index, so devices learn it changed ([S14]). */
export function touchIndex(deps: Pick<GenerationDeps, 'docs' | 'log'>, userId: string, threadId: string): void {
  try {
    const index = deps.docs.open({ kind: 'index', userId });
    index.write((doc) => touchThread(doc, threadId, Date.now()));
  } catch (error) {
    deps.log.warn('could not bump the thread in the index', { userId, err: error });
  }
}

export async function runGeneration(job: Job, deps: GenerationDeps): Promise<Outcome> {
  const placeholder = readMessage(job.live.doc, job.messageId);
  if (job.controller.signal.aborted || placeholder?.status !== 'queued') return endUnstarted(job, deps);

  const index = deps.docs.open({ kind: 'index', userId: job.userId });
  const plan = await planRequest({
    userId: job.userId,
    threadId: job.threadId,
    thread: job.live.doc,
    index: index.doc,
    placeholder,
    keys: deps.keys,
    ai: deps.ai,
    projectContext: deps.projectContext,
    blobs: deps.blobs,
    overdue: job.filesOverdue,
  });
  // Reading files takes time: the reply may have been stopped or changed meanwhile.
  if (job.controller.signal.aborted || readMessage(job.live.doc, job.messageId)?.status !== 'queued') {
    return endUnstarted(job, deps);
  }
  if ('missing' in plan) return { ending: 'waiting', missing: plan.missing };
  if ('error' in plan) {
    const { error, errorKind } = plan;
    await finish(job, deps, 'error', { error, errorKind, ...(plan.modelId && { model: plan.modelId }) });
    return { ending: 'error' };
  }

  job.live.write((doc) => {
    clearMessageText(doc, job.messageId);
    setMessageStatus(doc, job.messageId, 'streaming', { error: null, model: plan.modelId, omitted: plan.omitted });
  });
  // The row is written once the request is on its way: a synchronous SQLite commit before
  // it would add its fsync to every reply's first token. A crash in that one tick leaves a
  // 'streaming' placeholder without a row, which the next load of the doc settles anyway.
  let ended = false;
  const recordStreaming = () => {
    if (ended) return;
    const row = { docName: job.live.name, messageId: job.messageId, userId: job.userId, state: 'streaming' } as const;
    deps.generations.mark(row, plan.modelId);
  };
  const result = await streamReply(job, plan, deps.ai, recordStreaming);
  ended = true;

  const reason = job.stopReason;
  if (reason === 'gone') return { ending: 'untouched' };
  const usage = result.usage ? { usage: result.usage } : {};
  let ending: Outcome['ending'];
  if (reason === 'cancel') {
    ending = 'cancelled';
    await finish(job, deps, 'cancelled', usage);
  } else if (reason === 'shutdown') {
    ending = 'interrupted';
    await finish(job, deps, 'interrupted', usage);
  } else {
    const failure: Failure | null =
      reason === 'timeout'
        ? { kind: 'timeout' }
        : result.thrown !== undefined
          ? { kind: 'thrown', error: result.thrown, streaming: result.answered }
          : result.finishReason === null
            ? { kind: 'broken' }
            : null;
    ending = failure ? 'error' : 'done';
    const explained = failure
      ? explainFailure(failure, { target: plan.target, model: plan.modelId, timeoutMs: deps.ai.timeoutMs })
      : null;
    await finish(job, deps, ending, {
      ...usage,
      error: explained?.text ?? null,
      ...(explained && { errorKind: explained.kind }),
    });
    if (failure) {
      const status = (result.thrown as { status?: unknown } | undefined)?.status;
      deps.log.info('a reply failed', {
        userId: job.userId,
        provider: plan.target.provider,
        failure: failure.kind,
        status,
      });
    }
  }
  if (result.answered) deps.usage.record(job.userId, plan.modelId, result.usage);
  return { ending, plan };
}

/**
 * A job that never claimed its placeholder. A cancel marks it cancelled; after a shutdown it
 * stays queued (with its row) to run after the restart; a placeholder that is no longer
 * queued needs nothing more.
 */
async function endUnstarted(job: Job, deps: GenerationDeps): Promise<Outcome> {
  if (!job.stopReason) deps.generations.remove(job.live.name, job.messageId);
  if (job.stopReason !== 'cancel') return { ending: 'untouched' };
  await finish(job, deps, 'cancelled');
  return { ending: 'cancelled' };
}

async function finish(job: Job, deps: GenerationDeps, status: MessageStatus, change: StatusChange = {}): Promise<void> {
  if (!writeEnding(job, status, change)) return;
  // The row goes only once the ending is stored, so a crash in between is still recovered.
  await job.live.whenDurable();
  deps.generations.remove(job.live.name, job.messageId);
  touchIndex(deps, job.userId, job.threadId);
}

interface StreamResult {
  /** The provider accepted the request (answered 200 and began a stream). */
  answered: boolean;
  finishReason: string | null;
  usage: Usage | null;
  thrown?: unknown;
}

/** Streams the reply into the placeholder's text until it ends, fails, or is stopped. */
async function streamReply(job: Job, plan: RequestPlan, ai: AiConfig, dispatched: () => void): Promise<StreamResult> {
  const result: StreamResult = { answered: false, finishReason: null, usage: null };
  // Silence for longer than the timeout, before the first token or between two, gives up.
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      job.stopReason ??= 'timeout';
      job.controller.abort();
    }, ai.timeoutMs);
  };
  arm();
  try {
    const client = openAiClient(plan.target, ai.timeoutMs + 1000);
    const request = client.chat.completions.create(
      { model: plan.model.model, messages: plan.messages, stream: true, stream_options: { include_usage: true } },
      { signal: job.controller.signal },
    );
    setImmediate(dispatched);
    const stream = await request;
    result.answered = true;
    for await (const chunk of stream) {
      arm();
      const choice = chunk.choices[0];
      const delta = choice?.delta?.content;
      if (delta) job.live.writeStreamed((doc) => appendMessageText(doc, job.messageId, delta));
      if (choice?.finish_reason) result.finishReason = choice.finish_reason;
      if (chunk.usage) {
        result.usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      }
    }
  } catch (error) {
    if (!job.stopReason) result.thrown = error;
  } finally {
    clearTimeout(idle);
  }
  return result;
}
