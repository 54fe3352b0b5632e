// One message on the active path, live: its text (markdown for replies, growing with a
// caret while it streams), its state (queued, stopping, stopped, interrupted, failed) and
// its actions. Rows re-render only when their own message changes.
import { memo, useCallback } from 'react';
import type * as Y from 'yjs';
import { modelLabel } from '../../shared/ai/providers';
import { editMessage } from '../../shared/docs/chat-actions';
import { type Message, readMessage } from '../../shared/docs/thread-doc';
import { MessageAttachments } from '../attachments/MessageAttachments';
import { useDocValue } from '../sync/use-doc-value';
import { useConversation } from './conversation-context';
import { EditForm } from './EditForm';
import { type Branches, MessageActions } from './MessageActions';
import { LazyMarkdown } from './markdown/lazy';
import { ReplyErrorAction } from './ReplyErrorAction';
import { messageOptions } from './thread-reads';

export interface MessageItemProps extends Branches {
  id: string;
  editing: boolean;
  /** Marked for a moment: the message search opened the chat at. */
  found?: boolean;
  /** While the doc loads: the message as the views recorded it, shown read-only. */
  preview?: Message | undefined;
}

function StatusLine({ message, online }: { message: Message; online: boolean }) {
  switch (message.status) {
    case 'queued':
      return (
        <p className="message-status">
          {online ? 'Waiting for the reply to start…' : 'Queued — it will be sent when you are back online.'}
        </p>
      );
    case 'cancel':
      return <p className="message-status">Stopping…</p>;
    case 'cancelled':
      return <p className="message-status">Stopped.</p>;
    case 'interrupted':
      return <p className="message-status">Interrupted — the reply was cut off before it finished.</p>;
    case 'error':
      return <p className="message-status message-error">{message.error ?? 'The reply failed.'}</p>;
    case 'done':
    case 'streaming':
      return null;
    default: {
      const never: never = message.status;
      return never;
    }
  }
}

function MessageBody({ message }: { message: Message }) {
  // Your own words are shown as typed; replies are markdown.
  if (message.role !== 'assistant') return <div className="message-text">{message.text}</div>;
  const streaming = message.status === 'streaming';
  if (!message.text) {
    // Waiting for the first token: the caret. Still queued: the status line says so.
    return streaming ? (
      <div className="message-text">
        <span className="caret" aria-hidden="true" />
      </div>
    ) : null;
  }
  return <LazyMarkdown text={message.text} streaming={streaming} />;
}

export const MessageItem = memo(function MessageItem({ id, editing, found, preview, ...branches }: MessageItemProps) {
  const { doc, threadModel, replyInstructions, online, endEdit } = useConversation();
  // This message alone: a token streamed into it re-renders this row, not the list.
  const read = useCallback((doc: Y.Doc) => readMessage(doc, id), [id]);
  const message = useDocValue(doc, read, messageOptions(id)) ?? preview;
  if (!message) return null;
  const labelId = `message-${id}`;

  if (editing && doc && message.role === 'user') {
    return (
      <div className="message message-user message-editing">
        <EditForm
          text={message.text}
          onCancel={endEdit}
          onSave={(text) => {
            editMessage(doc, message.id, text, threadModel, Date.now(), replyInstructions());
            endEdit();
          }}
        />
      </div>
    );
  }

  return (
    <article
      className={`message message-${message.role}${found ? ' message-found' : ''}`}
      data-status={message.status}
      data-found={found || undefined}
      data-testid="message"
      aria-labelledby={labelId}
    >
      <span id={labelId} className={message.role === 'assistant' ? 'message-author' : 'visually-hidden'}>
        {message.role === 'assistant' ? (message.model ? modelLabel(message.model) : 'Assistant') : 'You'}
      </span>
      {message.omitted ? (
        <p className="message-status">
          {message.omitted === 1 ? 'The first message was' : `The first ${message.omitted} messages were`} left out to
          fit this model's context window.
        </p>
      ) : null}
      <MessageBody message={message} />
      {message.attachments && <MessageAttachments attachments={message.attachments} />}
      <StatusLine message={message} online={online} />
      {doc && message.status === 'error' && <ReplyErrorAction doc={doc} message={message} />}
      {doc ? <MessageActions doc={doc} message={message} branches={branches} /> : <div className="message-actions" />}
    </article>
  );
});
