// The AI runner: watches thread docs for queued assistant placeholders and answers each
// exactly once, however many devices see it; aborts a reply when a device sets `cancel` or
// its doc goes away; recovers unfinished replies at boot (recover.ts: the docs decide, the
// generations table only speeds it up); marks live ones interrupted on shutdown.
import { modelId } from '../../shared/ai/providers';
import { readThread, renameThread } from '../../shared/docs/index-doc';
import {
  assistantMessagesWithStatus,
  listMessages,
  type MessageStatus,
  observeMessageChanges,
  setMessageStatus,
} from '../../shared/docs/thread-doc';
import { KeyStore } from '../keys/key-store';
import type { Services } from '../services';
import type { LiveDoc } from '../sync/live-doc';
import { UsageStore } from '../usage/usage-store';
import { GenerationQueue } from './generation-queue';
import { GenerationLog } from './generations';
import type { RequestPlan } from './plan-request';
import { type ProjectContext, projectFilesContext } from './project-context';
import { openAiClient } from './provider-client';
import { NEEDS_ATTENTION, reopenFromDocs, reopenIndexed } from './recover';
import {
  type GenerationDeps,
  type Job,
  runGeneration,
  type StopReason,
  touchIndex,
  writeEnding,
} from './run-generation';
import { suggestTitle } from './titles';

const SHUTDOWN_GRACE_MS = 3000;

const jobKey = (docName: string, messageId: string) => `${docName}#${messageId}`;

interface RunningJob extends Job {
  cleanup: () => void;
  /** When it first found a file missing. */
  waitingSince?: number;
}

interface FileWait {
  missing: Set<string>;
  timer: NodeJS.Timeout;
}

export class AiRunner {
  private readonly jobs = new Map<string, RunningJob>();
  /** Replies waiting, out of the queue, for files to reach the server. */
  private readonly waitingForFiles = new Map<RunningJob, FileWait>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly titleCalls = new Set<AbortController>();
  /** Per loaded thread doc: messages changed since the runner last looked. */
  private readonly changedIds = new WeakMap<LiveDoc, Set<string>>();
  private readonly queue: GenerationQueue<RunningJob>;
  private readonly deps: GenerationDeps;
  private stopping = false;
  private recovery: Promise<void> = Promise.resolve();

  constructor(
    private readonly s: Services,
    options: { projectContext?: ProjectContext } = {},
  ) {
    this.deps = {
      docs: s.docs,
      keys: new KeyStore(s.db, s.keys),
      usage: new UsageStore(s.db),
      generations: new GenerationLog(s.db),
      log: s.log,
      ai: s.config.ai,
      projectContext: options.projectContext ?? projectFilesContext(s.docs),
      blobs: s.blobs.store,
    };
    this.queue = new GenerationQueue({ perUser: s.config.ai.maxPerUser, total: s.config.ai.maxTotal }, (job) =>
      this.run(job),
    );
  }

  /**
   * Starts watching docs, then reopens the docs of replies left unfinished by the last run:
   * at once those the index lists, then, in the background, any other the docs hold.
   */
  start(): void {
    this.s.docs.observe((live) => this.onDoc(live));
    this.s.events.on('blob-stored', (userId, sha256) => this.onBlobStored(userId, sha256));
    // Opening a doc runs onDoc: queued replies are jobs again; the rest are settled.
    reopenIndexed(this.deps, (docName, messageId) => this.jobs.has(jobKey(docName, messageId)));
    this.recovery = reopenFromDocs(this.deps, () => this.stopping).catch((error: unknown) => {
      this.s.log.error('could not look through the threads for unfinished replies', { err: error });
    });
  }

  /** Replies being written or waiting for a slot (for tests and benchmarks). */
  get activeCount(): number {
    return this.jobs.size;
  }

  /** Shutdown: waiting replies stay queued for the next start; streaming ones end interrupted. */
  async stop(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    this.stopping = true;
    for (const controller of this.titleCalls) controller.abort();
    for (const job of [...this.jobs.values()]) this.halt(job, 'shutdown');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.inFlight),
      new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    await this.recovery;
  }

  private onDoc(live: LiveDoc): void {
    if (this.stopping || live.ref.kind !== 'thread') return;
    const changed = this.changedIds.get(live);
    if (!changed) {
      // First sight (the doc was just loaded): look at every message once, then only at
      // those that change, so a busy doc (fast typing, a long catch-up) stays cheap.
      const ids = new Set<string>();
      this.changedIds.set(live, ids);
      observeMessageChanges(live.doc, (batch) => {
        for (const id of batch) ids.add(id);
      });
      this.attend(live, live.ref.threadId, assistantMessagesWithStatus(live.doc, NEEDS_ATTENTION));
      return;
    }
    if (changed.size === 0) return;
    const batch = [...changed];
    changed.clear();
    this.attend(live, live.ref.threadId, assistantMessagesWithStatus(live.doc, NEEDS_ATTENTION, batch));
  }

  private attend(live: LiveDoc, threadId: string, messages: { id: string; status: MessageStatus }[]): void {
    for (const { id, status } of messages) {
      const job = this.jobs.get(jobKey(live.name, id));
      const ours = job !== undefined && job.live === live;
      if (status === 'queued') {
        if (!ours) this.enqueue(live, threadId, id);
      } else if (ours) {
        if (status === 'cancel') this.halt(job, 'cancel');
      } else {
        // Streaming or cancelling with no generation in this process: it died with a
        // previous run (or its doc was dropped mid-reply). Keep the text, say so.
        this.settleOrphan(live, threadId, id, status === 'cancel' ? 'cancelled' : 'interrupted');
      }
    }
  }

  private enqueue(live: LiveDoc, threadId: string, messageId: string): void {
    const key = jobKey(live.name, messageId);
    const release = live.hold();
    const onDestroy = () => this.halt(job, 'gone');
    const job: RunningJob = {
      key,
      live,
      userId: live.userId,
      threadId,
      messageId,
      controller: new AbortController(),
      stopReason: null,
      cleanup: () => {
        release();
        live.doc.off('destroy', onDestroy);
        if (this.jobs.get(key) === job) this.jobs.delete(key);
      },
    };
    live.doc.on('destroy', onDestroy);
    this.jobs.set(key, job);
    this.queue.push(job);
    // Only a reply that has to wait is recorded now (a restart then runs it); one that
    // starts at once is recorded as streaming once its request is on its way.
    if (this.queue.queued.includes(job)) {
      this.deps.generations.mark({ docName: live.name, messageId, userId: live.userId, state: 'queued' });
    }
  }

  /** Stops a job: one still waiting leaves the queue; a running one is aborted at once. */
  private halt(job: RunningJob, reason: StopReason): void {
    if (job.stopReason) return;
    job.stopReason = reason;
    if (this.queue.remove(job) || this.stopWaiting(job)) {
      if (reason === 'cancel' && writeEnding(job, 'cancelled')) {
        this.deps.generations.remove(job.live.name, job.messageId);
        touchIndex(this.deps, job.userId, job.threadId);
      }
      job.cleanup();
      return;
    }
    job.controller.abort();
  }

  /**
   * Sets a reply aside until the files it needs are stored (onBlobStored) or it has waited
   * `ai.fileWaitMs` (from when this run first found one missing; then it fails with
   * FILE_NOT_HERE). It keeps its doc loaded and its row, so a restart waits again.
   */
  private waitForFiles(job: RunningJob, missing: string[]): void {
    if (this.stopping) {
      job.cleanup();
      return;
    }
    const now = Date.now();
    job.waitingSince ??= now;
    const timer = setTimeout(
      () => {
        job.filesOverdue = true;
        this.resume(job);
      },
      Math.max(0, job.waitingSince + this.deps.ai.fileWaitMs - now),
    );
    this.waitingForFiles.set(job, { missing: new Set(missing), timer });
    this.s.log.info('a reply waits for files not on the server yet', { userId: job.userId, files: missing.length });
    this.deps.generations.mark({
      docName: job.live.name,
      messageId: job.messageId,
      userId: job.userId,
      state: 'queued',
    });
    // A file stored while the request was being planned sent its event too early: look again.
    for (const sha256 of missing) {
      void this.deps.blobs.stat(job.userId, sha256).then(
        (info) => info && this.onBlobStored(job.userId, sha256),
        () => {},
      );
    }
  }

  private onBlobStored(userId: string, sha256: string): void {
    for (const [job, wait] of this.waitingForFiles) {
      if (job.userId !== userId || !wait.missing.delete(sha256)) continue;
      if (wait.missing.size === 0) this.resume(job);
    }
  }

  /** Back in the queue: it plans again (finding every file, or more missing). */
  private resume(job: RunningJob): void {
    if (this.stopWaiting(job)) this.queue.push(job);
  }

  /** False when the job was not waiting for files. */
  private stopWaiting(job: RunningJob): boolean {
    const wait = this.waitingForFiles.get(job);
    if (!wait) return false;
    clearTimeout(wait.timer);
    this.waitingForFiles.delete(job);
    return true;
  }

  private settleOrphan(live: LiveDoc, threadId: string, messageId: string, status: MessageStatus): void {
    live.write((doc) => setMessageStatus(doc, messageId, status));
    this.deps.generations.remove(live.name, messageId);
    touchIndex(this.deps, live.userId, threadId);
  }

  private run(job: RunningJob): Promise<void> {
    const running = (async () => {
      let waiting = false;
      try {
        const outcome = await runGeneration(job, this.deps);
        if (outcome.ending === 'waiting') {
          waiting = true;
          this.waitForFiles(job, outcome.missing ?? []);
        }
        if (outcome.ending === 'done' && outcome.plan) void this.nameThread(job, outcome.plan);
      } catch (error) {
        this.s.log.error('a reply failed on the server', { userId: job.userId, err: error });
        if (
          writeEnding(job, 'error', { error: 'Something went wrong on the server while writing this reply. Retry.' })
        ) {
          this.deps.generations.remove(job.live.name, job.messageId);
        }
      } finally {
        if (!waiting) job.cleanup();
      }
    })();
    this.inFlight.add(running);
    return running.finally(() => this.inFlight.delete(running));
  }

  /** After the first reply of a thread, names it, unless a person already did. */
  private async nameThread(job: Job, plan: RequestPlan): Promise<void> {
    if (this.stopping || job.live.doc.isDestroyed) return;
    const indexRef = { kind: 'index', userId: job.userId } as const;
    const thread = readThread(this.s.docs.open(indexRef).doc, job.threadId);
    if (!thread || thread.titleByUser || thread.deletedAt !== null) return;
    const replies = listMessages(job.live.doc).filter((m) => m.role === 'assistant' && m.status === 'done');
    const reply = replies.find((m) => m.id === job.messageId);
    if (replies.length !== 1 || !reply) return;

    const controller = new AbortController();
    this.titleCalls.add(controller);
    try {
      const client = openAiClient(plan.target, this.deps.ai.timeoutMs);
      const suggested = await suggestTitle(
        client,
        plan.model.model,
        { question: plan.question, answer: reply.text },
        controller.signal,
      );
      this.deps.usage.record(job.userId, modelId(plan.model), suggested.usage);
      const { title } = suggested;
      if (!title || this.stopping || job.live.doc.isDestroyed) return;
      this.s.docs.open(indexRef).write((doc) => renameThread(doc, job.threadId, title, Date.now(), false));
    } catch (error) {
      if (controller.signal.aborted) return;
      const status = (error as { status?: unknown }).status;
      this.s.log.warn('could not name a thread; it keeps its title', {
        userId: job.userId,
        provider: plan.target.provider,
        status,
      });
    } finally {
      this.titleCalls.delete(controller);
    }
  }
}
