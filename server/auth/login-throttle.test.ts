import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './login-throttle';

const rule = { free: 2, baseDelayMs: 1000, maxDelayMs: 4000, forgetAfterMs: 60_000 };

describe('FailureThrottle', () => {
  it('lets the free failures through, then doubles the wait after each failure, up to the cap', () => {
    let now = 1_000_000;
    const throttle = new FailureThrottle(rule, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      waits.push(throttle.waitMs('k'));
      now += throttle.waitMs('k');
      throttle.fail('k');
    }
    expect(waits).toEqual([0, 0, 1000, 2000, 4000, 4000]);
    // The wait counts down as time passes.
    now += 1500;
    expect(throttle.waitMs('k')).toBe(2500);
    expect(throttle.waitMs('other')).toBe(0);
  });

  it('undo takes back one failure, reset all, and a quiet key is forgotten', () => {
    let now = 0;
    const throttle = new FailureThrottle(rule, () => now);
    throttle.fail('k');
    throttle.fail('k');
    throttle.undo('k');
    expect(throttle.waitMs('k')).toBe(0);
    throttle.fail('k');
    expect(throttle.waitMs('k')).toBe(1000);
    throttle.reset('k');
    expect(throttle.waitMs('k')).toBe(0);
    throttle.fail('k');
    throttle.fail('k');
    now += 60_000;
    expect(throttle.waitMs('k')).toBe(0);
    throttle.fail('k');
    expect(throttle.waitMs('k')).toBe(0);
  });
});
