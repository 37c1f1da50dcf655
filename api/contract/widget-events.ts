import * as z from "zod/mini";
import { PlatformSchema } from "./platforms.ts";
import { isRouteTag } from "./redact.ts";
import { TipIdSchema } from "./tip.ts";
import {
  countableTerm,
  MAX_EVENT_COUNT,
  MAX_EVENT_LINES,
  SEARCH_TERM_MAX,
} from "./widget-event-rules.ts";

// Issue 13: what the widget counts, anonymously. `POST /v1/events` takes a batch; the server never keeps an
// event, only daily counters per (day, platform, route, event, tip, term). No user id, no identity, no address.

/**
 * The counted events:
 * - `panel_open`: the help panel was opened;
 * - `tip_read`: a tip was expanded in the panel, or an anchored tip's popover opened (`tip` required);
 * - `tip_helpful` / `tip_not_helpful`: « Cette astuce vous a-t-elle aidé ? » Oui / Non (`tip` required);
 * - `tip_then_request`: a request was sent in the same panel session after this tip was read (`tip` required);
 * - `search_empty`: a search of the panel found no tip (`term` required);
 * - `contact_open`: the contact form was shown;
 * - `request_sent`: a request was sent (accepted or queued for sending).
 */
export const WIDGET_EVENTS = [
  "panel_open",
  "tip_read",
  "tip_helpful",
  "tip_not_helpful",
  "tip_then_request",
  "search_empty",
  "contact_open",
  "request_sent",
] as const;
export type WidgetEvent = (typeof WIDGET_EVENTS)[number];

/** Events that name a tip, and the one that carries a search term. */
export const TIP_EVENTS: readonly WidgetEvent[] = [
  "tip_read",
  "tip_helpful",
  "tip_not_helpful",
  "tip_then_request",
];

export {
  countableTerm,
  MAX_EVENT_BATCH_BYTES,
  MAX_EVENT_COUNT,
  MAX_EVENT_LINES,
  SEARCH_TERM_MAX,
} from "./widget-event-rules.ts";

const RouteTagSchema = z
  .string()
  .check(
    z.refine(
      isRouteTag,
      "La route doit être un modèle comme « /volontaire/:id ».",
    ),
  );

export const WidgetEventLineSchema = z
  .strictObject({
    event: z.enum(WIDGET_EVENTS, { error: "Évènement inconnu." }),
    route: RouteTagSchema,
    tip: z.optional(TipIdSchema),
    term: z.optional(
      z.string().check(
        z.minLength(1, "Le terme recherché est vide."),
        z.maxLength(
          SEARCH_TERM_MAX,
          `Le terme recherché fait ${SEARCH_TERM_MAX} caractères au plus.`,
        ),
        z.refine(
          (term) => countableTerm(term) === term,
          "Le terme recherché doit être en minuscules, sans chiffre ni « @ ».",
        ),
      ),
    ),
    count: z.optional(
      z
        .number()
        .check(
          z.int(),
          z.minimum(1),
          z.maximum(MAX_EVENT_COUNT, `${MAX_EVENT_COUNT} au plus par ligne.`),
        ),
    ),
  })
  .check(
    z.refine(
      (line) => TIP_EVENTS.includes(line.event) === (line.tip !== undefined),
      {
        message:
          "Une astuce est nommée pour les évènements d'astuce, et eux seuls.",
        path: ["tip"],
      },
    ),
    z.refine(
      (line) => (line.event === "search_empty") === (line.term !== undefined),
      {
        message:
          "Un terme accompagne les recherches sans résultat, et elles seules.",
        path: ["term"],
      },
    ),
  );
export type WidgetEventLine = z.infer<typeof WidgetEventLineSchema>;

/** `POST /v1/events` (answer 204). Unknown tips are refused by the server, which knows the catalogue. */
export const WidgetEventsSchema = z.strictObject({
  platform: PlatformSchema,
  events: z
    .array(WidgetEventLineSchema)
    .check(
      z.minLength(1, "Au moins un évènement."),
      z.maxLength(
        MAX_EVENT_LINES,
        `${MAX_EVENT_LINES} lignes au plus par envoi.`,
      ),
    ),
});
export type WidgetEventsBody = z.infer<typeof WidgetEventsSchema>;
