// A chat longer than the model's context window: the oldest turns are left out of the
// request (never the latest message), and the reply says how many.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMessage, readMessage } from '../../shared/docs/thread-doc';
import { marker, newThread, type Stack, send, signUp, startStack, waitForStatus } from '../fake-ai/chat-helpers';

let stack: Stack;
beforeAll(async () => {
  // The custom endpoint is the fake provider on 127.0.0.1.
  stack = await startStack({ env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' } });
});
afterAll(() => stack.stop());

it('leaves the oldest turns out to fit the context window, and the reply says how many', async () => {
  const { userId, devices } = await signUp(stack.hearth.url);
  const api = devices[0]!;
  const put = await api.request('PUT', '/api/keys/custom', {
    apiKey: '',
    baseURL: stack.fake.url,
    models: [{ id: 'tiny', contextWindow: 2_000 }],
  });
  expect(put.status).toBe(200);

  const t = await newThread(api, userId);
  const doc = t.thread.doc;
  const word = marker('window');
  let parentId: string | null = null;
  const sent: string[] = [];
  // 30 turns of about 120 tokens each: about 3,600 tokens, for a prompt budget of 1,500.
  for (let i = 0; i < 30; i++) {
    const question = `question ${i} ${'lorem ipsum '.repeat(15)}`;
    const answer = `answer ${i} ${'dolor sit '.repeat(18)}`;
    const q = addMessage(doc, { role: 'user', parentId, now: i * 2 + 1, text: question });
    parentId = addMessage(doc, { role: 'assistant', parentId: q, now: i * 2 + 2, text: answer });
    sent.push(question, answer);
  }
  const latest = `the latest question ${word}`;
  const { replyId } = send(doc, latest, { parentId, model: 'custom/tiny' });
  await waitForStatus(doc, replyId, 'done');

  const [request] = stack.fake.streams(word);
  const messages = request!.body.messages!.map((m) => String(m.content));
  expect(messages.at(-1)).toBe(latest);
  expect(messages.length).toBeLessThan(sent.length + 1);
  const omitted = sent.length + 1 - messages.length;
  // The newest turns are kept, in order, starting with a question; the oldest are gone.
  expect(messages.slice(0, -1)).toEqual(sent.slice(omitted));
  expect(messages[0]).toMatch(/^question /);
  expect(readMessage(doc, replyId)?.omitted).toBe(omitted);
  t.close();
});
