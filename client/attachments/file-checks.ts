// What is checked before a file is stored on the device: not empty, within the server's
// limits, and, for images and PDFs, first bytes that match the type (the server refuses a
// mismatch with 415, so it is caught here, before anything is stored or sent).
import { type Attachment, mimeEssence, UNKNOWN_TYPE } from '../../shared/docs/attachments';

/** What the file picker offers: images, PDFs, text and code. */
export const ACCEPT =
  'image/png,image/jpeg,image/webp,image/gif,image/heic,image/heif,application/pdf,text/*,.md,.txt,.csv,.json,.ts,.tsx,.js,.jsx,.py,.rb,.go,.rs,.java,.c,.h,.cpp,.cs,.sh,.sql,.yaml,.yml,.toml,.xml,.html,.css';

/** The server's limits as the client knows them; used until `GET /api/blobs/usage` answers. */
export interface BlobLimits {
  maxFileBytes: number;
  /** Space left in the user's quota, when known. */
  freeBytes?: number;
}

export const DEFAULT_LIMITS: BlobLimits = { maxFileBytes: 20 * 1024 * 1024 };

const TEXT_EXTENSIONS = new Set(
  'md txt csv json ts tsx js jsx mjs cjs py rb go rs java c h cpp hpp cs sh sql yaml yml toml xml html css log ini'.split(
    ' ',
  ),
);

/** The file's MIME type: the browser's, else text/plain for a known text or code extension. */
export function fileType(file: { name: string; type: string }): string {
  const type = mimeEssence(file.type);
  if (type) return type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return TEXT_EXTENSIONS.has(extension) ? 'text/plain' : UNKNOWN_TYPE;
}

const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  'image/png': (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ascii(b, 0, 4) === 'GIF8',
  'image/webp': (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  'application/pdf': (b) => ascii(b, 0, 5) === '%PDF-',
};

const LABELS: Record<string, string> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'application/pdf': 'a PDF',
};

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** Bytes as people read them: "512 B", "3.4 KB", "20 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${units[unit]}`;
}

/**
 * The line under a file's name: its size, and for a PDF its page count, or that the model
 * gets none of its text (it could not be read, or it is a scan).
 */
export function fileDetails(attachment: Pick<Attachment, 'type' | 'size' | 'pages' | 'textSha256'>): string {
  const parts = [formatSize(attachment.size)];
  if (attachment.type === 'application/pdf') {
    if (attachment.pages) parts.unshift(`${attachment.pages} page${attachment.pages === 1 ? '' : 's'}`);
    if (!attachment.textSha256) parts.push('no text for the model');
  }
  return parts.join(' · ');
}

/**
 * Why `file` cannot be attached, in words for its owner, or null when it can. `head` is its
 * first bytes (at least 12).
 */
export function fileProblem(
  file: { name: string; size: number; type: string },
  head: Uint8Array,
  limits: BlobLimits,
): string | null {
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > limits.maxFileBytes) {
    return `“${file.name}” is ${formatSize(file.size)}; files can be at most ${formatSize(limits.maxFileBytes)}.`;
  }
  if (limits.freeBytes !== undefined && file.size > limits.freeBytes) {
    return `“${file.name}” does not fit: your space for files is full (${formatSize(limits.freeBytes)} left).`;
  }
  const type = fileType(file);
  const matches = SIGNATURES[type];
  if (matches && !matches(head)) return `“${file.name}” is not ${LABELS[type]}, as its type says: it may be damaged.`;
  return null;
}
