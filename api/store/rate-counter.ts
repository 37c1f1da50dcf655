/** Where one fixed window stands after a hit: hits counted in it, and when it ends (epoch ms). */
export interface RateWindow {
  count: number;
  resetAt: number;
}

/**
 * Counts hits per client in fixed windows, for one limit (one budget: the submissions, the follow-up
 * pages…). `key` is the client's address in clear: an implementation keeps only a keyed hash of it, never
 * the address. In memory per process by default (memory-rate-counter.ts); shared by every instance on
 * PostgreSQL (pg/pg-rate-counter.ts), so that N instances count together (issue 15).
 */
export interface RateCounter {
  /**
   * Counts one hit for `key` at `now` (epoch ms) and returns its window: the current one, or a new one of
   * `windowMs` when the last has ended (or there was none).
   */
  hit(key: string, now: number, windowMs: number): Promise<RateWindow>;
}
