import { createHash, randomBytes } from "node:crypto";
import type {
  Failures,
  LoginAttempt,
  LoginFailureStore,
} from "./login-failures.ts";

export interface MemoryLoginFailuresOptions {
  /** Keys each table keeps before forgetting the least recently failed ones (default 50,000). */
  maxKeys?: number;
}

/**
 * The failed logins in this process's memory. Keys are salted SHA-256 hashes (the salt is drawn here and
 * never leaves the process), so neither e-mails nor addresses are kept in clear. Each call runs without
 * awaiting anything: two attempts of this process never interleave between the check and the count.
 *
 * Three tables with their own bounds, so that no kind of key can push out another (see FailureTable).
 * Accounts and addresses keep their throttled keys past the bound: forgetting them is what resets an
 * attacker's wait. Pairs (address × account) only let a success take back that address's failures on
 * its own account: forgetting one errs on the safe side (the address keeps them), so none is kept.
 */
export function createMemoryLoginFailures(
  options: MemoryLoginFailuresOptions = {},
): LoginFailureStore & { size(): number } {
  const maxKeys = options.maxKeys ?? 50_000;
  const accounts = createFailureTable(maxKeys);
  const addresses = createFailureTable(maxKeys);
  const pairs = createFailureTable(maxKeys);
  const salt = randomBytes(16);
  const hash = (key: string) =>
    createHash("sha256").update(salt).update(key).digest("base64url");
  const keysOf = ({ email, address }: LoginAttempt) => ({
    account: hash(`e:${email}`),
    address: hash(`a:${address}`),
    pair: hash(`p:${address}\n${email}`),
  });

  return {
    async admit(attempt, now, policy) {
      const keys = keysOf(attempt);
      const waitMs = Math.max(
        policy.waitMs(accounts.get(keys.account), now),
        policy.waitMs(addresses.get(keys.address), now),
      );
      if (waitMs > 0) return waitMs;
      const count = (table: FailureTable, key: string, keep: Keep) => {
        const entry = table.get(key);
        const fresh = !entry || now - entry.last > policy.windowMs;
        table.put(
          key,
          { count: fresh ? 1 : entry.count + 1, last: now },
          now,
          keep,
        );
      };
      const throttles: Keep = (entry, at) => policy.throttles(entry, at);
      count(accounts, keys.account, throttles);
      count(addresses, keys.address, throttles);
      count(pairs, keys.pair, () => false);
      return 0;
    },
    async succeeded(attempt) {
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
    size: () => accounts.size() + addresses.size() + pairs.size(),
  };
}

type Keep = (entry: Failures, now: number) => boolean;
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
function createFailureTable(maxKeys: number) {
  const entries = new Map<string, Failures>();
  let sweepAbove = maxKeys;

  const sweep = (now: number, keep: Keep) => {
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
    put(key: string, entry: Failures, now: number, keep: Keep) {
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > sweepAbove) sweep(now, keep);
    },
    delete: (key: string) => entries.delete(key),
    size: () => entries.size,
  };
}
