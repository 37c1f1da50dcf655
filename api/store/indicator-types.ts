import type {
  FirstResponseFigures,
  DurationFigures,
  RatingComment,
  WeekIndicator,
} from "../contract/indicators.ts";
import type { Platform, Role, YoungStatus } from "../contract/vocabulary.ts";
import type { WidgetEvent } from "../contract/widget-events.ts";
import type { Scope } from "./support-types.ts";

// Issue 13: the indicators' storage. Both stores implement `IndicatorStore` and pass
// `runIndicatorStoreContract` (tests/support/indicator-store-contract.ts), whose answers are computed by hand.
//
// Days are days in Europe/Paris (`parisDay`, working-days.ts); a `DayRange` includes both ends. What counts:
// - received: requests created (their `createdAt`'s day) in the range;
// - handled: status changes from new / in_progress / waiting_user to resolved / closed in the range;
// - backlog: requests created on or before `to` whose status at the end of `to` was new / in_progress /
//   waiting_user;
// - first response: for each request whose FIRST reply of support (a conversation message by an agent, not an
//   internal note) was written in the range: seconds from creation to that reply, and whether it came before
//   the end of the 2nd working day after the day of creation (`answeredWithin2WorkingDays`);
// - resolution: for each status change to `resolved` in the range (from any other status): seconds from
//   the request's creation to that change;
// - satisfaction: ratings whose first giving (`Rating.at`) is in the range; satisfied = current score ≥ 4;
//   `resolutions` (for the response rate) = status changes to `resolved` in the range;
// - percentiles by nearest rank: sorted ascending, the median is the value at rank ⌈n/2⌉, the 90th
//   percentile at rank ⌈0.9·n⌉ (1-based); both null when n = 0; durations in whole seconds (floored).
// Anonymising a request (retention) changes none of these figures.
//
// Readings fixed by the contract (tests/support/indicator-store-contract.ts):
// - an event's day is the Paris day of its instant (a reply at 22:30 UTC in May belongs to the next day);
// - the scope and the filters apply to the request's own columns (platform, département, role), which
//   never change; `role: "none"` = no identity;
// - handled counts moves, not requests: resolved, reopened and resolved again in the range counts twice;
//   resolved → closed is not counted again;
// - the status at the end of `to` is the `to` of the last status change on or before that day, « new »
//   without any;
// - first response: only the first agent reply of the request ever (later replies, the requester's
//   answers and internal notes never count); `within2WorkingDays` is the share of those replies on time;
// - pageRequestCounts: `status` is the `identity.status` sent with the request (kept after anonymisation);
// - latestComments: `at` is the first giving, `score` and `comment` the current ones;
// - weeklySeries: `satisfied` is the share satisfied ÷ ratings of the week;
// - pageRequestCounts and widgetCounts promise no order.

/** Paris days `from` and `to`, both included (`YYYY-MM-DD`). */
export interface DayRange {
  from: string;
  to: string;
}

/** Filters of the page; they combine with the scope (AND). `role: "none"`: requests without identity. */
export interface IndicatorFilter {
  platform?: Platform;
  department?: string;
  role?: Role | "none";
}

/** The request-side figures of one range. */
export interface RequestFigures {
  received: number;
  handled: number;
  backlog: number;
  firstResponse: FirstResponseFigures;
  resolution: DurationFigures;
  satisfaction: { answers: number; satisfied: number; resolutions: number };
}

/** Requests received in the range per page, requester's role and file status (`identity.status`). */
export interface PageRequestCount {
  platform: Platform;
  route: string;
  role: Role | null;
  status: YoungStatus | null;
  count: number;
}

/** Daily counter lines: one per (day, platform, route, event, tip, term). */
export interface WidgetCount {
  platform: Platform;
  route: string;
  event: WidgetEvent;
  /** Present for the tip events only. */
  tip?: string;
  /** Present for `search_empty` only. */
  term?: string;
  count: number;
}

export interface IndicatorStore {
  requestFigures(
    scope: Scope,
    range: DayRange,
    filter: IndicatorFilter,
  ): Promise<RequestFigures>;
  pageRequestCounts(
    scope: Scope,
    range: DayRange,
    filter: IndicatorFilter,
  ): Promise<PageRequestCount[]>;
  /**
   * Weeks from Monday to Sunday cut to the range, oldest first, every week present (zeros and nulls when
   * empty): received, handled, median resolution time (the resolutions of that week), ratings first given
   * that week and the share satisfied (null without ratings).
   */
  weeklySeries(
    scope: Scope,
    range: DayRange,
    filter: IndicatorFilter,
  ): Promise<WeekIndicator[]>;
  /**
   * The `limit` latest ratings with a comment first given in the range, newest first (ties: highest request
   * reference first); anonymised requests have lost their comment.
   */
  latestComments(
    scope: Scope,
    range: DayRange,
    filter: IndicatorFilter,
    limit: number,
  ): Promise<RatingComment[]>;
  /** Adds a batch to the daily counters of `day` (a Paris day); lines for the same key add up. */
  addWidgetCounts(day: string, counts: readonly WidgetCount[]): Promise<void>;
  /**
   * The counters summed over the range, one line per (platform, route, event, tip, term) — but searches
   * without result seen fewer than `minSearchCount` times (the long tail of terms: most of the lines).
   */
  widgetCounts(
    range: DayRange,
    platform?: Platform,
    minSearchCount?: number,
  ): Promise<WidgetCount[]>;
}
