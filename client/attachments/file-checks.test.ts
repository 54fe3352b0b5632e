import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { retryDelay } from './backoff';
import { fileDetails, fileProblem, fileType, formatSize } from './file-checks';
import { sha256Hex } from './hash';

const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF_HEAD = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ');
const LIMITS = { maxFileBytes: 20 * 1024 * 1024 };

test('an empty file is refused', () => {
  expect(fileProblem({ name: 'a.txt', size: 0, type: 'text/plain' }, new Uint8Array(), LIMITS)).toBe(
    '“a.txt” is empty.',
  );
});

test("a file over the server's limit is refused, saying both sizes", () => {
  const problem = fileProblem({ name: 'big.pdf', size: 25 * 1024 * 1024, type: 'application/pdf' }, PDF_HEAD, LIMITS);
  expect(problem).toBe('“big.pdf” is 25 MB; files can be at most 20 MB.');
  expect(fileProblem({ name: 'ok.pdf', size: 20 * 1024 * 1024, type: 'application/pdf' }, PDF_HEAD, LIMITS)).toBeNull();
});

test('a file larger than the space left in the quota is refused', () => {
  const problem = fileProblem({ name: 'a.png', size: 5000, type: 'image/png' }, PNG_HEAD, {
    ...LIMITS,
    freeBytes: 4000,
  });
  expect(problem).toMatch(/“a\.png” does not fit: your space for files is full/);
});

test('an image or PDF whose first bytes are not of its type is refused', () => {
  const text = new TextEncoder().encode('not an image at all');
  expect(fileProblem({ name: 'x.png', size: 19, type: 'image/png' }, text, LIMITS)).toMatch(/not a PNG image/);
  expect(fileProblem({ name: 'x.jpg', size: 19, type: 'image/jpeg' }, PNG_HEAD, LIMITS)).toMatch(/not a JPEG image/);
  expect(fileProblem({ name: 'x.pdf', size: 19, type: 'application/pdf' }, PNG_HEAD, LIMITS)).toMatch(/not a PDF/);
  expect(fileProblem({ name: 'x.png', size: 12, type: 'image/png' }, PNG_HEAD, LIMITS)).toBeNull();
  expect(fileProblem({ name: 'x.pdf', size: 12, type: 'application/pdf' }, PDF_HEAD, LIMITS)).toBeNull();
  // Text has no signature to check.
  expect(fileProblem({ name: 'notes.md', size: 19, type: '' }, text, LIMITS)).toBeNull();
});

test('a file without a type is text when its extension is a text or code one', () => {
  expect(fileType({ name: 'main.rs', type: '' })).toBe('text/plain');
  expect(fileType({ name: 'data.bin', type: '' })).toBe('application/octet-stream');
  expect(fileType({ name: 'a.png', type: 'Image/PNG; x=1' })).toBe('image/png');
});

test('sizes read as people write them', () => {
  expect(formatSize(512)).toBe('512 B');
  expect(formatSize(3500)).toBe('3.4 KB');
  expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
});

test("a PDF's line gives its pages, and says when the model gets none of its text", () => {
  const text = 'a'.repeat(64);
  expect(fileDetails({ type: 'application/pdf', size: 3500, pages: 12, textSha256: text })).toBe('12 pages · 3.4 KB');
  expect(fileDetails({ type: 'application/pdf', size: 3500, pages: 1 })).toBe(
    '1 page · 3.4 KB · no text for the model',
  );
  expect(fileDetails({ type: 'application/pdf', size: 512 })).toBe('512 B · no text for the model');
  expect(fileDetails({ type: 'text/plain', size: 512 })).toBe('512 B');
});

test('retries wait longer after each failure, up to five minutes', () => {
  expect([0, 1, 2, 3].map(retryDelay)).toEqual([0, 2000, 4000, 8000]);
  expect(retryDelay(30)).toBe(300_000);
});

test('the hash is the SHA-256 of the bytes, in lowercase hex', async () => {
  const bytes = new TextEncoder().encode('hearth');
  const expected = createHash('sha256').update(bytes).digest('hex');
  expect(await sha256Hex(new Blob([bytes]))).toBe(expected);
  expect(await sha256Hex(bytes.buffer)).toBe(expected);
});
