// Content sniffing: an upload that says it is an image or a PDF must start like one. Only
// these types are checked (their first bytes are fixed), and only files of these types that
// passed the check are served to be shown in the page; everything else is a download.

interface Signature {
  /** What a person calls the format, for the error message. */
  name: string;
  test(head: Uint8Array): boolean;
}

const ascii = (head: Uint8Array, at: number, text: string) =>
  head.length >= at + text.length && [...text].every((ch, i) => head[at + i] === ch.charCodeAt(0));
const bytes = (head: Uint8Array, at: number, expected: readonly number[]) =>
  head.length >= at + expected.length && expected.every((b, i) => head[at + i] === b);

/** ISO base media files (HEIF, AVIF): `ftyp` at byte 4, then the major brand. */
const ftyp = (brands: readonly string[]) => (head: Uint8Array) =>
  ascii(head, 4, 'ftyp') && brands.some((brand) => ascii(head, 8, brand));
const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1'];

const SIGNATURES: Record<string, Signature> = {
  'image/png': { name: 'PNG', test: (h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { name: 'JPEG', test: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]) },
  'image/gif': { name: 'GIF', test: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a') },
  'image/webp': { name: 'WebP', test: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP') },
  'image/heic': { name: 'HEIC', test: ftyp(HEIF_BRANDS) },
  'image/heif': { name: 'HEIF', test: ftyp(HEIF_BRANDS) },
  'image/avif': { name: 'AVIF', test: ftyp(['avif', 'avis']) },
  // Readers accept a PDF whose header comes after some bytes of junk, up to 1 KiB in.
  'application/pdf': { name: 'PDF', test: (h) => Buffer.from(h.subarray(0, 1024)).includes('%PDF-') },
};
SIGNATURES['image/jpg'] = SIGNATURES['image/jpeg']!;

/** How many first bytes the check needs (fewer when the file is shorter). */
export const SNIFF_BYTES = 1024;

/** Null when `head` (the file's first bytes) fits `type` or the type is not checked; else why not. */
export function sniffMismatch(type: string, head: Uint8Array): string | null {
  const signature = SIGNATURES[type];
  if (!signature || signature.test(head)) return null;
  return `This file is not a ${signature.name} file, though it says it is (${type}): its content does not start like one.`;
}

/** Whether a file of `type` may be shown in the page (a checked image), rather than only downloaded. */
export const isInlineImage = (type: string): boolean => type.startsWith('image/') && type in SIGNATURES;
