import * as z from "zod/mini";
import { PlatformSchema, RoleSchema, YoungStatusSchema } from "./platforms.ts";
import { HttpsUrlSchema, TipIdSchema, type TipBlock } from "./tip.ts";
import {
  TIP_ANCHOR_TEXT_MAX,
  TIP_MARKDOWN_MAX,
  TIP_MESSAGES,
  TIP_PRIORITY_MAX,
  TIP_ROUTES_MIN,
  TIP_SELECTOR_MAX,
  TIP_TITLE_MAX,
  TIP_TITLE_MIN,
} from "./tip-limits.ts";
import { normalizeTipMarkdown } from "./tip-text.ts";

/** A calendar day, `YYYY-MM-DD` (Europe/Paris when compared with today). */
export const TIP_DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

// One-line fields become `key: value` lines of a tip file (tips:export): no line break, no outer blank.
const oneLine = (message: string) =>
  z.regex(/^[^\r\n]*$/, `${message} tient sur une ligne.`);

const TipDaySchema = z
  .string()
  .check(z.refine(isRealDay, "Une date qui existe, au format AAAA-MM-JJ."));

/**
 * What the console edits: a tip as its author writes it, with the Markdown text rather than the compiled
 * node tree. The catalog compiles published sources into `TipRecord`s (issue 5). Structure only: the rules
 * that need the route table or the Markdown parser are in `api/tips/check-tip-source.ts`.
 */
export const TipSourceSchema = z.strictObject({
  id: TipIdSchema,
  platform: PlatformSchema,
  routes: z
    .array(z.string({ error: "Une route est un texte." }), {
      error: "Les routes sont une liste.",
    })
    .check(
      z.minLength(TIP_ROUTES_MIN, "Une astuce doit viser au moins une route."),
    ),
  /** Allowed values per non-id route parameter (step → ["documents"]); absent name = any value. */
  params: z.record(
    z.string(),
    z.array(z.string(), { error: "Les valeurs permises sont une liste." }),
    { error: "Les paramètres sont un objet nom → valeurs." },
  ),
  /** Empty = every role, and people without a role. */
  roles: z.array(RoleSchema, { error: "Les rôles sont une liste." }),
  /** Empty = every status. */
  statuses: z.array(YoungStatusSchema, {
    error: "Les statuts sont une liste.",
  }),
  title: z
    .string({ error: "Le titre est obligatoire." })
    .check(
      z.trim(),
      z.minLength(
        TIP_TITLE_MIN,
        `Le titre fait au moins ${TIP_TITLE_MIN} caractères.`,
      ),
      z.maxLength(
        TIP_TITLE_MAX,
        `Le titre fait ${TIP_TITLE_MAX} caractères au plus.`,
      ),
      oneLine("Le titre"),
    ),
  markdown: z
    .string({ error: "Le texte est obligatoire." })
    .check(
      z.overwrite(normalizeTipMarkdown),
      z.minLength(1, "Le texte est obligatoire."),
      z.maxLength(TIP_MARKDOWN_MAX, TIP_MESSAGES.markdownTooLong),
    ),
  link: z.optional(HttpsUrlSchema),
  anchor: z.optional(
    z.strictObject({
      // Any text: the widget is where a selector that does not parse is caught (and reported).
      selector: z
        .string({ error: "Le sélecteur est obligatoire." })
        .check(
          z.trim(),
          z.minLength(1, "Le sélecteur est obligatoire."),
          z.maxLength(
            TIP_SELECTOR_MAX,
            `Le sélecteur fait ${TIP_SELECTOR_MAX} caractères au plus.`,
          ),
          oneLine("Le sélecteur"),
        ),
      text: z.optional(
        z
          .string()
          .check(
            z.trim(),
            z.minLength(1, "Le texte de l'ancre est vide : retirez-le."),
            z.maxLength(
              TIP_ANCHOR_TEXT_MAX,
              `Le texte de l'ancre fait ${TIP_ANCHOR_TEXT_MAX} caractères au plus.`,
            ),
            oneLine("Le texte de l'ancre"),
          ),
      ),
      placement: z.optional(
        z.enum(["top", "bottom", "left", "right"], {
          error: "Position : top, bottom, left ou right.",
        }),
      ),
    }),
  ),
  /** Higher first. Bounded like the files' `priority` (9 digits). */
  priority: z
    .number({ error: "La priorité est un nombre entier." })
    .check(
      z.int("La priorité est un nombre entier."),
      z.minimum(-TIP_PRIORITY_MAX, "Priorité trop petite."),
      z.maximum(TIP_PRIORITY_MAX, "Priorité trop grande."),
    ),
  /** First and last day (inclusive, Europe/Paris) the tip is served; absent = no bound. */
  activeFrom: z.optional(TipDaySchema),
  activeTo: z.optional(TipDaySchema),
});
export type TipSource = z.infer<typeof TipSourceSchema>;

/**
 * The same source with its keys in one order, absent optional fields left out and parameter names sorted:
 * two equal sources give the same JSON text (stored, compared on import, hashed).
 */
export function canonicalTipSource(source: TipSource): TipSource {
  const params: Record<string, string[]> = {};
  for (const name of Object.keys(source.params).sort())
    params[name] = [...source.params[name]!];
  const anchor = source.anchor && {
    selector: source.anchor.selector,
    ...(source.anchor.text === undefined ? {} : { text: source.anchor.text }),
    ...(source.anchor.placement === undefined
      ? {}
      : { placement: source.anchor.placement }),
  };
  return {
    id: source.id,
    platform: source.platform,
    routes: [...source.routes],
    params,
    roles: [...source.roles],
    statuses: [...source.statuses],
    title: source.title,
    markdown: source.markdown,
    ...(source.link === undefined ? {} : { link: source.link }),
    ...(anchor ? { anchor } : {}),
    priority: source.priority,
    ...(source.activeFrom === undefined
      ? {}
      : { activeFrom: source.activeFrom }),
    ...(source.activeTo === undefined ? {} : { activeTo: source.activeTo }),
  };
}

/** Whether a text is a `YYYY-MM-DD` day that exists. */
export function isRealDay(day: string): boolean {
  if (!TIP_DAY_RE.test(day)) return false;
  // Date.parse rolls 30 February over to March: the text must read back unchanged.
  const time = Date.parse(`${day}T00:00:00Z`);
  return (
    Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === day
  );
}

/**
 * Everything the server knows about a tip: the wire tip plus who and where it is for. The catalog compiles
 * it from a checked `TipSource` (api/tips/check-tip-source.ts), whose schema holds the rules.
 */
export type TipRecord = Omit<
  TipSource,
  "markdown" | "activeFrom" | "activeTo"
> & {
  body: TipBlock[];
};
