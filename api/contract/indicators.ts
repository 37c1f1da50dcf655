import * as z from "zod/mini";
import type { CheckOf } from "./checks.ts";
import { PlatformSchema, RoleSchema } from "./platforms.ts";
import { DEPARTMENT_RE } from "./request-rules.ts";
import type { Platform, Role, YoungStatus } from "./vocabulary.ts";

// Issue 13: `GET /support/api/indicators` — the « Indicateurs » page. Days are days in Europe/Paris
// (`YYYY-MM-DD`, both ends included); durations are in seconds; shares are between 0 and 1; `null` when there
// is nothing to compute from. Every figure is read within the account's scope (referents: their départements).

/** Longest period one query may cover (a year and a day, so that « the last 365 days » is always possible). */
export const INDICATORS_MAX_DAYS = 366;

const DaySchema = z
  .string()
  // Years 2000–2099 only: far dates are no one's period, and would walk calendars for ever.
  .check(
    z.regex(
      /^20\d{2}-\d{2}-\d{2}$/,
      "Date au format AAAA-MM-JJ (de 2000 à 2099).",
    ),
  );

export const IndicatorsQuerySchema = z.strictObject({
  from: DaySchema,
  to: DaySchema,
  platform: z.optional(PlatformSchema),
  department: z.optional(
    z.string().check(z.regex(DEPARTMENT_RE, "Département inconnu.")),
  ),
  /** The requester's role, or `none` for requests sent without identity. */
  role: z.optional(z.union([RoleSchema, z.literal("none")])),
});
export type IndicatorsQuery = z.infer<typeof IndicatorsQuerySchema>;

/** Median and 90th percentile (nearest rank: the value at rank ⌈p·n⌉ of the n sorted durations). */
export interface DurationFigures {
  /** How many durations the figures are computed from. */
  count: number;
  median: number | null;
  p90: number | null;
}

export interface FirstResponseFigures extends DurationFigures {
  /**
   * Share of these first replies written before the end of the second working day after the day the request
   * was received (Monday–Friday, French public holidays excluded: api/store/working-days.ts).
   */
  within2WorkingDays: number | null;
}

/** One page (platform + route tag) over the period. */
export interface PageIndicator {
  platform: Platform;
  route: string;
  /** Anonymous widget counters: `null` when they cannot be shown for the scope (see `widgetCounters`). */
  opens: number | null;
  tipViews: number | null;
  contactOpens: number | null;
  /** Requests received for this page in the period, in the scope. */
  requests: number;
  /** Requests per 100 panel openings; null without openings (or without widget counters). */
  contactRate: number | null;
  /** The same rate over the previous period. */
  previousContactRate: number | null;
}

/** « Cette astuce vous a-t-elle aidé ? », per tip and page. */
export interface TipIndicator {
  id: string;
  platform: Platform;
  route: string;
  reads: number;
  helpful: number;
  notHelpful: number;
  /** Requests sent in the same panel session after the tip was read. */
  requestsAfter: number;
}

/** A search term of the widget's panel that found nothing, seen at least 3 times on that page in the period. */
export interface SearchIndicator {
  platform: Platform;
  route: string;
  term: string;
  count: number;
}

/** A page that received requests from a role (and file status) for which no published tip is shown. */
export interface MissingTip {
  platform: Platform;
  route: string;
  role: Role | null;
  status: YoungStatus | null;
  requests: number;
}

/** A recent comment left with a satisfaction rating (only for requests in scope). */
export interface RatingComment {
  reference: string;
  at: string;
  score: number;
  comment: string;
  platform: Platform;
  route: string;
}

/** One week (Monday to Sunday, cut to the period) of the weekly series. */
export interface WeekIndicator {
  /** First day of the week inside the period. */
  from: string;
  to: string;
  received: number;
  handled: number;
  resolutionMedian: number | null;
  /** Ratings given that week, and the share of « satisfied ». */
  ratings: number;
  satisfied: number | null;
}

/** The figures of one period; the previous period has the same ones. */
export interface IndicatorFigures {
  /** Requests received in the period. */
  received: number;
  /** Moves from an open status (new, in progress, waiting) to resolved or closed, in the period. */
  handled: number;
  /** Requests received by the end of the period and still open (new, in progress, waiting) at its end. */
  backlog: number;
  /** Over the requests whose first reply to the requester was written in the period: creation → that reply. */
  firstResponse: FirstResponseFigures;
  /** Over the moves to « Résolue » in the period: creation → resolution. */
  resolution: DurationFigures;
  satisfaction: {
    /** Ratings first given in the period. */
    answers: number;
    /** Share of them at 4 or 5 (« Satisfait(e) », « Très satisfait(e) »). */
    satisfied: number | null;
    /**
     * Ratings ÷ moves to « Résolue » in the period; null without any resolution. A ratio rather than a
     * share: ratings given early in a period for resolutions of the previous one can take it above 1.
     */
    rate: number | null;
  };
  pages: PageIndicator[];
  tips: TipIndicator[];
  searchesWithoutResult: SearchIndicator[];
}

export interface Indicators extends IndicatorFigures {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /**
   * Whether the widget's anonymous counters (openings, tips read, votes, searches) are included. They carry
   * no département nor role, so they are given only for all requests: not to referents, nor with a
   * département or role filter.
   */
  widgetCounters: boolean;
  missingTips: MissingTip[];
  comments: RatingComment[];
  weeks: WeekIndicator[];
  previous: IndicatorFigures;
}

/** The console's check of the answer before it trusts it. */
export const IndicatorsCheck = z.object({
  from: z.string(),
  to: z.string(),
  received: z.number(),
  handled: z.number(),
  backlog: z.number(),
  widgetCounters: z.boolean(),
  pages: z.array(z.object({ route: z.string(), requests: z.number() })),
  weeks: z.array(z.object({ from: z.string(), received: z.number() })),
  previous: z.object({ received: z.number() }),
});

// Compile-time tie between the check and the answer's type (checks.ts).
export type IndicatorsChecks = CheckOf<typeof IndicatorsCheck, Indicators>;
