// Limits on replies: at most N at once per user and M on the server; the rest wait (still
// queued) first in, first out, and a user at their limit does not hold up others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftOf, readMessage } from '../../shared/docs/thread-doc';
import { marker, newThread, type Stack, send, signUp, startStack, waitForStatus } from '../fake-ai/chat-helpers';
import { FakeAi } from '../fake-ai/fake-ai';
import { eventually } from '../support/sync-device';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    env: { HEARTH_AI_CONCURRENCY_PER_USER: '2', HEARTH_AI_CONCURRENCY: '3' },
    fake: { defaults: { reply: 'a b c d e f g h i j', tokenDelayMs: 15 } },
  });
});
afterAll(() => stack.stop());

describe('limits', () => {
  it('runs at most two replies at once for one user; the rest wait queued and all get answered', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId, { title: 'Busy' });
    const word = marker('per-user');
    const sent = [1, 2, 3, 4, 5].map((i) => send(t.thread.doc, `question ${i} ${word}`));
    const withStatus = (status: string) =>
      sent.filter((s) => readMessage(t.thread.doc, s.replyId)?.status === status).length;
    await eventually(() => withStatus('streaming') === 2, 'two replies streaming');
    expect(withStatus('queued')).toBe(3);
    expect(stack.fake.streams(word)).toHaveLength(2);
    // Typing while replies wait changes the doc again and again: no reply starts twice.
    for (const letter of 'hello') draftOf(t.thread.doc).insert(draftOf(t.thread.doc).length, letter);
    for (const s of sent) await waitForStatus(t.thread.doc, s.replyId, 'done');
    const requests = stack.fake.streams(word);
    expect(requests).toHaveLength(5);
    expect(FakeAi.maxOverlap(requests)).toBe(2);
    // First in, first out.
    const order = requests.map((r) => /question (\d)/.exec(JSON.stringify(r.body.messages))![1]);
    expect(order).toEqual(['1', '2', '3', '4', '5']);
    t.close();
  });

  it('caps the server at three, and a user at their limit does not hold up another', async () => {
    const alice = await signUp(stack.hearth.url);
    const bob = await signUp(stack.hearth.url);
    const ta = await newThread(alice.devices[0]!, alice.userId, { title: 'A' });
    const tb = await newThread(bob.devices[0]!, bob.userId, { title: 'B' });
    const a = marker('alice');
    const b = marker('bob');
    const fromAlice = [1, 2, 3, 4].map((i) => send(ta.thread.doc, `alice ${i} ${a}`));
    await eventually(() => stack.fake.streams(a).length === 2, 'alice at her limit');
    const fromBob = [1, 2].map((i) => send(tb.thread.doc, `bob ${i} ${b}`));
    for (const s of fromAlice) await waitForStatus(ta.thread.doc, s.replyId, 'done');
    for (const s of fromBob) await waitForStatus(tb.thread.doc, s.replyId, 'done');

    const all = [...stack.fake.streams(a), ...stack.fake.streams(b)];
    expect(FakeAi.maxOverlap(all)).toBe(3);
    expect(FakeAi.maxOverlap(stack.fake.streams(a))).toBe(2);
    // Bob's first reply started while Alice still had replies waiting.
    const bobFirst = Math.min(...stack.fake.streams(b).map((r) => r.receivedAt));
    const aliceLast = Math.max(...stack.fake.streams(a).map((r) => r.receivedAt));
    expect(bobFirst).toBeLessThan(aliceLast);
    ta.close();
    tb.close();
  });
});
