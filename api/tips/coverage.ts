import type { Platform, Role, YoungStatus } from "../contract/platforms.ts";
import { ROLES, YOUNG_STATUSES } from "../contract/platforms.ts";
import { ROUTE_PATTERNS } from "../contract/routes.ts";
import type { TipRecord } from "../contract/tip-source.ts";
import type { DayRange, PageRequestCount } from "../store/indicator-types.ts";
import { addDays } from "../store/working-days.ts";
import { selectTips } from "./select-tips.ts";

// Issue 16: `npm run tips:coverage`. How many published tips each page of the route table shows to each
// profile, and which pages × profiles sent requests without being shown any tip. Pure: the CLI reads the
// tips and the request counts, this file only counts.

/** Who looks at a page: a role and a file status as `identify` gives them; absent = not said. */
export interface CoverageProfile {
  role?: Role;
  status?: YoungStatus;
}

/**
 * The profiles of each platform's table (SNU-DOMAIN.md, « People »): moncompte is the young people's (one
 * column per case or phase status) and the parents', who have no account; admin is the staff's, whose
 * identity carries no file status. « Not identified » comes first: nothing filters it, so it reads as
 * the page's total. Requests from other profiles are still checked, in `uncoveredRequests`.
 */
export const COVERAGE_PROFILES: Readonly<
  Record<Platform, readonly CoverageProfile[]>
> = {
  moncompte: [
    {},
    ...YOUNG_STATUSES.map((status) => ({ role: "young" as const, status })),
  ],
  admin: [
    {},
    ...ROLES.filter((role) => role !== "young").map((role) => ({ role })),
  ],
};

/** One page of the table: the number of tips shown to each profile, in the order of `profiles`. */
export interface CoverageRow {
  route: string;
  counts: number[];
}

export interface PlatformCoverage {
  platform: Platform;
  profiles: readonly CoverageProfile[];
  rows: CoverageRow[];
}

/** A page × profile that sent requests in the period while no tip is shown to it. */
export interface CoverageGap {
  platform: Platform;
  route: string;
  role: Role | null;
  status: YoungStatus | null;
  requests: number;
  /** False for a route tag that is not in the route table: no tip can target it until it is added. */
  knownRoute: boolean;
}

/** How many days of requests the gaps look at: the last 30, today included. */
export const COVERAGE_DAYS = 30;

/** The last `days` Paris days ending with `today` (`YYYY-MM-DD`), both ends included. */
export function lastDays(today: string, days = COVERAGE_DAYS): DayRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

/**
 * The tips a page shows to a profile, as `GET /v1/tips` selects them, whatever the values of the route's
 * parameters: neither the table nor the request counts know them, and a tip shown for some values
 * (`step=documents`) does cover the page — as in the « Indicateurs » page's list (api/support/indicators.ts).
 */
function createCounter(tips: readonly TipRecord[]) {
  const anyParams = tips.map((tip) => ({ ...tip, params: {} }));
  return (platform: Platform, route: string, profile: CoverageProfile) =>
    selectTips(anyParams, { platform, route, ...profile }).length;
}

/** The number of published tips per route of the platform's table × profile. */
export function tipCoverage(
  tips: readonly TipRecord[],
  platform: Platform,
  routes: readonly string[] = ROUTE_PATTERNS[platform],
  profiles: readonly CoverageProfile[] = COVERAGE_PROFILES[platform],
): PlatformCoverage {
  const count = createCounter(tips);
  return {
    platform,
    profiles,
    rows: routes.map((route) => ({
      route,
      counts: profiles.map((profile) => count(platform, route, profile)),
    })),
  };
}

/** The tips a page shows to a profile (any parameter values): the demo's own check uses it too. */
export function tipsOnPage(
  tips: readonly TipRecord[],
  platform: Platform,
  route: string,
  profile: CoverageProfile = {},
): number {
  return createCounter(tips)(platform, route, profile);
}

/**
 * Every page × profile of `requests` (the store's `pageRequestCounts`) that no tip is shown to, its
 * requests added up; most requests first, then by platform, route, role and status. Unlike the
 * « Indicateurs » page, the list is whole: a maintainer writing tips wants every gap.
 */
export function uncoveredRequests(
  requests: readonly PageRequestCount[],
  tips: readonly TipRecord[],
): CoverageGap[] {
  const count = createCounter(tips);
  const gaps = new Map<string, CoverageGap>();
  for (const { platform, route, role, status, count: n } of requests) {
    const profile = {
      ...(role === null ? {} : { role }),
      ...(status === null ? {} : { status }),
    };
    if (count(platform, route, profile) > 0) continue;
    const key = JSON.stringify([platform, route, role, status]);
    const gap = gaps.get(key);
    if (gap) gap.requests += n;
    else
      gaps.set(key, {
        platform,
        route,
        role,
        status,
        requests: n,
        knownRoute: ROUTE_PATTERNS[platform].includes(route),
      });
  }
  return [...gaps.values()].sort(
    (a, b) =>
      b.requests - a.requests ||
      byCodeUnit(a.platform, b.platform) ||
      byCodeUnit(a.route, b.route) ||
      byCodeUnit(a.role ?? "", b.role ?? "") ||
      byCodeUnit(a.status ?? "", b.status ?? ""),
  );
}

// Code-unit order: the same on every machine, whatever its locale.
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
