// What the conversation shows for a thread doc: the messages on the active path, each with
// its place among its siblings (the branches at that point) for the ‹ 2/3 › switcher.
import type { Message } from '../../shared/docs/thread-doc';

export interface Row {
  message: Message;
  /** 0-based place among the message's siblings, oldest first. */
  position: number;
  /** How many siblings (versions) there are, the message included. */
  count: number;
  prevId: string | null;
  nextId: string | null;
}

/** Rows for `path`, with siblings found in `all` (every message of every branch) in one pass. */
export function buildRows(all: readonly Message[], path: readonly Message[]): Row[] {
  const siblings = new Map<string | null, string[]>();
  for (const message of all) {
    const list = siblings.get(message.parentId);
    if (list) list.push(message.id);
    else siblings.set(message.parentId, [message.id]);
  }
  return path.map((message) => {
    const ids = siblings.get(message.parentId) ?? [message.id];
    const position = Math.max(0, ids.indexOf(message.id));
    return {
      message,
      position,
      count: ids.length,
      prevId: ids[position - 1] ?? null,
      nextId: ids[position + 1] ?? null,
    };
  });
}

/** The last user message on the path: what ↑ in an empty composer edits. */
export function lastUserMessage(rows: readonly Row[]): Message | undefined {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.message.role === 'user') return rows[i]!.message;
  return undefined;
}

/** A row height guess from the text, so the list's first layout is close to the real one. */
export function estimateHeight(message: Message, width: number): number {
  const charsPerLine = Math.max(20, Math.floor(width / 8));
  let lines = 0;
  for (const line of message.text.split('\n')) lines += Math.max(1, Math.ceil(line.length / charsPerLine));
  return 72 + lines * 24;
}
