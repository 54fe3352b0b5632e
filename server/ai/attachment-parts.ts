// What the model sees of a message's attachments: images as image parts (a `data:` URL of
// the blob) for a model that can see them, and a short note in their place for one that
// cannot; text and code files as their text (capped); PDFs as the text the device
// extracted when attaching. Anything else is named in a note, so the model knows it is
// there. The bytes come from the blob store: a blob the device has not uploaded yet is
// reported missing, and the reply waits for it (runner.ts).
import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import type { Attachment } from '../../shared/docs/attachments';
import type { Message } from '../../shared/docs/thread-doc';
import type { BlobStore } from '../blobs/blob-store';

/** Image types every vision model accepts as a `data:` URL. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
/** Text that is not `text/*` but reads as text. */
const TEXT_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/x-javascript',
  'application/typescript',
  'application/yaml',
  'application/x-yaml',
  'application/toml',
  'application/sql',
  'application/x-sh',
  'application/x-httpd-php',
  'application/x-tex',
]);
/**
 * Code files a browser types wrongly or not at all (a `.ts` file is "video/mp2t" to it):
 * read as text by their name when their type says nothing better.
 */
const TEXT_EXTENSIONS =
  /\.(txt|md|markdown|csv|tsv|json|jsonl|xml|ya?ml|toml|ini|cfg|conf|log|sql|sh|bash|zsh|py|rb|js|mjs|cjs|jsx|ts|tsx|mts|cts|java|kt|kts|scala|go|rs|c|h|cc|cpp|hpp|cs|swift|m|php|pl|lua|r|dart|ex|exs|erl|hs|ml|clj|vue|svelte|html?|css|scss|less|tex|diff|patch|env|gitignore|dockerfile|makefile)$/i;
const VAGUE_TYPES = new Set(['application/octet-stream', 'video/mp2t', 'text/x-c', 'application/x-sql']);

/** The most bytes of one file's text put in front of the model; the rest is left out with a note. */
export const TEXT_CAP_BYTES = 200 * 1024;

export type AttachmentKind = 'image' | 'text' | 'pdf' | 'other';

export function attachmentKind(attachment: Pick<Attachment, 'name' | 'type'>): AttachmentKind {
  const { type, name } = attachment;
  if (IMAGE_TYPES.has(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('text/') || TEXT_TYPES.has(type) || type.endsWith('+json') || type.endsWith('+xml')) {
    return 'text';
  }
  if (VAGUE_TYPES.has(type) && TEXT_EXTENSIONS.test(name)) return 'text';
  return 'other';
}

/** The blob the model's part of `attachment` is made from, if any. */
function sourceBlob(attachment: Attachment, vision: boolean): string | null {
  switch (attachmentKind(attachment)) {
    case 'image':
      return vision ? attachment.sha256 : null;
    case 'text':
      return attachment.sha256;
    case 'pdf':
      return attachment.textSha256 ?? null;
    default:
      return null;
  }
}

/** The person's messages on `path` that carry attachments. */
const withAttachments = (path: Message[]) => path.filter((m) => m.role === 'user' && m.attachments?.length);

/**
 * Blobs of the message being answered (the latest of the person's on `path`) that the model
 * would read and the server does not hold yet (not uploaded, or still uploading). Files of
 * earlier messages are not waited for: one that never arrives would hold up every later
 * reply of the chat; it becomes a note instead.
 */
export async function missingBlobs(
  store: BlobStore,
  userId: string,
  path: Message[],
  vision: boolean,
): Promise<string[]> {
  const needed = new Set<string>();
  const latest = [...path].reverse().find((m) => m.role === 'user');
  for (const message of withAttachments(latest ? [latest] : [])) {
    for (const attachment of message.attachments!) {
      const blob = sourceBlob(attachment, vision);
      if (blob) needed.add(blob);
    }
  }
  const missing: string[] = [];
  for (const sha256 of needed) if (!(await store.stat(userId, sha256))) missing.push(sha256);
  return missing;
}

interface Read {
  bytes: Buffer;
  /** The blob's full size, when more than the bytes read. */
  cutFrom?: number;
}

/** Up to `cap` bytes of a blob (all when no cap); null when the user has no such blob. */
async function readBlob(
  store: BlobStore,
  userId: string,
  sha256: string,
  cap = Number.POSITIVE_INFINITY,
): Promise<Read | null> {
  const reader = await store.read(userId, sha256);
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for await (const chunk of reader.body) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= cap) break;
    }
  } finally {
    await reader.body.return();
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length <= cap) return { bytes };
  return { bytes: bytes.subarray(0, cap), cutFrom: reader.info.size };
}

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** A file's text in a fence long enough that no line of the text closes it. */
function fenced(heading: string, read: Read): string {
  // A cut may split a character; the decoder's U+FFFD at the very end is dropped.
  let text = new TextDecoder().decode(read.bytes);
  if (read.cutFrom !== undefined) text = text.replace(/\uFFFD$/, '');
  const runs = text.match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((run) => run.length + 1)));
  const note =
    read.cutFrom !== undefined
      ? `\n[Only the first ${kib(read.bytes.length)} of ${kib(read.cutFrom)} are shown; the rest was left out.]`
      : '';
  return `${heading}\n${fence}\n${text}\n${fence}${note}`;
}

const text = (value: string): ChatCompletionContentPart => ({ type: 'text', text: value });

async function partOf(
  store: BlobStore,
  userId: string,
  attachment: Attachment,
  vision: boolean,
): Promise<ChatCompletionContentPart> {
  const { name } = attachment;
  const blob = sourceBlob(attachment, vision);
  const kind = attachmentKind(attachment);
  let read: Read | null = null;
  try {
    if (blob) read = await readBlob(store, userId, blob, kind === 'image' ? Number.POSITIVE_INFINITY : TEXT_CAP_BYTES);
  } catch {
    // A damaged blob: the reply goes on without it, as without a missing one.
    read = null;
  }
  switch (kind) {
    case 'image':
      if (!vision) return text(`[image ${name}: this model cannot see images]`);
      if (!read) return text(`[image ${name}: the file is not on the server]`);
      return {
        type: 'image_url',
        image_url: { url: `data:${attachment.type};base64,${read.bytes.toString('base64')}` },
      };
    case 'text':
      return text(read ? fenced(`File: ${name}`, read) : `[file ${name}: the file is not on the server]`);
    case 'pdf': {
      const pages = attachment.pages ? ` (${attachment.pages} page${attachment.pages === 1 ? '' : 's'})` : '';
      if (!read) return text(`[PDF ${name}${pages}: its text is not available]`);
      return text(fenced(`PDF: ${name}${pages}, its text:`, read));
    }
    default:
      return text(`[file ${name} (${attachment.type}): Hearth does not show this kind of file to the model]`);
  }
}

/** The parts for each message on `path` with attachments, by message id, in the order attached. */
export async function attachmentParts(
  store: BlobStore,
  userId: string,
  path: Message[],
  vision: boolean,
): Promise<Map<string, ChatCompletionContentPart[]>> {
  const out = new Map<string, ChatCompletionContentPart[]>();
  for (const message of withAttachments(path)) {
    const parts: ChatCompletionContentPart[] = [];
    for (const attachment of message.attachments!) parts.push(await partOf(store, userId, attachment, vision));
    out.set(message.id, parts);
  }
  return out;
}
