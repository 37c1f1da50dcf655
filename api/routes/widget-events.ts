import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../api-error.ts";
import type { Clock } from "../clock.ts";
import { MAX_ERROR_DETAILS, type ErrorDetail } from "../contract/errors.ts";
import {
  MAX_EVENT_BATCH_BYTES,
  WidgetEventsSchema,
  type WidgetEventsBody,
} from "../contract/widget-events.ts";
import { jsonBodyGuard, readBody } from "../middleware/json-body.ts";
import type { IndicatorStore, WidgetCount } from "../store/indicator-types.ts";
import { parisDay } from "../store/working-days.ts";
import type { TipCatalog } from "../tips/catalog.ts";

/**
 * Batches one address may send per minute. The widget sends at most one batch every 10 s while a panel is
 * in use, plus one on `pagehide`: about 7 a minute for a busy tab. 30 leaves room for a few tabs (or a few
 * people behind one NAT) and stops a script from inflating the counters; a refused batch only loses counts.
 */
export const EVENT_BATCHES_PER_MINUTE = 30;

const REFUSED = "Les évènements envoyés contiennent des erreurs.";

/**
 * `POST /v1/events`: the widget's anonymous counters (issue 13). The batch is checked whole — route tags,
 * platform, published tips of that platform — and counted whole or not at all, under today's Paris day.
 * Nothing about the sender is read or kept: no address (the limiter keeps a salted hash in memory only),
 * no user agent, no referer, no cookie.
 */
export function widgetEventsRoutes({
  store,
  clock,
  catalog,
}: {
  store: Pick<IndicatorStore, "addWidgetCounts">;
  clock: Clock;
  catalog: TipCatalog;
}): Hono<AppEnv> {
  return new Hono<AppEnv>().post(
    "/v1/events",
    jsonBodyGuard(MAX_EVENT_BATCH_BYTES),
    async (c) => {
      const body = await readBody(c, WidgetEventsSchema, REFUSED);
      const published = new Set(
        (await catalog.records())
          .filter((tip) => tip.platform === body.platform)
          .map((tip) => tip.id),
      );
      const unknown = unknownTips(body, published);
      if (unknown.length)
        throw new ApiError("validation_failed", REFUSED, unknown);
      await store.addWidgetCounts(parisDay(clock.now()), toCounts(body));
      c.header("Cache-Control", "no-store");
      return c.body(null, 204);
    },
  );
}

// A tip the catalogue does not publish for this platform would create counter lines nobody can read
// (and lets anyone fill the table with made-up ids): the whole batch is refused, as for any bad field.
function unknownTips(
  { events }: WidgetEventsBody,
  published: ReadonlySet<string>,
): ErrorDetail[] {
  return events
    .flatMap((line, i) =>
      line.tip !== undefined && !published.has(line.tip)
        ? [
            {
              path: `events.${i}.tip`,
              message: "Cette astuce n'est pas publiée pour cette plateforme.",
            },
          ]
        : [],
    )
    .slice(0, MAX_ERROR_DETAILS);
}

function toCounts({ platform, events }: WidgetEventsBody): WidgetCount[] {
  return events.map(({ event, route, tip, term, count }) => ({
    platform,
    route,
    event,
    ...(tip === undefined ? {} : { tip }),
    ...(term === undefined ? {} : { term }),
    count: count ?? 1,
  }));
}
