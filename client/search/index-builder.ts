// Builds the device's index from every title and message at once, as the stored form
// (MiniSearch's JSON, serialization version 2) that DeviceIndex.fromJSON reads. Feeding
// MiniSearch one message at a time (add) costs a lookup in its term tree and a Map entry
// per term per message, and most of the time goes to allocating and collecting those; a
// full index then has to be serialised again to be stored. Written here directly, a term's
// postings are an array of numbers until they become text, and the text is both what is
// stored and what the index is read from: a build costs about what reading back costs.
import { TITLE_PREFIX } from './device-index';
import { indexTerms } from './text';

/** Field ids as MiniSearch numbers DeviceIndex's fields (in their order there). */
const TEXT = 0;
const TITLE = 1;

export class IndexBuilder {
  /** Per document (by short id, in order): its id, stored fields and field lengths, as JSON. */
  private readonly documentIds: string[] = [];
  private readonly storedFields: string[] = [];
  private readonly fieldLength: string[] = [];
  private readonly averageFieldLength: number[] = [];
  /** term → [field, short id, field, short id, …] in the order they were added. */
  private readonly postings = new Map<string, number[]>();

  /** Documents added so far (titles and messages with any text). */
  get size(): number {
    return this.documentIds.length;
  }

  addTitle(threadId: string, title: string): void {
    if (title.trim())
      this.add(TITLE_PREFIX + threadId, TITLE, title, `{"threadId":${q(threadId)},"title":${q(title)}}`);
  }

  addMessage(id: string, threadId: string, text: string): void {
    if (text.trim()) this.add(id, TEXT, text, `{"threadId":${q(threadId)}}`);
  }

  /** The index as DeviceIndex.toJSON would give it after setTitle / setMessage in the same order. */
  toJSON(): string {
    const parts: string[] = [];
    for (const [term, list] of this.postings) {
      const fields: string[][] = [[], []];
      for (let i = 0; i < list.length; i += 2) fields[list[i]!]!.push(`"${list[i + 1]}":1`);
      // Fields in the order the term met them, as MiniSearch's Maps keep them.
      const order = list[0] === TEXT ? [TEXT, TITLE] : [TITLE, TEXT];
      const data = order.flatMap((field) =>
        fields[field]!.length ? [`"${field}":{${fields[field]!.join(',')}}`] : [],
      );
      parts.push(`[${q(term)},{${data.join(',')}}]`);
    }
    const byShortId = (values: string[]) => `{${values.map((value, id) => `"${id}":${value}`).join(',')}}`;
    const count = this.documentIds.length;
    return (
      `{"documentCount":${count},"nextId":${count},"documentIds":${byShortId(this.documentIds)},` +
      `"fieldIds":{"text":${TEXT},"title":${TITLE}},"fieldLength":${byShortId(this.fieldLength)},` +
      `"averageFieldLength":${JSON.stringify(this.averageFieldLength)},"storedFields":${byShortId(this.storedFields)},` +
      `"dirtCount":0,"index":[${parts.join(',')}],"serializationVersion":2}`
    );
  }

  private add(id: string, field: number, value: string, stored: string): void {
    const shortId = this.documentIds.length;
    const terms = indexTerms(value); // each once already
    this.documentIds.push(q(id));
    this.storedFields.push(stored);
    this.fieldLength.push(field === TEXT ? `[${terms.length}]` : `[null,${terms.length}]`);
    // A running mean over every document so far, as MiniSearch keeps it, so scores match.
    const mean = this.averageFieldLength;
    mean[field] = ((mean[field] ?? 0) * shortId + terms.length) / (shortId + 1);
    for (const term of terms) {
      const list = this.postings.get(term);
      if (list) list.push(field, shortId);
      else this.postings.set(term, [field, shortId]);
    }
  }
}

const q = (value: string) => JSON.stringify(value);
