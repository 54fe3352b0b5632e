// What a reply queued now is asked with, read from the index doc: the thread's mode with its
// prompt, and the custom instructions. The app pins it on every placeholder it queues
// (ReplyInstructions in thread-doc); the server reads it only for a placeholder that has
// no pin, written before pins existed.
import type * as Y from 'yjs';
import { readSettings, readThread } from './index-doc';
import { readMode } from './modes';
import type { ReplyInstructions } from './thread-doc';

/** The instructions for a reply to thread `threadId` queued at this moment. */
export function instructionsNow(index: Y.Doc, threadId: string): ReplyInstructions {
  const modeId = readThread(index, threadId)?.modeId ?? null;
  const mode = modeId ? readMode(index, modeId) : undefined;
  // A deleted (or unknown) mode is no mode: the thread runs without a mode prompt.
  const usable = mode && mode.deletedAt === null ? mode : undefined;
  return {
    modeId: usable ? usable.id : null,
    modePrompt: usable?.systemPrompt ?? '',
    customInstructions: readSettings(index).customInstructions,
  };
}
