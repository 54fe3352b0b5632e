// What the model sees of attachments, through the real server, the real blob routes and
// the fake provider: an image as a `data:` URL of its exact bytes (vision models), a note
// in its place for a model that cannot see images, a text file's name and content, a PDF's
// extracted text; and a reply whose file has not been uploaded yet waits for it.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_NOT_HERE } from '../../server/ai/plan-request';
import type { Attachment } from '../../shared/docs/attachments';
import { stopReply } from '../../shared/docs/chat-actions';
import { marker, newThread, type Stack, send, signUp, startStack, waitForStatus } from '../fake-ai/chat-helpers';
import type { ChatRequest } from '../fake-ai/replies';
import type { ApiClient } from '../support/api-client';
import { eventually } from '../support/sync-device';

let stack: Stack;
beforeAll(async () => {
  // The custom endpoint (a model that cannot see images) is the fake provider on 127.0.0.1.
  stack = await startStack({ env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' } });
});
afterAll(() => stack.stop());

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A file as the client attaches it: its blob's bytes and the entry in the message. */
function file(bytes: Buffer, name: string, type: string, extra: Partial<Attachment> = {}) {
  return { bytes, attachment: { sha256: sha(bytes), name, type, size: bytes.length, ...extra } };
}

/** Uploads through the real route, as a device does. */
async function uploadBlob(device: ApiClient, bytes: Buffer, type: string): Promise<void> {
  const response = await fetch(`${stack.hearth.url}/api/blobs/${sha(bytes)}`, {
    method: 'PUT',
    headers: { cookie: device.cookie!, 'content-type': type },
    body: new Uint8Array(bytes),
  });
  expect(response.status).toBe(201);
}

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** The parts of the last user message of the one streamed request carrying `word`. */
function lastUserParts(word: string): Part[] {
  const [request] = stack.fake.streams(word);
  const users = (request!.body as ChatRequest).messages!.filter((m) => m.role === 'user');
  const content = users.at(-1)!.content;
  expect(Array.isArray(content)).toBe(true);
  return content as unknown as Part[];
}

async function start() {
  const { userId, devices } = await signUp(stack.hearth.url);
  const device = devices[0]!;
  const t = await newThread(device, userId);
  return { userId, device, t };
}

describe('attachments in the request', () => {
  it('sends an image to a vision model as a data: URL of its exact bytes, after the text', async () => {
    const { device, t } = await start();
    const image = file(Buffer.concat([PNG_SIGNATURE, randomBytes(3000)]), 'cat.png', 'image/png', {
      width: 40,
      height: 30,
    });
    await uploadBlob(device, image.bytes, 'image/png');
    const word = marker('vision');
    const { replyId } = send(t.thread.doc, `What is in this picture? ${word}`, { attachments: [image.attachment] });
    await waitForStatus(t.thread.doc, replyId, 'done');

    const parts = lastUserParts(word);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toEqual({ type: 'text', text: `What is in this picture? ${word}` });
    const url = (parts[1] as Extract<Part, { type: 'image_url' }>).image_url.url;
    expect(parts[1]!.type).toBe('image_url');
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64').equals(image.bytes)).toBe(true);
    t.close();
  });

  it("puts a text file's name and content in the request, and cuts a very long one with a note", async () => {
    const { device, t } = await start();
    const word = marker('textfile');
    const source = file(Buffer.from(`export const answer = 42; // ${word}\n`), 'answer.ts', 'video/mp2t');
    const long = file(Buffer.from('x'.repeat(300 * 1024)), 'huge.log', 'text/plain');
    await uploadBlob(device, source.bytes, 'video/mp2t');
    await uploadBlob(device, long.bytes, 'text/plain');
    const { replyId } = send(t.thread.doc, 'Review these', { attachments: [source.attachment, long.attachment] });
    await waitForStatus(t.thread.doc, replyId, 'done');

    const [text, code, huge] = lastUserParts(word);
    expect(text).toEqual({ type: 'text', text: 'Review these' });
    expect(code).toEqual({
      type: 'text',
      text: `File: answer.ts\n\`\`\`\nexport const answer = 42; // ${word}\n\n\`\`\``,
    });
    const cut = (huge as { text: string }).text;
    expect(cut.startsWith(`File: huge.log\n\`\`\`\n${'x'.repeat(200 * 1024)}\n\`\`\``)).toBe(true);
    expect(cut).not.toContain('x'.repeat(200 * 1024 + 1));
    expect(cut).toContain('[Only the first 200 KB of 300 KB are shown; the rest was left out.]');
    t.close();
  });

  it("sends a PDF's extracted text with its name and page count; without it, a note", async () => {
    const { device, t } = await start();
    const word = marker('pdf');
    const extracted = file(Buffer.from(`Quarterly revenue rose 12 percent. ${word}`), 'report.txt', 'text/plain');
    const pdf = file(Buffer.from(`%PDF-1.7\n${randomBytes(500).toString('hex')}`), 'report.pdf', 'application/pdf', {
      pages: 3,
      textSha256: extracted.attachment.sha256,
    });
    const scanned = file(Buffer.from(`%PDF-1.4\n${randomBytes(200).toString('hex')}`), 'scan.pdf', 'application/pdf', {
      pages: 1,
    });
    await uploadBlob(device, pdf.bytes, 'application/pdf');
    await uploadBlob(device, extracted.bytes, 'text/plain');
    await uploadBlob(device, scanned.bytes, 'application/pdf');
    const { replyId } = send(t.thread.doc, 'Summarise', { attachments: [pdf.attachment, scanned.attachment] });
    await waitForStatus(t.thread.doc, replyId, 'done');

    const [, report, scan] = lastUserParts(word);
    expect(report).toEqual({
      type: 'text',
      text: `PDF: report.pdf (3 pages), its text:\n\`\`\`\nQuarterly revenue rose 12 percent. ${word}\n\`\`\``,
    });
    expect(scan).toEqual({ type: 'text', text: '[PDF scan.pdf (1 page): its text is not available]' });
    t.close();
  });

  it('gives a model that cannot see images a note instead of the image, and still answers', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const device = devices[0]!;
    const put = await device.request('PUT', '/api/keys/custom', {
      apiKey: '',
      baseURL: stack.fake.url,
      models: [{ id: 'blind', vision: false }],
    });
    expect(put.status).toBe(200);
    const t = await newThread(device, userId);
    // Never uploaded: a model that cannot see it does not wait for it either.
    const image = file(Buffer.concat([PNG_SIGNATURE, randomBytes(100)]), 'chart.png', 'image/png');
    const word = marker('blind');
    const { replyId } = send(t.thread.doc, `Explain ${word}`, {
      model: 'custom/blind',
      attachments: [image.attachment],
    });
    const reply = await waitForStatus(t.thread.doc, replyId, ['done', 'error']);
    expect(reply.status).toBe('done');

    expect(lastUserParts(word)).toEqual([
      { type: 'text', text: `Explain ${word}` },
      { type: 'text', text: '[image chart.png: this model cannot see images]' },
    ]);
    t.close();
  });
});

describe('[S16] a file not on the server yet', () => {
  it('keeps the reply queued until the file is uploaded, then answers with it', async () => {
    const { device, userId, t } = await start();
    const word = marker('late');
    const notes = file(Buffer.from(`Meeting notes ${word}`), 'notes.md', 'text/markdown');
    const { replyId } = send(t.thread.doc, 'What did we decide?', { attachments: [notes.attachment] });

    // The server found the file missing and set the reply aside: nothing was asked yet.
    await eventually(
      () => stack.hearth.logs.some((line) => line.includes('a reply waits for files') && line.includes(userId)),
      'the server says the reply waits for a file',
    );
    expect(stack.fake.chats().filter((r) => JSON.stringify(r.body).includes('What did we decide?'))).toHaveLength(0);

    await uploadBlob(device, notes.bytes, 'text/markdown');
    const reply = await waitForStatus(t.thread.doc, replyId, ['done', 'error']);
    expect(reply.status).toBe('done');
    expect(stack.fake.streams(word)).toHaveLength(1);
    expect(lastUserParts(word)[1]).toEqual({
      type: 'text',
      text: `File: notes.md\n\`\`\`\nMeeting notes ${word}\n\`\`\``,
    });
    t.close();
  });

  it('ends a waiting reply cancelled when the person stops it', async () => {
    const { userId, t } = await start();
    const notes = file(Buffer.from(`not yet ${randomBytes(8).toString('hex')}`), 'later.txt', 'text/plain');
    const { replyId } = send(t.thread.doc, 'Read this later', { attachments: [notes.attachment] });
    await eventually(
      () => stack.hearth.logs.some((line) => line.includes('a reply waits for files') && line.includes(userId)),
      'the server says the reply waits for a file',
    );
    stopReply(t.thread.doc, replyId);
    expect((await waitForStatus(t.thread.doc, replyId, 'cancelled')).error).toBeNull();
    expect(stack.fake.chats().filter((r) => JSON.stringify(r.body).includes('Read this later'))).toHaveLength(0);
    t.close();
  });

  it('fails the reply, saying so, when the file has not arrived in time', async () => {
    const quick = await startStack({ env: { HEARTH_AI_FILE_WAIT_SECONDS: '0.5' } });
    try {
      const { userId, devices } = await signUp(quick.hearth.url);
      const t = await newThread(devices[0]!, userId);
      const notes = file(Buffer.from(`never uploaded ${randomBytes(8).toString('hex')}`), 'notes.txt', 'text/plain');
      const { replyId } = send(t.thread.doc, 'What does it say?', { attachments: [notes.attachment] });
      const reply = await waitForStatus(t.thread.doc, replyId, ['done', 'error']);
      expect(reply.status).toBe('error');
      expect(reply.error).toBe(FILE_NOT_HERE);
      expect(reply.errorKind).toBe('other');
      expect(quick.fake.streams()).toHaveLength(0);
      t.close();
    } finally {
      await quick.stop();
    }
  });
});
