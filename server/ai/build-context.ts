// What a reply is asked to answer: one system message (mode prompt, the user's custom
// instructions, project context) and the conversation from the root down to the
// placeholder's parent, walking parentId from the placeholder rather than the active leaf
// (the person may already be looking at another branch).
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type * as Y from 'yjs';
import type { Settings } from '../../shared/docs/settings';
import { type Message, readMessage } from '../../shared/docs/thread-doc';

export interface SystemParts {
  /** The thread's mode prompt, if it has a mode. */
  modePrompt?: string | null;
  customInstructions?: Settings['customInstructions'];
  /** Project instructions and files, already put into words. */
  project?: string | null;
}

/** The messages from the root to `placeholderId`'s parent, oldest first (the placeholder excluded). */
export function pathTo(doc: Y.Doc, placeholderId: string): Message[] {
  const path: Message[] = [];
  const seen = new Set<string>([placeholderId]);
  let parentId = readMessage(doc, placeholderId)?.parentId ?? null;
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const message = readMessage(doc, parentId);
    if (!message) break;
    path.push(message);
    parentId = message.parentId;
  }
  return path.reverse();
}

/** The custom instructions as a paragraph for the system message; '' when none are set. */
export function describeCustomInstructions(ci: Settings['customInstructions'] | undefined): string {
  if (!ci) return '';
  const lines: string[] = [];
  if (ci.name.trim()) lines.push(`The user's name is ${ci.name.trim()}.`);
  if (ci.occupation.trim()) lines.push(`Their occupation: ${ci.occupation.trim()}.`);
  const traits = ci.traits.map((t) => t.trim()).filter(Boolean);
  if (traits.length) lines.push(`They want you to be: ${traits.join(', ')}.`);
  if (ci.about.trim()) lines.push(`What they want you to know about them:\n${ci.about.trim()}`);
  return lines.length ? `About the user (their custom instructions):\n${lines.join('\n')}` : '';
}

export function systemPrompt(parts: SystemParts): string {
  return [parts.modePrompt?.trim() ?? '', describeCustomInstructions(parts.customInstructions), parts.project ?? '']
    .filter((part) => part.trim().length > 0)
    .join('\n\n');
}

/**
 * The request's `messages`: the system message (when there is one) and the path, empty
 * texts left out. A person's message with attachments (`files`, by message id, see
 * attachment-parts.ts) is its text followed by a part for each file.
 */
export function buildContext(
  path: Message[],
  parts: SystemParts,
  files: ReadonlyMap<string, ChatCompletionContentPart[]> = new Map(),
): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  const system = systemPrompt(parts);
  if (system) out.push({ role: 'system', content: system });
  for (const message of path) {
    const attached = message.role === 'user' ? files.get(message.id) : undefined;
    if (attached?.length) {
      const text: ChatCompletionContentPart[] = message.text.trim() ? [{ type: 'text', text: message.text }] : [];
      out.push({ role: 'user', content: [...text, ...attached] });
      continue;
    }
    // A failed reply with no text, or a message still being written, has nothing to say.
    if (!message.text.trim()) continue;
    out.push({ role: message.role, content: message.text });
  }
  return out;
}

/** True when the context holds something to answer. */
export function hasQuestion(messages: ChatCompletionMessageParam[]): boolean {
  return messages.some((m) => m.role === 'user');
}
