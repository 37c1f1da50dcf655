import type { Clock } from "../clock.ts";
import type {
  FailurePolicy,
  Failures,
  LoginAttempt,
  LoginFailureStore,
} from "../store/login-failures.ts";
import { createMemoryLoginFailures } from "../store/memory-login-failures.ts";

export type { LoginAttempt } from "../store/login-failures.ts";

/** Failures are forgotten this long after the last one, unless told otherwise: what a purge may delete. */
export const LOGIN_FAILURE_WINDOW_MS = 60 * 60_000;

export interface LoginThrottleOptions {
  clock: Clock;
  /** Failures allowed before waiting is imposed (default 5). */
  freeFailures?: number;
  /** Longest wait, in seconds (default 15 min). */
  maxDelaySeconds?: number;
  /** Failures older than this are forgotten (default 1 h after the last one). */
  windowMs?: number;
  /**
   * Where the failures are kept (default: this process's memory, `createMemoryLoginFailures()`). On
   * PostgreSQL, `createPostgresLoginFailures(…)`: every instance then slows the same attackers.
   */
  failures?: LoginFailureStore;
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

/**
 * Slows down repeated failed logins (OWASP: throttling, not permanent lock-out, so an attacker cannot lock
 * a colleague out for good). Keyed by account and by client address separately: guessing one account
 * from many addresses, or many accounts from one address, are both slowed. The store keeps only keyed
 * hashes of e-mails and addresses, never them in clear.
 *
 * An attempt is counted as a failure when it is admitted, BEFORE its password is checked (scrypt takes
 * ~50 ms): N parallel attempts cost as much as N sequential ones (issue 11) — the store checks and counts
 * in one step. A success then takes back what belongs to that account only — its own key, and this
 * address's failures on it — never the address's failures on other accounts.
 */
export function createLoginThrottle(options: LoginThrottleOptions) {
  const free = options.freeFailures ?? 5;
  const maxDelay = options.maxDelaySeconds ?? 15 * 60;
  const windowMs = options.windowMs ?? LOGIN_FAILURE_WINDOW_MS;
  const failures = options.failures ?? createMemoryLoginFailures();
  const throttles = (entry: Failures, now: number) =>
    now - entry.last <= windowMs && entry.count >= free;
  const policy: FailurePolicy = {
    windowMs,
    throttles,
    waitMs(entry, now) {
      if (!entry || !throttles(entry, now)) return 0;
      // 1 s after the free failures, doubling each time: 2, 4, 8 … up to maxDelay.
      const delay = Math.min(maxDelay, 2 ** (entry.count - free)) * 1000;
      return Math.max(0, entry.last + delay - now);
    },
  };

  return {
    /**
     * Resolves to the wait (ms) when one is imposed — the attempt is then refused and not counted — or 0
     * once the attempt is counted as a failure: only `succeeded` takes it back.
     */
    admit(attempt: LoginAttempt): Promise<number> {
      return failures.admit(attempt, options.clock.now().getTime(), policy);
    },
    /** The password was right: forgets the account's failures and this address's failures on it. */
    succeeded(attempt: LoginAttempt): Promise<void> {
      return failures.succeeded(attempt);
    },
  };
}
