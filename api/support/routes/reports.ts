import { Hono, type MiddlewareHandler } from "hono";
import { stream } from "hono/streaming";
import { ApiError } from "../../api-error.ts";
import type { Clock } from "../../clock.ts";
import { REQUEST_STATUS_LABELS } from "../../contract/request-statuses.ts";
import { PLATFORMS, type Platform } from "../../contract/vocabulary.ts";
import type { SupportStore } from "../../store/support-types.ts";
import { CSV_BOM, csvLine, type CsvSeparator } from "../../contract/csv.ts";
import { parseFilters } from "../filters.ts";
import type { SupportEnv } from "../support-env.ts";

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CSV_HEADER = [
  "Référence",
  "Créée le",
  "Statut",
  "Plateforme",
  "Page",
  "Catégorie",
  "Sujet",
  "Département",
  "Rôle",
  "Titre de la page",
  "E-mail",
  "Message",
];

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** `separator=comma` (default, RFC 4180) or `semicolon` (what Excel and LibreOffice in French expect). */
const SEPARATORS: Record<string, CsvSeparator> = { comma: ",", semicolon: ";" };

/** The export's separator from its query, apart from the filters; an unknown one is a 400 naming it. */
function parseSeparator(query: Record<string, string>): {
  separator: CsvSeparator;
  filterQuery: Record<string, string>;
} {
  const { separator: name, ...filterQuery } = query;
  const separator = SEPARATORS[name || "comma"];
  if (!separator) {
    throw new ApiError("validation_failed", "Un filtre n'est pas valide.", [
      {
        path: "separator",
        message:
          "Séparateur inconnu : « comma » (virgule) ou « semicolon » (point-virgule).",
      },
    ]);
  }
  return { separator, filterQuery };
}

/** « Par page » statistics and the CSV export of the current filters. */
export function reportRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  { store, clock }: { store: SupportStore; clock: Clock },
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
  app.get("/support/api/pages", auth, async (c) => {
    const query = c.req.query();
    const today = isoDay(clock.now());
    const from =
      query.from ?? isoDay(new Date(Date.parse(today) - 29 * DAY_MS));
    const to = query.to ?? today;
    const platform = query.platform || undefined;
    if (!DATE.test(from) || !DATE.test(to) || from > to) {
      throw new ApiError("validation_failed", "La période n'est pas valide.", [
        {
          path: "from",
          message: "Dates au format AAAA-MM-JJ, la première avant la seconde.",
        },
      ]);
    }
    if (
      platform !== undefined &&
      !(PLATFORMS as readonly string[]).includes(platform)
    ) {
      throw new ApiError("validation_failed", "Un filtre n'est pas valide.", [
        { path: "platform", message: "Plateforme inconnue." },
      ]);
    }
    // The previous period has the same length and ends where this one starts.
    const end = isoDay(new Date(Date.parse(to) + DAY_MS));
    const previousFrom = isoDay(
      new Date(Date.parse(from) - (Date.parse(end) - Date.parse(from))),
    );
    const pages = await store.pageStats(c.get("scope"), {
      from,
      to: end,
      previousFrom,
      ...(platform ? { platform: platform as Platform } : {}),
    });
    c.header("Cache-Control", "no-store");
    return c.json({ from, to, previousFrom, pages });
  });

  app.get("/support/api/export.csv", auth, (c) => {
    const { separator, filterQuery } = parseSeparator(c.req.query());
    const { filters } = parseFilters(filterQuery, c.get("user"));
    const scope = c.get("scope");
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header(
      "Content-Disposition",
      `attachment; filename="demandes-snu-${isoDay(clock.now())}.csv"`,
    );
    c.header("Cache-Control", "no-store");
    return stream(c, async (out) => {
      // Both variants: UTF-8 with BOM and CRLF line ends, what spreadsheet software reads without asking.
      await out.write(CSV_BOM + csvLine(CSV_HEADER, separator));
      for await (const row of store.exportRequests(scope, filters)) {
        await out.write(
          csvLine(
            [
              row.reference,
              row.createdAt,
              REQUEST_STATUS_LABELS[row.status],
              row.platform,
              row.route,
              row.category,
              row.subject,
              row.department,
              row.role,
              row.title,
              row.email,
              row.message,
            ],
            separator,
          ),
        );
      }
    });
  });
  return app;
}
