import type { RatingComment, WeekIndicator } from "../contract/indicators.ts";
import type { Role } from "../contract/vocabulary.ts";
import type {
  DayRange,
  IndicatorFilter,
  IndicatorStore,
  PageRequestCount,
  RequestFigures,
} from "./indicator-types.ts";
import {
  createIndicatorMatcher,
  durationFigures,
  inRange,
  isOpen,
  secondsBetween,
  statusAtEndOf,
  statusMoves,
} from "./memory-indicator-facts.ts";
import { createMemoryWidgetCounts } from "./memory-indicator-widget-counts.ts";
import type { MemoryRecord, MemoryState } from "./memory-request-table.ts";
import type { Scope } from "./support-types.ts";
import {
  answeredWithin2WorkingDays,
  parisDay,
  weeksOf,
} from "./working-days.ts";

/**
 * Issue 13: the indicators in memory — the reference implementation. Every figure is computed by scanning
 * every record, word for word as the header of indicator-types.ts defines it; clarity over speed.
 */
export function createMemoryIndicators(state: MemoryState): IndicatorStore {
  const recordsFor = (scope: Scope, filter: IndicatorFilter) =>
    state.records.filter(createIndicatorMatcher(scope, filter));

  return {
    async requestFigures(scope, range, filter) {
      return figuresOf(recordsFor(scope, filter), range);
    },

    async pageRequestCounts(scope, range, filter) {
      const counts = new Map<string, PageRequestCount>();
      for (const record of recordsFor(scope, filter)) {
        const r = record.request;
        if (!inRange(parisDay(r.createdAt), range)) continue;
        // The column holds the identity's role, checked against ROLES when the request was received.
        const role = (r.role as Role | undefined) ?? null;
        const status = record.fileStatus ?? null;
        const key = JSON.stringify([r.platform, r.route, role, status]);
        const count = counts.get(key) ?? {
          platform: r.platform,
          route: r.route,
          role,
          status,
          count: 0,
        };
        count.count++;
        counts.set(key, count);
      }
      return [...counts.values()];
    },

    async weeklySeries(scope, range, filter) {
      const records = recordsFor(scope, filter);
      return weeksOf(range).map((week): WeekIndicator => {
        const figures = figuresOf(records, week);
        const { answers, satisfied } = figures.satisfaction;
        return {
          from: week.from,
          to: week.to,
          received: figures.received,
          handled: figures.handled,
          resolutionMedian: figures.resolution.median,
          ratings: answers,
          satisfied: answers === 0 ? null : satisfied / answers,
        };
      });
    },

    async latestComments(scope, range, filter, limit) {
      return recordsFor(scope, filter)
        .flatMap((record): RatingComment[] => {
          const rating = record.rating;
          if (rating?.comment === undefined) return [];
          if (!inRange(parisDay(rating.at), range)) return [];
          const r = record.request;
          return [
            {
              reference: r.reference,
              at: rating.at,
              score: rating.score,
              comment: rating.comment,
              platform: r.platform,
              route: r.route,
            },
          ];
        })
        .sort(
          (a, b) =>
            b.at.localeCompare(a.at) || b.reference.localeCompare(a.reference),
        )
        .slice(0, Math.max(0, limit));
    },

    ...createMemoryWidgetCounts(),
  };
}

/** The request-side figures of `records` over `range`. */
function figuresOf(
  records: readonly MemoryRecord[],
  range: DayRange,
): RequestFigures {
  let received = 0;
  let handled = 0;
  let backlog = 0;
  const firstResponses: number[] = [];
  let within = 0;
  const resolutions: number[] = [];
  let answers = 0;
  let satisfied = 0;

  for (const record of records) {
    const createdAt = record.request.createdAt;
    if (inRange(parisDay(createdAt), range)) received++;
    const statusAtEnd = statusAtEndOf(record, range.to);
    if (statusAtEnd !== undefined && isOpen(statusAtEnd)) backlog++;

    for (const move of statusMoves(record)) {
      if (!inRange(move.day, range)) continue;
      if (isOpen(move.from) && !isOpen(move.to)) handled++;
      if (move.to === "resolved")
        resolutions.push(secondsBetween(createdAt, move.at));
    }

    const replyAt = record.firstReplyAt;
    if (replyAt !== undefined && inRange(parisDay(replyAt), range)) {
      firstResponses.push(secondsBetween(createdAt, replyAt));
      if (answeredWithin2WorkingDays(createdAt, replyAt)) within++;
    }

    const rating = record.rating;
    if (rating && inRange(parisDay(rating.at), range)) {
      answers++;
      if (rating.score >= 4) satisfied++;
    }
  }

  return {
    received,
    handled,
    backlog,
    firstResponse: {
      ...durationFigures(firstResponses),
      within2WorkingDays: firstResponses.length
        ? within / firstResponses.length
        : null,
    },
    resolution: durationFigures(resolutions),
    satisfaction: { answers, satisfied, resolutions: resolutions.length },
  };
}
