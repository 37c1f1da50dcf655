import type { RequestStatus } from "../contract/request-statuses.ts";
import type { DurationFigures } from "../contract/indicators.ts";
import type { DayRange, IndicatorFilter } from "./indicator-types.ts";
import { inScope, type MemoryRecord } from "./memory-request-table.ts";
import type { Scope } from "./support-types.ts";
import { parisDay } from "./working-days.ts";

// Issue 13: what the memory store's indicators read from a record, kept apart so that memory-indicators.ts
// reads like the definitions in indicator-types.ts.

/** One status change of a request's timeline, with its Paris day. */
export interface StatusMove {
  at: string;
  day: string;
  from: RequestStatus;
  to: RequestStatus;
}

const OPEN: readonly RequestStatus[] = ["new", "in_progress", "waiting_user"];

/** New, in progress or waiting for the requester. */
export function isOpen(status: RequestStatus): boolean {
  return OPEN.includes(status);
}

/** Whether a Paris day lies in the range (both ends included). */
export function inRange(day: string, range: DayRange): boolean {
  return day >= range.from && day <= range.to;
}

/** The scope and the page's filters as one predicate on the request's own columns. */
export function createIndicatorMatcher(scope: Scope, filter: IndicatorFilter) {
  return ({ request: r }: MemoryRecord): boolean =>
    inScope(scope, r) &&
    (filter.platform === undefined || r.platform === filter.platform) &&
    (filter.department === undefined || r.department === filter.department) &&
    (filter.role === undefined ||
      (filter.role === "none" ? r.role === undefined : r.role === filter.role));
}

/** The request's status changes, oldest first (ties in the order they were written). */
export function statusMoves(record: MemoryRecord): StatusMove[] {
  return record.events
    .filter((event) => event.type === "status")
    .sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)
    .map((event) => ({
      at: event.at,
      day: parisDay(event.at),
      from: event.data.from as RequestStatus,
      to: event.data.to as RequestStatus,
    }));
}

/** The status at the end of the Paris day `day` (« new » until the first change); undefined if not yet created. */
export function statusAtEndOf(
  record: MemoryRecord,
  day: string,
): RequestStatus | undefined {
  if (parisDay(record.request.createdAt) > day) return undefined;
  let status: RequestStatus = "new";
  for (const move of statusMoves(record)) if (move.day <= day) status = move.to;
  return status;
}

/** Whole seconds from one instant to a later one (floored, as the header of indicator-types.ts says). */
export function secondsBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 1000);
}

/**
 * Count, median and 90th percentile by nearest rank: the values at ranks ⌈n/2⌉ and ⌈9n/10⌉ (1-based) of
 * the sorted values. Integer arithmetic on purpose: `Math.ceil(0.9 * n)` would depend on float rounding.
 */
export function durationFigures(values: readonly number[]): DurationFigures {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null };
  return {
    count: n,
    median: sorted[Math.ceil(n / 2) - 1]!,
    p90: sorted[Math.ceil((9 * n) / 10) - 1]!,
  };
}
