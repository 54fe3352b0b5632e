// Inputs and a yardstick for the refused-update tests ([S6]): a device writing a thread as
// Hearth does (messages, streamed reply text, statuses, draft typing, branch switches), one
// Yjs update per action, deterministic for a seed; single-bit flips of those updates; and
// the state of a doc in a form where equal states compare equal however Yjs holds them.
import * as Y from 'yjs';
import {
  addMessage,
  appendMessageText,
  draftOf,
  requeueReply,
  setDraft,
  setMessageStatus,
  switchBranch,
} from '../../shared/docs/thread-doc';
import type { seededRandom } from './convergence';

type Random = ReturnType<typeof seededRandom>;

export class ThreadWriter {
  readonly doc = new Y.Doc();
  private readonly ids: string[] = [];
  private made: Uint8Array[] = [];
  private clock = 1_700_000_000_000;

  constructor(private readonly random: Random) {
    this.doc.clientID = 1 + random.int(2 ** 30);
    this.doc.on('update', (update: Uint8Array) => this.made.push(update));
  }

  /** Makes one random change, as the app would, and returns its update. */
  next(): Uint8Array {
    this.made = [];
    while (this.made.length === 0) this.act();
    return this.made.length === 1 ? this.made[0]! : Y.mergeUpdates(this.made);
  }

  private act(): void {
    const r = this.random.next();
    const doc = this.doc;
    this.clock += 1000;
    if (r < 0.12 || this.ids.length === 0) {
      const parentId = this.ids.length > 0 && this.random.next() < 0.8 ? this.random.pick(this.ids) : null;
      const id = Array.from({ length: 32 }, () => this.random.int(16).toString(16)).join('');
      const role = this.random.next() < 0.5 ? 'user' : 'assistant';
      this.ids.push(addMessage(doc, { id, role, parentId, now: this.clock, text: 'A question about sync?' }));
    } else if (r < 0.45) {
      appendMessageText(doc, this.random.pick(this.ids), ` token${this.random.int(1000)}`);
    } else if (r < 0.55) {
      setMessageStatus(doc, this.random.pick(this.ids), this.random.pick(['done', 'error', 'streaming'] as const), {
        usage: { inputTokens: this.random.int(5000), outputTokens: this.random.int(500) },
        error: this.random.next() < 0.5 ? null : 'The provider refused.',
      });
    } else if (r < 0.6) {
      requeueReply(doc, this.random.pick(this.ids));
    } else if (r < 0.65) {
      switchBranch(doc, this.random.pick(this.ids));
    } else if (r < 0.88) {
      const draft = draftOf(doc);
      draft.insert(this.random.int(draft.length + 1), this.random.pick(['a', 'b', 'sync ', 'é', '🙂']));
    } else if (r < 0.97) {
      const draft = draftOf(doc);
      if (draft.length > 0) draft.delete(this.random.int(draft.length), 1 + this.random.int(3));
    } else {
      setDraft(doc, '');
    }
  }
}

/** A copy of `update` with one random bit flipped. */
export function flipBit(update: Uint8Array, random: Random): Uint8Array {
  const flipped = new Uint8Array(update);
  const bit = random.int(flipped.length * 8);
  flipped[bit >> 3]! ^= 1 << (bit & 7);
  return flipped;
}

export function decodes(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/**
 * Everything a doc holds, in a canonical string: its state vector and delete set (a Yjs
 * snapshot), the visible content of every top-level type (also ones the schema does not
 * know), and the parts it holds back waiting for missing ones (pending structs and deletes).
 */
export function docState(doc: Y.Doc): string {
  const content: Record<string, unknown> = {};
  for (const name of [...doc.share.keys()].sort()) {
    // A top-level type with nothing in it is no content: Yjs makes one when an update names it.
    const type = typeContent(doc.share.get(name)!);
    if (type.entries.length > 0 || type.list.length > 0) content[name] = type;
  }
  return JSON.stringify(
    { snapshot: Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64'), content, pending: pendingOf(doc) },
    // A flipped type tag can turn a number into a BigInt, which JSON cannot write.
    (_, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value),
  );
}

/** The same as `docState`, without the pending parts (which no other device is sent). */
export function visibleState(doc: Y.Doc): string {
  const { pending: _, ...visible } = JSON.parse(docState(doc)) as Record<string, unknown>;
  return JSON.stringify(visible);
}

// biome-ignore lint/suspicious/noExplicitAny: Yjs types its top-level types as AbstractType<any>.
function typeContent(type: Y.AbstractType<any>): { entries: unknown[]; list: unknown[] } {
  const entries = [...type._map]
    .filter(([, item]) => !item.deleted)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, item]) => [key, itemContent(item)]);
  const list: unknown[] = [];
  for (let item = type._start; item; item = item.right) if (!item.deleted) list.push(itemContent(item));
  return { entries, list };
}

function itemContent(item: Y.Item): unknown {
  const { content } = item;
  if (content instanceof Y.ContentFormat) return { format: content.key, value: content.value };
  if (content instanceof Y.ContentBinary) return { binary: Buffer.from(content.content).toString('base64') };
  return content.getContent().map((value: unknown) => (value instanceof Y.AbstractType ? typeContent(value) : value));
}

/** The id ranges a doc holds back, merged per client, so splits do not matter. */
function pendingOf(doc: Y.Doc): unknown {
  const ranges = new Map<number, [number, number][]>();
  const add = (client: number, clock: number, length: number) => {
    const list = ranges.get(client) ?? [];
    list.push([clock, clock + length]);
    ranges.set(client, list);
  };
  const { pendingStructs, pendingDs } = doc.store;
  for (const s of pendingStructs ? Y.decodeUpdate(pendingStructs.update).structs : []) {
    if (!(s instanceof Y.Skip)) add(s.id.client, s.id.clock, s.length);
  }
  const deletes = new Map<number, [number, number][]>();
  for (const update of [pendingStructs?.update, pendingDs ?? undefined]) {
    if (!update) continue;
    for (const [client, items] of Y.decodeUpdate(update).ds.clients) {
      const list = deletes.get(client) ?? [];
      for (const { clock, len } of items) list.push([clock, clock + len]);
      deletes.set(client, list);
    }
  }
  return { structs: merged(ranges), deletes: merged(deletes) };
}

function merged(byClient: Map<number, [number, number][]>): [number, [number, number][]][] {
  return [...byClient]
    .sort(([a], [b]) => a - b)
    .map(([client, list]) => {
      const out: [number, number][] = [];
      for (const [from, to] of list.sort((a, b) => a[0] - b[0])) {
        const last = out.at(-1);
        if (last && from <= last[1]) last[1] = Math.max(last[1], to);
        else out.push([from, to]);
      }
      return [client, out];
    });
}

/**
 * The first flip (for a seed) of a writer's update that Yjs decodes, starts to apply and
 * then throws on, having changed the doc: the kind a server must refuse without a trace.
 * `base` is the doc's state the flip applies to.
 */
export function halfApplyingFlip(random: Random): { base: Uint8Array; flipped: Uint8Array } {
  const writer = new ThreadWriter(random);
  for (;;) {
    const base = Y.encodeStateAsUpdate(writer.doc);
    const flipped = flipBit(writer.next(), random);
    if (!decodes(flipped)) continue;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const before = docState(doc);
    try {
      Y.applyUpdate(doc, flipped);
    } catch {
      if (docState(doc) !== before) return { base, flipped };
    }
  }
}
