import type { Platform, Role, YoungStatus } from "../contract/platforms.ts";
import type { Tip } from "../contract/tip.ts";
import type { TipRecord } from "../contract/tip-source.ts";

/** What a page asks for; the API fills it from `GET /v1/tips` (TipsQuerySchema). */
export type TipQuery = {
  platform: Platform;
  route?: string;
  role?: Role;
  status?: YoungStatus;
  params?: Record<string, string>;
};

/** Picks the tips for one page (or, without `route`, every tip of the platform for search), best first. */
export function selectTips(tips: readonly TipRecord[], query: TipQuery): Tip[] {
  return tips
    .filter(
      (tip) =>
        tip.platform === query.platform &&
        allows(tip.roles, query.role) &&
        matchesPage(tip, query),
    )
    .sort(
      (a, b) =>
        b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map(toTip);
}

// An empty list targets everyone, and a query without the value does not filter:
// hosts that do not identify their users still get help.
function allows<T>(targets: readonly T[], value: T | undefined): boolean {
  return value === undefined || targets.length === 0 || targets.includes(value);
}

function matchesPage(tip: TipRecord, query: TipQuery): boolean {
  if (query.route === undefined) return true;
  if (!tip.routes.includes(query.route) || !allows(tip.statuses, query.status))
    return false;
  // A tip aimed at some parameter values stays hidden when the page does not say its value.
  return Object.entries(tip.params).every(([name, allowed]) => {
    const value = query.params?.[name];
    return value !== undefined && allowed.includes(value);
  });
}

function toTip(tip: TipRecord): Tip {
  return {
    id: tip.id,
    title: tip.title,
    body: tip.body,
    ...(tip.link === undefined ? {} : { link: tip.link }),
    ...(tip.anchor === undefined ? {} : { anchor: tip.anchor }),
  };
}
