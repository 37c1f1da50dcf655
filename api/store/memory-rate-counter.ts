import { createHash, randomBytes } from "node:crypto";
import type { RateCounter } from "./rate-counter.ts";

/**
 * A rate counter in this process's memory. Keys are kept only as salted hashes: the salt is drawn here and
 * never leaves the process, so nothing links a counter back to an address. Memory stays bounded by the
 * addresses seen in one window: finished windows are dropped at most once a window.
 */
export function createMemoryRateCounter(): RateCounter {
  const salt = randomBytes(16);
  const counters = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;

  return {
    // Synchronous inside: two hits of one process cannot interleave between the read and the count.
    async hit(address, now, windowMs) {
      if (now >= nextSweep) {
        for (const [key, counter] of counters)
          if (counter.resetAt <= now) counters.delete(key);
        nextSweep = now + windowMs;
      }
      const key = createHash("sha256")
        .update(salt)
        .update(address)
        .digest("base64url");
      let counter = counters.get(key);
      if (!counter || counter.resetAt <= now) {
        counter = { count: 0, resetAt: now + windowMs };
        counters.set(key, counter);
      }
      counter.count++;
      return { count: counter.count, resetAt: counter.resetAt };
    },
  };
}
