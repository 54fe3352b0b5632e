import { describe, expect, it } from 'vitest';
import { GenerationQueue } from './generation-queue';

interface TestJob {
  userId: string;
  name: string;
}

/** A queue whose jobs run until the test finishes them by name. */
function harness(limits: { perUser: number; total: number }) {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const queue = new GenerationQueue<TestJob>(limits, (job) => {
    started.push(job.name);
    return new Promise<void>((resolve) => finishers.set(job.name, resolve));
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const finish = async (name: string) => {
    finishers.get(name)!();
    await settle();
  };
  return { queue, started, finish, settle };
}

describe('GenerationQueue', () => {
  it('starts at most perUser jobs for one user, first in first out', async () => {
    const { queue, started, finish, settle } = harness({ perUser: 2, total: 10 });
    for (const name of ['a1', 'a2', 'a3', 'a4']) queue.push({ userId: 'a', name });
    await settle();
    expect(started).toEqual(['a1', 'a2']);
    expect(queue.queued.map((j) => j.name)).toEqual(['a3', 'a4']);
    await finish('a2');
    expect(started).toEqual(['a1', 'a2', 'a3']);
  });

  it('caps the total, and skips a user at their limit in favour of the next', async () => {
    const { queue, started, finish, settle } = harness({ perUser: 2, total: 3 });
    for (const name of ['a1', 'a2', 'a3']) queue.push({ userId: 'a', name });
    queue.push({ userId: 'b', name: 'b1' });
    queue.push({ userId: 'b', name: 'b2' });
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(queue.running).toBe(3);
    await finish('a1');
    // a3 is older than b2 and a is below its limit again.
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    await finish('b1');
    expect(started.at(-1)).toBe('b2');
  });

  it('removes a waiting job, and frees the slot of a job that failed', async () => {
    const started: string[] = [];
    const queue = new GenerationQueue<TestJob>({ perUser: 1, total: 1 }, async (job) => {
      started.push(job.name);
      throw new Error('boom');
    });
    const second = { userId: 'a', name: 'a2' };
    queue.push({ userId: 'a', name: 'a1' });
    queue.push(second);
    queue.push({ userId: 'a', name: 'a3' });
    expect(queue.remove(second)).toBe(true);
    expect(queue.remove(second)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started).toEqual(['a1', 'a3']);
    expect(queue.running).toBe(0);
  });
});
