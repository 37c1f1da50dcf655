/** One login attempt: the e-mail typed (trimmed, lower case) and the client's address. */
export interface LoginAttempt {
  email: string;
  address: string;
}

/** Failed attempts under one key (an account, an address, or an address on an account). */
export interface Failures {
  count: number;
  /** The last failure, epoch ms. */
  last: number;
}

/** The throttle's rules, given to the store with each attempt (login-throttle.ts). */
export interface FailurePolicy {
  /** Failures are forgotten this long after the last one. */
  windowMs: number;
  /** Whether these failures slow the next attempts (a store with a bound keeps them past it). */
  throttles(entry: Failures, now: number): boolean;
  /** The wait (ms) these failures impose at `now`; 0 when none. */
  waitMs(entry: Failures | undefined, now: number): number;
}

/**
 * The failed console logins, per account, per address, and per address on an account. Implementations
 * keep only keyed hashes of the e-mails and addresses, never them in clear. In memory per process by
 * default (memory-login-failures.ts); shared by every instance on PostgreSQL (pg/pg-login-failures.ts).
 */
export interface LoginFailureStore {
  /**
   * Atomically, with respect to every other `admit` and `succeeded` (of any instance sharing the store):
   * the wait the account's and the address's failures impose at `now` (the longer); when there is none,
   * counts the attempt as a failure of the account, the address and the pair — restarting from 1 the
   * counts whose failures were forgotten — and returns 0.
   */
  admit(
    attempt: LoginAttempt,
    now: number,
    policy: FailurePolicy,
  ): Promise<number>;
  /**
   * The password was right: forgets the account's failures and the pair's, and takes the pair's back
   * from the address's count (its failures on other accounts keep their count and date).
   */
  succeeded(attempt: LoginAttempt): Promise<void>;
}
