// Slow guessing: each key (an account from one address, a known device, a signed-in session)
// may fail a few times freely; after that each further attempt must wait twice as long as
// the one before, up to a cap. Nothing locks an account outright. An attempt counts as a
// failure from the moment it starts, so guesses sent in parallel cannot all slip through
// while the password is being checked; a right password takes it back.

export interface ThrottleRule {
  /** Failures allowed before any wait. */
  free: number;
  /** The wait after the first failure past `free`; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts afresh. */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  last: number;
}

export class FailureThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rule: ThrottleRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds `key` must still wait before its next attempt; 0 when it may try now. */
  waitMs(key: string): number {
    const entry = this.current(key);
    if (!entry || entry.failures < this.rule.free) return 0;
    const delay = Math.min(this.rule.maxDelayMs, this.rule.baseDelayMs * 2 ** (entry.failures - this.rule.free));
    return Math.max(0, entry.last + delay - this.now());
  }

  /** Counts one failure for `key`, now. */
  fail(key: string): void {
    const entry = this.current(key) ?? { failures: 0, last: 0 };
    entry.failures += 1;
    entry.last = this.now();
    if (!this.entries.has(key) && this.entries.size > 50_000) this.sweep();
    this.entries.set(key, entry);
  }

  /** Takes back one failure: an attempt counted as it started was right after all. */
  undo(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.failures -= 1;
    if (entry.failures <= 0) this.entries.delete(key);
  }

  /** Forgets `key`: whoever holds it has just proved the password. */
  reset(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.last >= this.rule.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.last >= this.rule.forgetAfterMs) this.entries.delete(key);
    }
  }
}
