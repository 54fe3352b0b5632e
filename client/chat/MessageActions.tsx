// What can be done with one message: switch between its versions, stop or retry a reply,
// copy, edit (yours), regenerate (with the same or another model), fork from here; and, on
// hover or focus, the model and token counts.
import { type ReactNode, useMemo } from 'react';
import type * as Y from 'yjs';
import { modelLabel } from '../../shared/ai/providers';
import { regenerate, stopReply } from '../../shared/docs/chat-actions';
import { type Message, requeueReply, switchBranch } from '../../shared/docs/thread-doc';
import { useConversation } from './conversation-context';
import { CheckIcon, ChevronDownIcon, CopyIcon, EditIcon, ForkIcon, RegenerateIcon, StopIcon } from './icons';
import { ModelMenu } from './ModelMenu';
import { copyLabel, useCopy } from './markdown/use-copy';

export interface Branches {
  position: number;
  count: number;
  prevId: string | null;
  nextId: string | null;
}

const PENDING: ReadonlySet<Message['status']> = new Set(['queued', 'streaming', 'cancel']);

/** "GPT-4.1 mini · 1,204 in · 356 out · 14:05", as much of it as the message has. */
export function describeMessage(message: Pick<Message, 'role' | 'model' | 'usage' | 'createdAt'>): string {
  const parts: string[] = [];
  if (message.role === 'assistant' && message.model) parts.push(modelLabel(message.model));
  if (message.usage) {
    parts.push(
      `${message.usage.inputTokens.toLocaleString()} in`,
      `${message.usage.outputTokens.toLocaleString()} out`,
    );
  }
  if (message.createdAt) {
    parts.push(new Date(message.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  }
  return parts.join(' · ');
}

function BranchSwitcher({ doc, branches }: { doc: Y.Doc; branches: Branches }) {
  return (
    <fieldset className="branch-switcher" aria-label="Versions">
      <button
        type="button"
        className="icon-button small"
        aria-label="Previous version"
        disabled={!branches.prevId}
        onClick={() => branches.prevId && switchBranch(doc, branches.prevId)}
      >
        ‹
      </button>
      <span className="branch-position">
        {branches.position + 1}/{branches.count}
      </span>
      <button
        type="button"
        className="icon-button small"
        aria-label="Next version"
        disabled={!branches.nextId}
        onClick={() => branches.nextId && switchBranch(doc, branches.nextId)}
      >
        ›
      </button>
    </fieldset>
  );
}

function IconButton({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="icon-button small" aria-label={label} title={label} onClick={onClick}>
      {children}
    </button>
  );
}

interface Props {
  doc: Y.Doc;
  message: Message;
  branches: Branches;
}

export function MessageActions({ doc, message, branches }: Props) {
  const { threadModel, replyInstructions, modelGroups, startEdit, fork } = useConversation();
  const [copied, copy] = useCopy();
  const pending = PENDING.has(message.status);
  const reply = message.role === 'assistant';
  const regenerateWith = (model: string) => regenerate(doc, message.id, model, Date.now(), replyInstructions());
  const { role, model, createdAt, usage } = message;
  const tokens = usage && `${usage.inputTokens}/${usage.outputTokens}`;
  // Only what the line shows: a streaming reply re-renders often, its metadata rarely changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tokens` stands for `usage`
  const meta = useMemo(() => describeMessage({ role, model, createdAt, usage }), [role, model, createdAt, tokens]);

  return (
    <div className="message-actions">
      {branches.count > 1 && <BranchSwitcher doc={doc} branches={branches} />}
      {reply && (message.status === 'queued' || message.status === 'streaming') && (
        <button type="button" className="button button-small" onClick={() => stopReply(doc, message.id)}>
          <StopIcon />
          Stop
        </button>
      )}
      {reply && (message.status === 'error' || message.status === 'interrupted') && (
        <button
          type="button"
          className="button button-small button-primary"
          // An error left no text: ask again in place. An interrupted reply keeps its partial
          // text as a version of its own, so retrying there makes a sibling.
          onClick={() =>
            message.status === 'error' ? requeueReply(doc, message.id) : regenerateWith(message.model ?? threadModel)
          }
        >
          Retry
        </button>
      )}
      {!pending && message.text && (
        <IconButton label={copied === 'idle' ? 'Copy' : copyLabel(copied)} onClick={() => copy(message.text)}>
          {copied === 'copied' ? <CheckIcon /> : <CopyIcon />}
        </IconButton>
      )}
      {message.role === 'user' && (
        <IconButton label="Edit" onClick={() => startEdit(message.id)}>
          <EditIcon />
        </IconButton>
      )}
      {reply && !pending && (
        <span className="regenerate">
          <IconButton label="Regenerate" onClick={() => regenerateWith(message.model ?? threadModel)}>
            <RegenerateIcon />
          </IconButton>
          <ModelMenu
            groups={modelGroups}
            current={message.model}
            label="Regenerate with another model"
            onPick={regenerateWith}
          >
            <ChevronDownIcon />
          </ModelMenu>
        </span>
      )}
      {!pending && (
        <IconButton label="Fork from here" onClick={() => fork(message.id)}>
          <ForkIcon />
        </IconButton>
      )}
      {meta && (
        <span className="message-meta" title={meta}>
          {meta}
        </span>
      )}
    </div>
  );
}
