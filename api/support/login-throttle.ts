import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "../clock.ts";

export interface LoginThrottleOptions {
  clock: Clock;
  /** Failures allowed before waiting is imposed (default 5). */
  freeFailures?: number;
  /** Longest wait, in seconds (default 15 min). */
  maxDelaySeconds?: number;
  /** Failures older than this are forgotten (default 1 h after the last one). */
  windowMs?: number;
  /** Keys each table keeps before forgetting the least recently failed ones (default 50,000). */
  maxKeys?: number;
}

/** One login attempt: the e-mail typed (trimmed, lower case) and the client's address. */
export interface LoginAttempt {
  email: string;
  address: string;
}

interface Failures {
  count: number;
  last: number;
}

/**
 * Slows down repeated failed logins (OWASP: throttling, not permanent lock-out, so an attacker cannot lock
 * a colleague out for good). Keyed by account and by client address separately: guessing one account
 * from many addresses, or many accounts from one address, are both slowed. In memory only; keys are
 * salted SHA-256 hashes (the salt is drawn at start-up), so neither e-mails nor addresses are kept in clear.
 *
 * An attempt is counted as a failure when it is admitted, BEFORE its password is checked (scrypt takes
 * ~50 ms): N parallel attempts cost as much as N sequential ones (issue 11). A success then takes back
 * what belongs to that account only — its own key, and this address's failures on it — never the
 * address's failures on other accounts.
 */
export function createLoginThrottle(options: LoginThrottleOptions) {
  const free = options.freeFailures ?? 5;
  const maxDelay = options.maxDelaySeconds ?? 15 * 60;
  const windowMs = options.windowMs ?? 60 * 60_000;
  const maxKeys = options.maxKeys ?? 50_000;
  const live = (entry: Failures, now: number) => now - entry.last <= windowMs;
  const throttled = (entry: Failures, now: number) =>
    live(entry, now) && entry.count >= free;
  // Three tables with their own bounds, so that no kind of key can push out another (see FailureTable).
  // Accounts and addresses keep their throttled keys past the bound: forgetting them is what resets an
  // attacker's wait. Pairs (address × account) only let a success take back that address's failures on
  // its own account: forgetting one errs on the safe side (the address keeps them), so none is kept.
  const accounts = createFailureTable(maxKeys, throttled);
  const addresses = createFailureTable(maxKeys, throttled);
  const pairs = createFailureTable(maxKeys, () => false);
  const salt = randomBytes(16);
  const hash = (key: string) =>
    createHash("sha256").update(salt).update(key).digest("base64url");
  const keysOf = ({ email, address }: LoginAttempt) => ({
    account: hash(`e:${email}`),
    address: hash(`a:${address}`),
    pair: hash(`p:${address}\n${email}`),
  });

  const waitFor = (entry: Failures | undefined, now: number): number => {
    if (!entry || !throttled(entry, now)) return 0;
    // 1 s after the free failures, doubling each time: 2, 4, 8 … up to maxDelay.
    const delay = Math.min(maxDelay, 2 ** (entry.count - free)) * 1000;
    return Math.max(0, entry.last + delay - now);
  };
  const count = (table: FailureTable, key: string, now: number) => {
    const entry = table.get(key);
    const fresh = !entry || !live(entry, now);
    table.put(key, { count: fresh ? 1 : entry.count + 1, last: now }, now);
  };

  return {
    /**
     * Returns the wait (ms) when one is imposed — the attempt is then refused and not counted — or 0
     * once the attempt is counted as a failure: only `succeeded` takes it back.
     */
    admit(attempt: LoginAttempt): number {
      const now = options.clock.now().getTime();
      const keys = keysOf(attempt);
      const waitMs = Math.max(
        waitFor(accounts.get(keys.account), now),
        waitFor(addresses.get(keys.address), now),
      );
      if (waitMs > 0) return waitMs;
      count(accounts, keys.account, now);
      count(addresses, keys.address, now);
      count(pairs, keys.pair, now);
      return 0;
    },
    /** The password was right: forgets the account's failures and this address's failures on it. */
    succeeded(attempt: LoginAttempt) {
      const keys = keysOf(attempt);
      accounts.delete(keys.account);
      const mine = pairs.get(keys.pair)?.count ?? 0;
      pairs.delete(keys.pair);
      const address = addresses.get(keys.address);
      if (!address) return;
      if (address.count <= mine) addresses.delete(keys.address);
      // In place: the address's failures on other accounts keep their place and their date.
      else address.count -= mine;
    },
    /** Keys held, all tables together (memory is bounded by `maxKeys`, see FailureTable). */
    size(): number {
      return accounts.size() + addresses.size() + pairs.size();
    },
  };
}

type FailureTable = ReturnType<typeof createFailureTable>;

/**
 * Failures by key, least recently failed first (a Map keeps insertion order; a failure re-inserts its
 * key). Past `maxKeys`, the oldest keys are forgotten down to 90 % of the bound — never all at once, which
 * let an attacker with many addresses reset everyone's wait — skipping the newest tenth and the keys `keep`
 * protects (those that still throttle). Protected keys can only pile up at the rate passwords are checked:
 * each took ≥ 5 admitted attempts, each a scrypt (~50 ms, ≈ 40/s on 2 cores), so 50,000 of them within
 * their hour would take ~12,000 CPU-seconds. Should they reach twice the bound anyway, the oldest go
 * regardless: memory stays bounded (≈ 160 bytes a key: ≈ 24 MB for three full tables of 50,000, 42 MB at
 * most). A sweep runs again only after another tenth of the bound, so an attacker who fills a table with
 * protected keys cannot make every failure scan it.
 */
function createFailureTable(
  maxKeys: number,
  keep: (entry: Failures, now: number) => boolean,
) {
  const entries = new Map<string, Failures>();
  let sweepAbove = maxKeys;

  const sweep = (now: number) => {
    const target = Math.floor(maxKeys * 0.9);
    // The newest tenth is left alone: a key that just failed once (an account whose attack is starting)
    // must get the chance to reach its wait, even when older keys all throttle.
    let older = entries.size - Math.ceil(maxKeys / 10);
    for (const [key, entry] of entries) {
      if (entries.size <= target || older-- <= 0) break;
      if (!keep(entry, now)) entries.delete(key);
    }
    for (const key of entries.keys()) {
      if (entries.size <= 2 * maxKeys) break;
      entries.delete(key);
    }
    sweepAbove = Math.max(maxKeys, entries.size + Math.ceil(maxKeys / 10));
  };

  return {
    get: (key: string) => entries.get(key),
    put(key: string, entry: Failures, now: number) {
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > sweepAbove) sweep(now);
    },
    delete: (key: string) => entries.delete(key),
    size: () => entries.size,
  };
}
