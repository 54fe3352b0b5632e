// Attachments: a file a message (or the draft) carries, named by the SHA-256 of its bytes,
// which live in the blob store (device and server), never in the doc. The doc holds what a
// list needs without fetching the file: name, type, size, image dimensions, the blob of a
// small WebP preview, a PDF's page count. Read defensively: a bad entry is skipped.

/** The most attachments one message or draft carries; readers ignore any beyond. */
export const ATTACHMENT_LIMITS = { perMessage: 20, name: 255, pixels: 100_000, pages: 100_000 } as const;

export interface Attachment {
  /** SHA-256 of the file's bytes, 64 lowercase hex characters: its blob's name. */
  sha256: string;
  /** File name as the person chose it (display and download only; never a path). */
  name: string;
  /** MIME type, lowercase `type/subtype` without parameters. */
  type: string;
  /** Bytes, at least 1 (an empty file is never attached). */
  size: number;
  /** For images: pixels. */
  width?: number;
  height?: number;
  /** Blob of a small WebP preview (about 512 px), made on the device when attaching. */
  thumbSha256?: string;
  /** For PDFs: the page count. */
  pages?: number;
  /**
   * For PDFs: a text/plain (UTF-8) blob of the text extracted on the device when attaching,
   * which is what the model reads.
   */
  textSha256?: string;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export const isSha256 = (value: unknown): value is string => typeof value === 'string' && SHA256_PATTERN.test(value);

/** Used when a type is missing or not a MIME type: the bytes are still there to download. */
export const UNKNOWN_TYPE = 'application/octet-stream';

const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The `type/subtype` of a MIME type or Content-Type header, lowercased; null when it is not one. */
export function mimeEssence(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const essence = value.split(';', 1)[0]!.trim().toLowerCase();
  return MIME_PATTERN.test(essence) ? essence : null;
}

const positiveInt = (value: unknown, max: number): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;

/** Control characters (and line breaks) never belong in a file name shown or saved. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * One stored attachment, validated: undefined when its blob, name or size is not usable;
 * an unknown type reads as application/octet-stream and optional fields that are wrong are
 * left out, so the file itself stays reachable.
 */
export function readAttachment(value: unknown): Attachment | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!isSha256(v.sha256) || typeof v.name !== 'string') return undefined;
  const name = v.name.replace(CONTROL, '').trim().slice(0, ATTACHMENT_LIMITS.name);
  const size = positiveInt(v.size, Number.MAX_SAFE_INTEGER);
  if (!name || size === undefined) return undefined;
  const out: Attachment = { sha256: v.sha256, name, type: mimeEssence(v.type) ?? UNKNOWN_TYPE, size };
  const width = positiveInt(v.width, ATTACHMENT_LIMITS.pixels);
  const height = positiveInt(v.height, ATTACHMENT_LIMITS.pixels);
  if (width !== undefined && height !== undefined) Object.assign(out, { width, height });
  if (isSha256(v.thumbSha256)) out.thumbSha256 = v.thumbSha256;
  if (isSha256(v.textSha256)) out.textSha256 = v.textSha256;
  const pages = positiveInt(v.pages, ATTACHMENT_LIMITS.pages);
  if (pages !== undefined) out.pages = pages;
  return out;
}

/**
 * A list of attachments as stored, validated: bad entries skipped, a blob listed twice kept
 * once, at most `ATTACHMENT_LIMITS.perMessage`. Anything but an array reads as none.
 */
export function readAttachments(value: unknown): Attachment[] {
  if (!Array.isArray(value)) return [];
  const out: Attachment[] = [];
  const seen = new Set<string>();
  for (const entry of value) {
    const attachment = readAttachment(entry);
    if (!attachment || seen.has(attachment.sha256)) continue;
    seen.add(attachment.sha256);
    out.push(attachment);
    if (out.length === ATTACHMENT_LIMITS.perMessage) break;
  }
  return out;
}

/** The attachment as it is written to a doc; throws when it could not be read back (a bug in the caller). */
export function toStoredAttachment(attachment: Attachment): Attachment {
  const stored = readAttachment(attachment);
  if (!stored) throw new Error(`not a valid attachment: ${JSON.stringify(attachment)}`);
  return stored;
}

/**
 * Every blob a stored list of attachments may refer to: the `sha256`, `thumbSha256` and `textSha256` of
 * each entry, however wrong its other fields or however many there are. For garbage
 * collection, which must never remove a blob some reader (another version) would show.
 */
export function blobRefsIn(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { sha256, thumbSha256, textSha256 } = entry as Record<string, unknown>;
    if (isSha256(sha256)) out.push(sha256);
    if (isSha256(thumbSha256)) out.push(thumbSha256);
    if (isSha256(textSha256)) out.push(textSha256);
  }
  return out;
}
