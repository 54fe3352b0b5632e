import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../../shared/docs/attachments';
import type { Message } from '../../shared/docs/thread-doc';
import { DirectoryBlobStore } from '../blobs/directory-store';
import { attachmentKind, attachmentParts, missingBlobs, TEXT_CAP_BYTES } from './attachment-parts';

const user = 'a'.repeat(32);
const key = randomBytes(32);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let store: DirectoryBlobStore;
beforeEach(() => {
  store = new DirectoryBlobStore({ root: mkdtempSync(path.join(tmpdir(), 'hearth-parts-')), dataKey: () => key });
});

async function stored(bytes: Buffer, name: string, type: string): Promise<Attachment> {
  async function* body() {
    yield new Uint8Array(bytes);
  }
  const put = await store.put(user, sha(bytes), { type, size: bytes.length, offset: 0, body: body(), quotaBytes: 1e9 });
  expect(put.status).toBe('stored');
  return { sha256: sha(bytes), name, type, size: bytes.length };
}

const message = (attachments: Attachment[]): Message =>
  ({ id: 'm1', role: 'user', text: 'hi', attachments }) as unknown as Message;

describe('what the model sees of a file', () => {
  it.each([
    ['photo.jpg', 'image/jpeg', 'image'],
    ['shot.webp', 'image/webp', 'image'],
    ['photo.heic', 'image/heic', 'other'],
    ['notes.md', 'text/markdown', 'text'],
    ['data.json', 'application/json', 'text'],
    ['feed.atom', 'application/atom+xml', 'text'],
    ['main.ts', 'video/mp2t', 'text'],
    ['Makefile.bin', 'application/octet-stream', 'other'],
    ['report.pdf', 'application/pdf', 'pdf'],
    ['sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'other'],
  ])('%s (%s) is read as %s', (name, type, kind) => {
    expect(attachmentKind({ name, type })).toBe(kind);
  });

  it('fences text with more backticks than any run inside it', async () => {
    const readme = await stored(Buffer.from('Run:\n````sh\nnpm start\n````\n'), 'README.md', 'text/markdown');
    const [part] = (await attachmentParts(store, user, [message([readme])], true)).get('m1')!;
    expect(part).toEqual({ type: 'text', text: 'File: README.md\n`````\nRun:\n````sh\nnpm start\n````\n\n`````' });
  });

  it('cuts a long file at the cap without leaving half a character', async () => {
    const long = await stored(Buffer.from(`a${'é'.repeat(TEXT_CAP_BYTES)}`), 'long.txt', 'text/plain');
    const [part] = (await attachmentParts(store, user, [message([long])], true)).get('m1')!;
    const text = (part as { text: string }).text;
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain(`a${'é'.repeat(TEXT_CAP_BYTES / 2 - 1)}\n\`\`\`\n[Only the first 200 KB of 400 KB`);
  });

  it('names a file it does not read, and waits only for blobs the model would read', async () => {
    const sheet = { sha256: 'c'.repeat(64), name: 'sheet.xlsx', type: 'application/zip', size: 10 };
    const image = { sha256: 'd'.repeat(64), name: 'a.png', type: 'image/png', size: 10 };
    const path = [message([sheet, image])];
    expect(await missingBlobs(store, user, path, false)).toEqual([]);
    expect(await missingBlobs(store, user, path, true)).toEqual([image.sha256]);
    // Only the message being answered is waited for; an earlier one's missing file is a note.
    const later = { ...message([]), id: 'm2' } as Message;
    expect(await missingBlobs(store, user, [...path, later], true)).toEqual([]);
    expect((await attachmentParts(store, user, path, true)).get('m1')![1]).toEqual({
      type: 'text',
      text: '[image a.png: the file is not on the server]',
    });
    expect((await attachmentParts(store, user, path, false)).get('m1')).toEqual([
      {
        type: 'text',
        text: '[file sheet.xlsx (application/zip): Hearth does not show this kind of file to the model]',
      },
      { type: 'text', text: '[image a.png: this model cannot see images]' },
    ]);
  });
});
