import { PLATFORMS, type Platform } from "../../contract/vocabulary.ts";
import { addDays, isoDay } from "../format.ts";

/** The preset lengths of the « Par page » period, in days. */
export const PERIOD_PRESETS = [7, 30, 90] as const;

/** A « Par page » period as the address bar holds it: a preset ending today, or chosen dates. */
export interface PagesPeriod {
  /** `7`, `30`, `90` or `custom`. */
  preset: "7" | "30" | "90" | "custom";
  /** `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  platform?: Platform;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the period of the address bar; anything unreadable falls back to the last 30 days. */
export function parsePeriod(query: URLSearchParams, today: Date): PagesPeriod {
  const platform = query.get("platform") ?? "";
  const base = (PLATFORMS as readonly string[]).includes(platform)
    ? { platform: platform as Platform }
    : {};
  const from = query.get("from") ?? "";
  const to = query.get("to") ?? "";
  if (
    query.get("period") === "custom" &&
    DATE.test(from) &&
    DATE.test(to) &&
    from <= to
  )
    return { preset: "custom", from, to, ...base };
  const preset =
    (["7", "30", "90"] as const).find((p) => p === query.get("period")) ?? "30";
  return { ...presetPeriod(preset, today), ...base };
}

/** The last `days` days, today included. */
export function presetPeriod(
  preset: "7" | "30" | "90",
  today: Date,
): PagesPeriod {
  const to = isoDay(today);
  return { preset, from: addDays(to, 1 - Number(preset)), to };
}

/** The address bar query of a period (a preset keeps no dates: a bookmark stays « the last 7 days »). */
export function periodToQuery(period: PagesPeriod): URLSearchParams {
  const query = new URLSearchParams({ period: period.preset });
  if (period.preset === "custom") {
    query.set("from", period.from);
    query.set("to", period.to);
  }
  if (period.platform) query.set("platform", period.platform);
  return query;
}
