import * as z from "zod/mini";
import { PlatformSchema } from "./platforms.ts";
import { isRouteTag } from "./redact.ts";
import { TipIdSchema } from "./tip.ts";

/** A report batch is small: at most 20 tips of one page load (issue 5). */
export const MAX_ANCHOR_REPORT_BYTES = 4 * 1024;
export const MAX_ANCHOR_REPORTS = 20;

/** `POST /v1/anchor-reports`: what the widget posts when anchored tips find no element to attach to. */
export const AnchorReportsSchema = z.strictObject({
  platform: PlatformSchema,
  // Any text: one that is not a version is counted as unknown by the server, not refused (a host page's
  // `data-app-version` is not ours to police, and refusing would lose the broken anchors too).
  appVersion: z.optional(
    z.string({ error: "La version de l'application est un texte." }),
  ),
  reports: z
    .array(
      z.strictObject({
        tip: TipIdSchema,
        route: z
          .string()
          .check(
            z.refine(
              isRouteTag,
              "La route doit être un modèle comme « /volontaire/:id ».",
            ),
          ),
      }),
    )
    .check(
      z.minLength(1, "Au moins un signalement."),
      z.maxLength(
        MAX_ANCHOR_REPORTS,
        `${MAX_ANCHOR_REPORTS} signalements au plus par envoi.`,
      ),
    ),
});
export type AnchorReportsBody = z.infer<typeof AnchorReportsSchema>;
