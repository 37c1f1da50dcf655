import * as z from "zod/mini";
import type { CheckOf } from "./checks.ts";
import type { ErrorDetail } from "./errors.ts";
import type { TipFieldChange } from "./tip-changes.ts";
import type { TipSource } from "./tip-source.ts";
import type { Tip } from "./tip.ts";
import { PLATFORMS, type Platform } from "./vocabulary.ts";

// `/support/api/tips*` and `/support/api/anchor-reports` (issue 5 §3): what the tips editor sends and
// reads. Accounts appear by display name only.

/** What happened to a tip; every change writes one version with one of these. */
export const TIP_ACTIONS = [
  "create",
  "edit",
  "publish",
  "unpublish",
  "revert",
  "import",
  "discard",
] as const;
export type TipAction = (typeof TIP_ACTIONS)[number];

/** Never published, public, public with pending changes, or withdrawn. */
export type TipState =
  "draft" | "published" | "published_with_draft" | "unpublished";

/** A row of the tips list; title, routes, anchor and days come from the draft when there is one. */
export interface TipSummary {
  id: string;
  platform: Platform;
  title: string;
  routes: string[];
  state: TipState;
  anchored: boolean;
  activeFrom?: string;
  activeTo?: string;
  version: number;
  updatedAt: string;
  updatedBy?: string;
}

/** A tip as the editor loads it: both texts and the version to send back. */
export interface TipView {
  id: string;
  version: number;
  draft: TipSource | null;
  published: TipSource | null;
  publishedAt?: string;
  updatedAt: string;
  updatedBy?: string;
}

/** One line of a tip's history; `by` is absent for the repo files (imports). */
export interface TipVersionView {
  version: number;
  action: TipAction;
  at: string;
  by?: string;
  changes: TipFieldChange[];
}

/** The answer of `POST /tips/preview`: the tip as the widget would show it (or null), and what is wrong. */
export interface TipPreviewView {
  tip: Tip | null;
  problems: ErrorDetail[];
}

/** A line of « Ancres cassées »: a tip's selector not found on a route, for one app version. */
export interface AnchorReportView {
  tipId: string;
  title: string;
  platform: Platform;
  route: string;
  appVersion?: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  selector: string;
}

/** A page of « Ancres cassées »: `nextCursor` asks for the next one; `total` counts every page. */
export interface AnchorReportPage {
  anchors: AnchorReportView[];
  total: number;
  nextCursor?: string;
}

/** The version the editor saw, named by every write (optimistic locking). */
export const TipVersionSchema = z
  .number({ error: "La version de l'astuce est obligatoire." })
  .check(z.int("La version est un nombre entier."), z.minimum(1));

/**
 * `POST /tips` and `POST /tips/preview`: the source is checked by the tip rules, not here — a preview
 * answers its problems, a save turns them into a 400 under `source.`.
 */
export const TipSourceBodySchema = z.strictObject({ source: z.unknown() });
/** `PUT /tips/:id/draft`. */
export const TipDraftBodySchema = z.strictObject({
  version: TipVersionSchema,
  source: z.unknown(),
});
/** `DELETE /tips/:id/draft`, `POST /tips/:id/publish`, `POST /tips/:id/unpublish`. */
export const TipVersionBodySchema = z.strictObject({
  version: TipVersionSchema,
});
/** `POST /tips/:id/revert`: the version to take back as the draft. */
export const TipRevertBodySchema = z.strictObject({
  version: TipVersionSchema,
  to: z
    .number({ error: "Indiquez la version à reprendre." })
    .check(z.int(), z.minimum(1, "Indiquez la version à reprendre.")),
});

/** `GET /support/api/anchor-reports` query. */
export const AnchorReportQuerySchema = z.object({
  platform: z.optional(z.enum(PLATFORMS, { error: "Plateforme inconnue." })),
  limit: z.optional(
    z.string().check(z.regex(/^\d{1,3}$/, "Nombre de lignes invalide.")),
  ),
  cursor: z.optional(z.string().check(z.maxLength(400, "Curseur invalide."))),
});

/** The console's checks of the tips' answers before it trusts them. */
export const TipViewCheck = z.object({
  id: z.string(),
  version: z.number(),
  draft: z.nullable(z.object({ id: z.string(), title: z.string() })),
  published: z.nullable(z.object({ id: z.string(), title: z.string() })),
});
export const TipAnswerCheck = z.object({ tip: TipViewCheck });
export const TipListCheck = z.object({
  tips: z.array(z.object({ id: z.string(), title: z.string() })),
});
export const TipVersionsCheck = z.object({
  versions: z.array(z.object({ version: z.number() })),
});
export const TipPreviewCheck = z.object({
  tip: z.nullable(z.object({ title: z.string(), body: z.array(z.unknown()) })),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export const AnchorReportPageCheck = z.object({
  anchors: z.array(z.object({ tipId: z.string() })),
  total: z.number(),
});

// Compile-time ties between the checks and the answers' types (checks.ts).
export type TipChecks = [
  CheckOf<typeof TipViewCheck, TipView>,
  CheckOf<typeof TipAnswerCheck, { tip: TipView }>,
  CheckOf<typeof TipListCheck, { tips: TipSummary[] }>,
  CheckOf<typeof TipVersionsCheck, { versions: TipVersionView[] }>,
  CheckOf<typeof TipPreviewCheck, TipPreviewView>,
  CheckOf<typeof AnchorReportPageCheck, AnchorReportPage>,
];
