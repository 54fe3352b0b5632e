// What every message row shares: the thread doc, the thread's model, connectivity, the
// model choices and the row-level actions that need the page (editing, forking).
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { ReplyInstructions } from '../../shared/docs/thread-doc';
import type { ModelGroup } from './model-options';

export interface Conversation {
  /** Undefined while the thread shows its preview from the views (read-only). */
  doc: Y.Doc | undefined;
  /** The model new requests use (the composer's choice). */
  threadModel: string;
  /** What a reply queued now is asked with (mode, custom instructions), to pin on it. */
  replyInstructions: () => ReplyInstructions | undefined;
  online: boolean;
  modelGroups: ModelGroup[];
  startEdit: (messageId: string) => void;
  endEdit: () => void;
  fork: (messageId: string) => void;
}

export const ConversationContext = createContext<Conversation | null>(null);

export function useConversation(): Conversation {
  const conversation = useContext(ConversationContext);
  if (!conversation) throw new Error('useConversation outside a ConversationContext');
  return conversation;
}
