import {
  INDICATORS_MAX_DAYS,
  type IndicatorsQuery,
} from "../../contract/indicators.ts";
import { DEPARTMENT_RE } from "../../contract/request-rules.ts";
import {
  PLATFORMS,
  ROLES,
  type Platform,
  type Role,
} from "../../contract/vocabulary.ts";
import { addDays } from "../format.ts";
import type { PagesPeriod } from "../requests/period.ts";

// The « Indicateurs » view lives in the address bar, as the inbox's filters do: a view can be shared and
// reloaded. A preset keeps no dates, so a bookmark stays « the last 30 days » whatever day it is opened.

/** The period (as « Par page » has it) and the filters of the page. */
export interface IndicatorsView extends PagesPeriod {
  department?: string;
  /** The requester's role, or `none` for requests sent without identity. */
  role?: Role | "none";
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const PARIS_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today in Paris (`YYYY-MM-DD`): the API counts days in Europe/Paris, whatever the reader's time zone. */
export function parisToday(now: Date): string {
  const part = (type: string) =>
    PARIS_DAY.formatToParts(now).find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** How many days a period covers, both ends included. */
export function periodDays(from: string, to: string): number {
  return (
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS +
    1
  );
}

/** Why chosen dates cannot be asked for, in French; undefined when they can. */
export function periodProblem(from: string, to: string): string | undefined {
  if (!DATE.test(from) || !DATE.test(to)) return "Indiquez les deux dates.";
  if (from > to) return "La date de début doit précéder la date de fin.";
  if (periodDays(from, to) > INDICATORS_MAX_DAYS)
    return `Choisissez une période de ${INDICATORS_MAX_DAYS} jours au plus.`;
  return undefined;
}

/** The last `preset` days ending `today` (a Paris day), today included. */
export function presetView(
  preset: "7" | "30" | "90",
  today: string,
): IndicatorsView {
  return { preset, from: addDays(today, 1 - Number(preset)), to: today };
}

/** Reads the view of the address bar; what is unreadable is dropped (the period falls back to 30 days). */
export function parseIndicatorsView(
  query: URLSearchParams,
  today: string,
): IndicatorsView {
  const from = query.get("from") ?? "";
  const to = query.get("to") ?? "";
  const preset =
    (["7", "30", "90"] as const).find((p) => p === query.get("period")) ?? "30";
  const view: IndicatorsView =
    query.get("period") === "custom" && !periodProblem(from, to)
      ? { preset: "custom", from, to }
      : presetView(preset, today);
  const platform = query.get("platform") ?? "";
  if ((PLATFORMS as readonly string[]).includes(platform))
    view.platform = platform as Platform;
  const department = query.get("department")?.trim().toUpperCase() ?? "";
  if (DEPARTMENT_RE.test(department)) view.department = department;
  const role = query.get("role") ?? "";
  if (role === "none" || (ROLES as readonly string[]).includes(role))
    view.role = role as Role | "none";
  return view;
}

/** The address bar query of a view, in a stable order. */
export function viewToQuery(view: IndicatorsView): URLSearchParams {
  const query = new URLSearchParams({ period: view.preset });
  if (view.preset === "custom") {
    query.set("from", view.from);
    query.set("to", view.to);
  }
  if (view.platform) query.set("platform", view.platform);
  if (view.department) query.set("department", view.department);
  if (view.role) query.set("role", view.role);
  return query;
}

/** What the API is asked for this view. */
export function viewToApiQuery(view: IndicatorsView): IndicatorsQuery {
  return {
    from: view.from,
    to: view.to,
    ...(view.platform ? { platform: view.platform } : {}),
    ...(view.department ? { department: view.department } : {}),
    ...(view.role ? { role: view.role } : {}),
  };
}

/** The console path of a view. */
export const indicatorsPath = (view: IndicatorsView) =>
  `/indicateurs?${viewToQuery(view)}`;
