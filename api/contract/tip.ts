import * as z from "zod/mini";
import { PlatformSchema, RoleSchema, YoungStatusSchema } from "./platforms.ts";
import { isRouteTag } from "./redact.ts";
import { ROUTE_PARAM_VALUE_RE } from "./routes.ts";
import {
  TIP_ANCHOR_TEXT_MAX,
  TIP_ID_MAX,
  TIP_ID_MIN,
  TIP_ID_RE,
  TIP_LINK_MAX,
  TIP_LINK_RE,
  TIP_MESSAGES,
  TIP_SELECTOR_MAX,
} from "./tip-limits.ts";
import { RESERVED_TIP_ID_MESSAGE, RESERVED_TIP_IDS } from "./tip-text.ts";

/**
 * A tip body is the safe Markdown subset parsed once on the server into this small tree, so the
 * widget renders it with Preact and never touches HTML strings (ARCHITECTURE §4).
 * Inline: plain text, emphasis, strong emphasis, https links. Blocks: paragraphs, bullet and numbered lists.
 */
export type TipInline =
  | string
  | { type: "em"; children: TipInline[] }
  | { type: "strong"; children: TipInline[] }
  | { type: "a"; href: string; children: TipInline[] };
export type TipBlock =
  | { type: "p"; children: TipInline[] }
  | { type: "ul"; items: TipInline[][] }
  | { type: "ol"; items: TipInline[][] };

/** An https link without blanks, as tips and their bodies may carry. */
export const HttpsUrlSchema = z
  .string()
  .check(
    z.maxLength(
      TIP_LINK_MAX,
      `Le lien est trop long (${TIP_LINK_MAX} caractères au plus).`,
    ),
    z.regex(TIP_LINK_RE, TIP_MESSAGES.linkFormat),
  );

export const TipInlineSchema: z.ZodMiniType<TipInline> = z.union([
  z.string(),
  z.strictObject({
    type: z.enum(["em", "strong"]),
    get children() {
      return z.array(TipInlineSchema);
    },
  }),
  z.strictObject({
    type: z.literal("a"),
    href: HttpsUrlSchema,
    get children() {
      return z.array(TipInlineSchema);
    },
  }),
]) as z.ZodMiniType<TipInline>;

export const TipBlockSchema: z.ZodMiniType<TipBlock> = z.union([
  z.strictObject({ type: z.literal("p"), children: z.array(TipInlineSchema) }),
  z.strictObject({
    type: z.enum(["ul", "ol"]),
    items: z.array(z.array(TipInlineSchema)),
  }),
]) as z.ZodMiniType<TipBlock>;

/** Where an anchored tip attaches on the host page (issue 5 renders it). */
export const TipAnchorSchema = z.strictObject({
  selector: z.string().check(z.minLength(1), z.maxLength(TIP_SELECTOR_MAX)),
  text: z.optional(z.string().check(z.maxLength(TIP_ANCHOR_TEXT_MAX))),
  placement: z.optional(z.enum(["top", "bottom", "left", "right"])),
});
export type TipAnchor = z.infer<typeof TipAnchorSchema>;

/** A tip as the widget receives it. */
export const TipSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  body: z.array(TipBlockSchema),
  link: z.optional(HttpsUrlSchema),
  anchor: z.optional(TipAnchorSchema),
});
export type Tip = z.infer<typeof TipSchema>;

export const TipsResponseSchema = z.strictObject({ tips: z.array(TipSchema) });
export type TipsResponse = z.infer<typeof TipsResponseSchema>;

/** A tip id: lowercase words joined by dashes, so it reads well in URLs, logs and `tipsShown`. */
export const TipIdSchema = z.string().check(
  z.minLength(
    TIP_ID_MIN,
    `L'identifiant d'astuce doit faire au moins ${TIP_ID_MIN} caractères.`,
  ),
  z.maxLength(
    TIP_ID_MAX,
    `L'identifiant d'astuce doit faire ${TIP_ID_MAX} caractères au plus.`,
  ),
  z.regex(
    TIP_ID_RE,
    "L'identifiant d'astuce ne peut contenir que a-z, 0-9 et des tirets.",
  ),
  z.refine((id) => !RESERVED_TIP_IDS.includes(id), RESERVED_TIP_ID_MESSAGE),
);

/**
 * Query of `GET /v1/tips`. Values of the route's non-id parameters travel under their own name
 * (`route=/inscription/:step&step=documents`), so the URL reads like the page it is for.
 */
export const TipsQuerySchema = z.strictObject({
  platform: PlatformSchema,
  route: z.optional(
    z
      .string()
      .check(
        z.refine(
          isRouteTag,
          "La route doit être un modèle comme « /volontaire/:id ».",
        ),
      ),
  ),
  role: z.optional(RoleSchema),
  status: z.optional(YoungStatusSchema),
  params: z.optional(
    z.record(
      z.string(),
      z
        .string()
        .check(
          z.regex(
            ROUTE_PARAM_VALUE_RE,
            "Valeur de paramètre de route invalide.",
          ),
        ),
    ),
  ),
});
export type TipsQuery = z.infer<typeof TipsQuerySchema>;
