import { createHash, randomBytes } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../api-error.ts";
import type { Clock } from "../clock.ts";
import type { ClientAddress } from "./client-address.ts";

export interface RateLimitOptions {
  /** Requests allowed per address per window; 0 turns the limit off (benchmarks). */
  limit: number;
  windowMs?: number;
  clock: Clock;
  clientAddress: ClientAddress;
}

/**
 * A fixed-window limit per client address. Addresses are kept only as salted hashes, in memory: the salt
 * is drawn at start-up and never leaves the process, so nothing links a counter back to an address.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windowMs = options.windowMs ?? 60_000;
  const salt = randomBytes(16);
  const counters = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;

  return async function limitRate(c, next) {
    if (options.limit <= 0) return next();
    const now = options.clock.now().getTime();
    if (now >= nextSweep) {
      // Drop finished windows so memory stays bounded by the addresses seen in one window.
      for (const [key, counter] of counters)
        if (counter.resetAt <= now) counters.delete(key);
      nextSweep = now + windowMs;
    }
    const key = createHash("sha256")
      .update(salt)
      .update(options.clientAddress(c))
      .digest("base64url");
    let counter = counters.get(key);
    if (!counter || counter.resetAt <= now) {
      counter = { count: 0, resetAt: now + windowMs };
      counters.set(key, counter);
    }
    counter.count++;
    if (counter.count > options.limit) {
      const retryAfter = String(
        Math.max(1, Math.ceil((counter.resetAt - now) / 1000)),
      );
      throw new ApiError(
        "rate_limited",
        "Trop de demandes envoyées depuis cette connexion. Réessayez dans quelques instants.",
        undefined,
        { "Retry-After": retryAfter },
      );
    }
    return next();
  };
}
