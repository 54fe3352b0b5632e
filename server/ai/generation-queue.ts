// Admission for replies: at most `perUser` at once for one user and `total` on the server;
// the rest wait first in, first out. A user at their limit does not hold up other users.

export interface QueueLimits {
  perUser: number;
  total: number;
}

export class GenerationQueue<Job extends { userId: string }> {
  private readonly waiting: Job[] = [];
  private readonly runningByUser = new Map<string, number>();
  private runningTotal = 0;

  constructor(
    private readonly limits: QueueLimits,
    /** Runs one job; the slot is freed when the promise settles. */
    private readonly run: (job: Job) => Promise<void>,
  ) {}

  /** Adds a job at the back; it starts as soon as the limits allow. */
  push(job: Job): void {
    this.waiting.push(job);
    this.pump();
  }

  /** Takes a job that has not started out of the queue; false when it was not waiting. */
  remove(job: Job): boolean {
    const at = this.waiting.indexOf(job);
    if (at < 0) return false;
    this.waiting.splice(at, 1);
    return true;
  }

  /** Jobs waiting for a slot, oldest first. */
  get queued(): readonly Job[] {
    return this.waiting;
  }

  get running(): number {
    return this.runningTotal;
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.runningTotal < this.limits.total; ) {
      const job = this.waiting[i]!;
      const mine = this.runningByUser.get(job.userId) ?? 0;
      if (mine >= this.limits.perUser) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.runningTotal++;
      this.runningByUser.set(job.userId, mine + 1);
      // Started on the next microtask: the caller (a doc observer) finishes first.
      void Promise.resolve()
        .then(() => this.run(job))
        .catch(() => {})
        .finally(() => this.release(job.userId));
    }
  }

  private release(userId: string): void {
    this.runningTotal--;
    const left = (this.runningByUser.get(userId) ?? 1) - 1;
    if (left > 0) this.runningByUser.set(userId, left);
    else this.runningByUser.delete(userId);
    this.pump();
  }
}
