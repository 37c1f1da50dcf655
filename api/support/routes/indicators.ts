import { Hono, type MiddlewareHandler } from "hono";
import { ApiError } from "../../api-error.ts";
import {
  INDICATORS_MAX_DAYS,
  IndicatorsQuerySchema,
} from "../../contract/indicators.ts";
import { parseQuery } from "../../parse-with.ts";
import type { IndicatorStore } from "../../store/indicator-types.ts";
import type { TipCatalog } from "../../tips/catalog.ts";
import { composeIndicators } from "../indicators.ts";
import { daysIn } from "../../store/working-days.ts";
import type { SupportEnv } from "../support-env.ts";

const INVALID = "La période ou un filtre n'est pas valide.";

/** The pattern lets 2026-02-30 or 2026-13-01 through: a real day reads back unchanged. */
function isRealDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

const invalid = (path: string, message: string) =>
  new ApiError("validation_failed", INVALID, [{ path, message }]);

/** `GET /support/api/indicators`: the « Indicateurs » page, for every console role within its scope. */
export function indicatorRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  { store, catalog }: { store: IndicatorStore; catalog: TipCatalog },
): Hono<SupportEnv> {
  return new Hono<SupportEnv>().get(
    "/support/api/indicators",
    auth,
    async (c) => {
      const { from, to, ...filter } = parseQuery(
        IndicatorsQuerySchema,
        c.req.query(),
        INVALID,
      );
      for (const [path, day] of [
        ["from", from],
        ["to", to],
      ] as const)
        if (!isRealDay(day)) throw invalid(path, "Cette date n'existe pas.");
      if (from > to)
        throw invalid("to", "La fin de la période précède son début.");
      if (daysIn({ from, to }) > INDICATORS_MAX_DAYS)
        throw invalid(
          "to",
          `La période couvre ${INDICATORS_MAX_DAYS} jours au plus.`,
        );
      const scope = c.get("scope");
      // The store would answer zeros for a département outside a referent's list; zeros would read as
      // « no request there », so the console is told plainly instead.
      if (
        filter.department !== undefined &&
        scope.kind === "departments" &&
        !scope.departments.includes(filter.department)
      )
        throw new ApiError(
          "forbidden",
          "Ce département ne fait pas partie de ceux que vous suivez : ses indicateurs ne vous sont pas accessibles.",
        );
      const indicators = await composeIndicators(
        { store, tips: await catalog.records() },
        scope,
        { from, to },
        filter,
      );
      c.header("Cache-Control", "no-store");
      return c.json(indicators);
    },
  );
}
