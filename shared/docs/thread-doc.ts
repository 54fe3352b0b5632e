// The thread doc (one per thread): a tree of messages with Y.Text bodies and their
// attachments, the composer's draft (text and attachments), and the active leaf. Regenerate and edit add siblings, so concurrent replies from
// two devices become two branches and nothing is overwritten.
import * as Y from 'yjs';
import { isReplyErrorKind, type ReplyErrorKind } from '../ai/reply-errors';
import { type Attachment, blobRefsIn, readAttachments, toStoredAttachment } from './attachments';
import { draftAttachmentsOf } from './draft-attachments';
import { newId } from './ids';
import { MODE_LIMITS } from './modes';
import { childMap, ensureSchema, num, str } from './schema';
import { type CustomInstructions, validateSetting } from './settings';

export type Role = 'user' | 'assistant' | 'system';
export type MessageStatus = 'done' | 'queued' | 'streaming' | 'cancel' | 'cancelled' | 'error' | 'interrupted';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface Message {
  id: string;
  role: Role;
  parentId: string | null;
  createdAt: number;
  model: string | null;
  status: MessageStatus;
  text: string;
  error: string | null;
  /** What the error was, for the action it offers; absent on errors stored before kinds. */
  errorKind?: ReplyErrorKind;
  usage: Usage | null;
  /** For a reply: how many earlier messages were left out to fit the model's context window. */
  omitted?: number;
  /** The files sent with the message; absent when it has none. */
  attachments?: Attachment[];
}

const ROLES: readonly string[] = ['user', 'assistant', 'system'];
const STATUSES: readonly string[] = ['done', 'queued', 'streaming', 'cancel', 'cancelled', 'error', 'interrupted'];

const messagesOf = (doc: Y.Doc) => doc.getMap<unknown>('messages');
const viewOf = (doc: Y.Doc) => doc.getMap<unknown>('view');

/** The composer draft, bound directly to the editor so every keystroke is a CRDT edit. */
export const draftOf = (doc: Y.Doc): Y.Text => doc.getText('draft');

function readUsage(value: unknown): Usage | null {
  if (typeof value !== 'object' || value === null) return null;
  const { inputTokens, outputTokens } = value as Record<string, unknown>;
  return typeof inputTokens === 'number' && typeof outputTokens === 'number' ? { inputTokens, outputTokens } : null;
}

const errorKindOf = (value: unknown) => (isReplyErrorKind(value) ? { errorKind: value } : {});
const omittedOf = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? { omitted: value } : {};

function attachmentsOf(value: unknown): { attachments?: Attachment[] } {
  const attachments = readAttachments(value);
  return attachments.length > 0 ? { attachments } : {};
}

function readMessageMap(id: string, map: Y.Map<unknown>): Message | undefined {
  const role = str(map.get('role'));
  if (!role || !ROLES.includes(role)) return undefined;
  const status = str(map.get('status'));
  const text = map.get('text');
  return {
    id,
    role: role as Role,
    parentId: str(map.get('parentId')) ?? null,
    createdAt: num(map.get('createdAt')) ?? 0,
    model: str(map.get('model')) ?? null,
    status: status && STATUSES.includes(status) ? (status as MessageStatus) : 'done',
    text: text instanceof Y.Text ? text.toString() : '',
    error: str(map.get('error')) ?? null,
    ...errorKindOf(map.get('errorKind')),
    usage: readUsage(map.get('usage')),
    ...omittedOf(map.get('omitted')),
    ...attachmentsOf(map.get('attachments')),
  };
}

/**
 * What a reply is asked with besides the conversation, pinned on its placeholder when it is
 * queued (sent, regenerated, edited), as its `model` is: the answer must not depend on when
 * the server gets to run it (a message queued offline, then the mode edited or another one
 * picked). So the placeholder keeps the mode chosen at that moment with its prompt as it
 * read then (a later edit or deletion of the mode does not reach it) and the custom
 * instructions as they were. Retrying a failed reply in place keeps its pin. Project files
 * are not pinned: they can run to 100,000 characters, too much to copy into every reply,
 * so a reply reads them as they are when it runs. A placeholder with no pin (written
 * before pins existed) is answered with the mode and instructions of the moment it runs.
 */
export interface ReplyInstructions {
  /** The thread's mode when the reply was queued; null when it had none. */
  modeId: string | null;
  /** That mode's system prompt as it read then; '' without a mode. */
  modePrompt: string;
  customInstructions: CustomInstructions;
}

/** The pin as stored, or null when absent or not readable (then the reply runs unpinned). */
function readInstructions(value: unknown): ReplyInstructions | null {
  if (typeof value !== 'object' || value === null) return null;
  const { modeId, modePrompt, customInstructions } = value as Record<string, unknown>;
  if (modeId !== null && typeof modeId !== 'string') return null;
  if (typeof modePrompt !== 'string') return null;
  try {
    return {
      modeId,
      modePrompt: modePrompt.slice(0, MODE_LIMITS.systemPrompt),
      customInstructions: validateSetting('customInstructions', customInstructions),
    };
  } catch {
    return null;
  }
}

/** The instructions pinned on a reply, or null when it has none (see ReplyInstructions). */
export function readReplyInstructions(doc: Y.Doc, id: string): ReplyInstructions | null {
  return readInstructions(childMap(messagesOf(doc), id)?.get('instructions'));
}

export interface NewMessage {
  id?: string;
  role: Role;
  parentId: string | null;
  now: number;
  text?: string;
  model?: string | null;
  /** For a queued reply: what it is asked with, pinned now. */
  instructions?: ReplyInstructions;
  status?: MessageStatus;
  /** Files sent with the message (their blobs are uploaded on their own). */
  attachments?: readonly Attachment[];
}

/** Adds a message under `parentId`, makes it the active leaf, and returns its id. */
export function addMessage(doc: Y.Doc, init: NewMessage): string {
  const id = init.id ?? newId();
  // Checked first: a transaction that throws half way keeps what it did before.
  const attachments = init.attachments?.map(toStoredAttachment);
  doc.transact(() => {
    ensureSchema(doc);
    const map = new Y.Map<unknown>();
    messagesOf(doc).set(id, map);
    map.set('role', init.role);
    if (init.parentId) map.set('parentId', init.parentId);
    map.set('createdAt', init.now);
    if (init.model) map.set('model', init.model);
    if (init.instructions) {
      const { modeId, modePrompt, customInstructions: ci } = init.instructions;
      map.set('instructions', { modeId, modePrompt, customInstructions: { ...ci, traits: [...ci.traits] } });
    }
    map.set('status', init.status ?? 'done');
    map.set('text', new Y.Text(init.text ?? ''));
    if (attachments?.length) map.set('attachments', attachments);
    viewOf(doc).set('activeLeaf', id);
  });
  return id;
}

export function readMessage(doc: Y.Doc, id: string): Message | undefined {
  const map = childMap(messagesOf(doc), id);
  return map && readMessageMap(id, map);
}

export interface MessageChanges {
  /** The messages the transaction added, removed or changed (their text included). */
  ids: Set<string>;
  /** True when the tree or the active leaf may have changed (a message added or removed, a branch switched). */
  structure: boolean;
}

const changesByTransaction = new WeakMap<Y.Transaction, MessageChanges>();

/** Any shared type: Yjs types its events per kind, which a plain comparison cannot unify. */
// biome-ignore lint/suspicious/noExplicitAny: maps, texts and their events differ in type, not in what is compared here
type ChangedType = Y.AbstractType<any>;

/**
 * What a transaction on a thread doc changed in its messages (draft edits change nothing
 * here). Read once per transaction, however many readers ask (every row of a conversation).
 */
export function messageChanges(transaction: Y.Transaction): MessageChanges {
  const known = changesByTransaction.get(transaction);
  if (known) return known;
  const messages: ChangedType = messagesOf(transaction.doc);
  const view: ChangedType = viewOf(transaction.doc);
  const changes: MessageChanges = { ids: new Set(), structure: false };
  for (const [type, keys] of transaction.changed) {
    if (type === messages) {
      changes.structure = true;
      for (const key of keys) if (key !== null) changes.ids.add(key);
    } else if (type === view) {
      changes.structure = true;
    } else {
      const id = entryKey(messages, type);
      if (id !== undefined) changes.ids.add(id);
    }
  }
  changesByTransaction.set(transaction, changes);
  return changes;
}

/** The key of the entry of `map` that holds `type` (at any depth); undefined when outside it. */
function entryKey(map: ChangedType, type: ChangedType): string | undefined {
  let entry: ChangedType | null = type;
  while (entry && entry.parent !== map) entry = entry.parent;
  // An entry's key is its item's parentSub: what Yjs's own YEvent.path reads.
  return entry?._item?.parentSub ?? undefined;
}

/** Every message of every branch, oldest first. */
export function listMessages(doc: Y.Doc): Message[] {
  const out: Message[] = [];
  messagesOf(doc).forEach((map, id) => {
    const message = map instanceof Y.Map ? readMessageMap(id, map) : undefined;
    if (message) out.push(message);
  });
  return out.sort(byCreation);
}

/** The order messages are listed in: oldest first (ties by id, so every device agrees). */
export const byCreation = (a: Message, b: Message): number => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** The live text of a message, for appending streamed tokens or binding a view. */
export function messageText(doc: Y.Doc, id: string): Y.Text | undefined {
  const text = childMap(messagesOf(doc), id)?.get('text');
  return text instanceof Y.Text ? text : undefined;
}

/** Appends streamed text to a message's body. */
export function appendMessageText(doc: Y.Doc, id: string, chunk: string): void {
  const text = messageText(doc, id);
  if (!text) throw new Error(`no message ${id} to append to`);
  text.insert(text.length, chunk);
}

export interface StatusChange {
  error?: string | null;
  /** Stored with an error; clearing the error (null) clears it too. */
  errorKind?: ReplyErrorKind;
  usage?: Usage;
  model?: string;
  /** Messages left out of the request to fit the context window; 0 clears it. */
  omitted?: number;
}

/** Sets a message's status, with its error, usage, model or what was left out, where given. */
export function setMessageStatus(doc: Y.Doc, id: string, status: MessageStatus, change: StatusChange = {}): void {
  const map = childMap(messagesOf(doc), id);
  if (!map) throw new Error(`no message ${id} to update`);
  doc.transact(() => {
    map.set('status', status);
    if (change.error !== undefined) {
      if (change.error === null) map.delete('error');
      else map.set('error', change.error);
      if (change.error === null || !change.errorKind) map.delete('errorKind');
      else map.set('errorKind', change.errorKind);
    }
    if (change.usage) map.set('usage', { ...change.usage });
    if (change.model) map.set('model', change.model);
    if (change.omitted !== undefined) {
      if (change.omitted > 0) map.set('omitted', change.omitted);
      else map.delete('omitted');
    }
  });
}

/** Children of `parentId` (null: the roots), oldest first: the branches at that point. */
export function childrenOf(doc: Y.Doc, parentId: string | null, all = listMessages(doc)): Message[] {
  return all.filter((m) => m.parentId === parentId);
}

/** The messages from the root to the active leaf (`all`: listMessages(doc), when at hand). */
export function activePath(doc: Y.Doc, all = listMessages(doc)): Message[] {
  if (all.length === 0) return [];
  const byId = new Map(all.map((m) => [m.id, m]));
  const leafId = str(viewOf(doc).get('activeLeaf'));
  let leaf = leafId ? byId.get(leafId) : undefined;
  if (!leaf) leaf = deepestLatest(all, null);
  const path: Message[] = [];
  const seen = new Set<string>();
  for (let m: Message | undefined = leaf; m && !seen.has(m.id); m = m.parentId ? byId.get(m.parentId) : undefined) {
    seen.add(m.id);
    path.push(m);
  }
  return path.reverse();
}

/** Follows the newest child from `from` down to a leaf. */
function deepestLatest(all: Message[], from: string | null): Message | undefined {
  let current: Message | undefined;
  let parent = from;
  for (;;) {
    const kids = all.filter((m) => m.parentId === parent);
    const newest = kids.at(-1);
    if (!newest) return current;
    current = newest;
    parent = newest.id;
  }
}

/** Shows the branch through `messageId`: its newest descendant becomes the active leaf. */
export function switchBranch(doc: Y.Doc, messageId: string): void {
  const all = listMessages(doc);
  if (!all.some((m) => m.id === messageId)) throw new Error(`no message ${messageId}`);
  viewOf(doc).set('activeLeaf', deepestLatest(all, messageId)?.id ?? messageId);
}

/** Replaces the draft's text (for clearing after send; typing edits `draftOf` directly). */
export function setDraft(doc: Y.Doc, text: string): void {
  const draft = draftOf(doc);
  doc.transact(() => {
    draft.delete(0, draft.length);
    if (text) draft.insert(0, text);
  });
}

/**
 * Assistant messages whose status is one of `statuses`, without reading their text: cheap
 * enough for the server to run after every change to find queued and cancelled replies.
 */
export function assistantMessagesWithStatus(
  doc: Y.Doc,
  statuses: readonly MessageStatus[],
  /** Look only at these messages (say, the ones that just changed) instead of all. */
  only?: Iterable<string>,
): { id: string; status: MessageStatus }[] {
  const out: { id: string; status: MessageStatus }[] = [];
  const messages = messagesOf(doc);
  const visit = (map: unknown, id: string) => {
    if (!(map instanceof Y.Map) || map.get('role') !== 'assistant') return;
    const status = str(map.get('status'));
    if (status && (statuses as readonly string[]).includes(status)) out.push({ id, status: status as MessageStatus });
  };
  if (only) for (const id of only) visit(messages.get(id), id);
  else messages.forEach(visit);
  return out;
}

/**
 * Calls `listener` after each change with the ids of the messages that were added or had a
 * field other than their text changed (streamed text does not call it). Returns a function
 * that stops listening.
 */
export function observeMessageChanges(doc: Y.Doc, listener: (ids: Set<string>) => void): () => void {
  const messages = messagesOf(doc);
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === messages) for (const key of event.keys.keys()) ids.add(key);
      else if (event.target instanceof Y.Map && event.target.parent === messages) {
        const key = event.path[0];
        if (typeof key === 'string') ids.add(key);
      }
    }
    if (ids.size > 0) listener(ids);
  };
  messages.observeDeep(handler);
  return () => messages.unobserveDeep(handler);
}

/** Empties a message's body (a retried reply starts from nothing). */
export function clearMessageText(doc: Y.Doc, id: string): void {
  const text = messageText(doc, id);
  if (text && text.length > 0) text.delete(0, text.length);
}

/** Retries a reply in place: empties it and queues it again, so the server answers it anew. */
export function requeueReply(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    clearMessageText(doc, id);
    setMessageStatus(doc, id, 'queued', { error: null });
  });
}

/**
 * Every blob the thread refers to: the files and previews of every message (all branches)
 * and of the draft, read leniently (see blobRefsIn). The server keeps these and may remove
 * a user's other blobs.
 */
export function threadBlobRefs(doc: Y.Doc): Set<string> {
  const refs = new Set<string>();
  messagesOf(doc).forEach((map) => {
    if (map instanceof Y.Map) for (const sha256 of blobRefsIn(map.get('attachments'))) refs.add(sha256);
  });
  for (const sha256 of blobRefsIn(draftAttachmentsOf(doc).toArray())) refs.add(sha256);
  return refs;
}
