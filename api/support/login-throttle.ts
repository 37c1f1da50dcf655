import type { Clock } from "../clock.ts";

export interface LoginThrottleOptions {
  clock: Clock;
  /** Failures allowed before waiting is imposed. */
  freeFailures?: number;
  /** Longest wait, in seconds. */
  maxDelaySeconds?: number;
  /** Failures older than this are forgotten. */
  windowMs?: number;
}

/**
 * Slows down repeated failed logins (OWASP: throttling, not permanent lock-out, so an attacker cannot lock
 * a colleague out for good). Keyed by e-mail and by client address separately: guessing one account from
 * many addresses, or many accounts from one address, are both slowed. In memory only.
 */
export function createLoginThrottle(options: LoginThrottleOptions) {
  const free = options.freeFailures ?? 5;
  const maxDelay = options.maxDelaySeconds ?? 15 * 60;
  const windowMs = options.windowMs ?? 60 * 60_000;
  const failures = new Map<string, { count: number; last: number }>();

  const waitFor = (key: string, now: number): number => {
    const entry = failures.get(key);
    if (!entry || now - entry.last > windowMs) return 0;
    if (entry.count < free) return 0;
    // 1 s after the free failures, doubling each time: 2, 4, 8 … up to maxDelay.
    const delay = Math.min(maxDelay, 2 ** (entry.count - free)) * 1000;
    return Math.max(0, entry.last + delay - now);
  };

  return {
    /** Milliseconds to wait before another attempt is even checked (0 = go ahead). */
    retryAfterMs(keys: string[]): number {
      const now = options.clock.now().getTime();
      return Math.max(0, ...keys.map((key) => waitFor(key, now)));
    },
    recordFailure(keys: string[]) {
      const now = options.clock.now().getTime();
      for (const key of keys) {
        const entry = failures.get(key);
        const fresh = !entry || now - entry.last > windowMs;
        failures.set(key, { count: fresh ? 1 : entry.count + 1, last: now });
      }
      if (failures.size > 100_000) failures.clear(); // bounded memory under a spray attack
    },
    recordSuccess(keys: string[]) {
      for (const key of keys) failures.delete(key);
    },
  };
}
