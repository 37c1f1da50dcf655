import type { MiddlewareHandler } from "hono";
import { ApiError } from "../api-error.ts";
import type { Clock } from "../clock.ts";
import { createMemoryRateCounter } from "../store/memory-rate-counter.ts";
import type { RateCounter } from "../store/rate-counter.ts";
import type { ClientAddress } from "./client-address.ts";

export interface RateLimitOptions {
  /** Requests allowed per address per window; 0 turns the limit off (benchmarks). */
  limit: number;
  windowMs?: number;
  clock: Clock;
  clientAddress: ClientAddress;
  /**
   * Where the hits are counted: one counter per limit (default: a new one in this process's memory). On
   * PostgreSQL, `createPostgresRateCounters(…).counter(name)`, so that every instance counts together.
   */
  counter?: RateCounter;
}

/**
 * A fixed-window limit per client address. The counter keeps addresses only as keyed hashes. A counter
 * that cannot count (the database is unreachable) throws its `StoreUnavailableError`: the request gets a
 * 503, never let through uncounted.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windowMs = options.windowMs ?? 60_000;
  const counter = options.counter ?? createMemoryRateCounter();

  return async function limitRate(c, next) {
    if (options.limit <= 0) return next();
    const now = options.clock.now().getTime();
    const window = await counter.hit(options.clientAddress(c), now, windowMs);
    if (window.count > options.limit) {
      const retryAfter = String(
        Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
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
