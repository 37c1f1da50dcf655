import * as z from "zod/mini";
import { ApiError } from "../api-error.ts";
import { toErrorDetails } from "../contract/issue-details.ts";
import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../contract/request-statuses.ts";
import { DEPARTMENT_RE } from "../contract/request-rules.ts";
import { isRouteTag } from "../contract/redact.ts";
import { PLATFORMS } from "../contract/vocabulary.ts";
import { SEARCH_MAX_WORDS, searchTerms } from "../store/support-rules.ts";
import type { RequestFilters, SupportUser } from "../store/support-types.ts";
import { tooManyWords } from "./store-error-response.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_]{1,40}$/;

const FiltersSchema = z.strictObject({
  status: z.optional(z.string()),
  platform: z.optional(z.enum(PLATFORMS, { error: "Plateforme inconnue." })),
  route: z.optional(
    z
      .string()
      .check(
        z.refine(
          isRouteTag,
          "La page doit être un modèle de route comme /phase1.",
        ),
      ),
  ),
  category: z.optional(z.string().check(z.regex(CODE, "Catégorie invalide."))),
  subject: z.optional(z.string().check(z.regex(CODE, "Sujet invalide."))),
  department: z.optional(
    z.string().check(z.regex(DEPARTMENT_RE, "Département invalide.")),
  ),
  role: z.optional(
    z.string().check(z.regex(/^[a-z_]{1,40}$/, "Rôle invalide.")),
  ),
  from: z.optional(
    z.string().check(z.regex(DATE, "Date de début au format AAAA-MM-JJ.")),
  ),
  to: z.optional(
    z.string().check(z.regex(DATE, "Date de fin au format AAAA-MM-JJ.")),
  ),
  q: z.optional(
    z.string().check(z.maxLength(200, "Recherche : 200 caractères au plus.")),
  ),
  assignee: z.optional(
    z.string().check(z.regex(/^(me|none|\d{1,9})$/, "Assignation invalide.")),
  ),
  unread: z.optional(
    z.enum(["1", "0"], { error: "Filtre « nouvelles réponses » invalide." }),
  ),
  cursor: z.optional(z.string().check(z.maxLength(200))),
  limit: z.optional(
    z.string().check(z.regex(/^\d{1,3}$/, "Nombre de lignes invalide.")),
  ),
});

/** The day after a `YYYY-MM-DD` date: « au 12 » includes all of the 12th. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Reads the inbox filters of a query string (list, counts, export); a bad value is a 400 naming it. */
export function parseFilters(query: Record<string, string>, user: SupportUser) {
  const parsed = FiltersSchema.safeParse(
    Object.fromEntries(
      Object.entries(query).filter(([, value]) => value !== ""),
    ),
  );
  if (!parsed.success) {
    throw new ApiError(
      "validation_failed",
      "Un filtre n'est pas valide.",
      toErrorDetails(parsed.error.issues),
    );
  }
  const { status, from, to, assignee, unread, cursor, limit, ...rest } =
    parsed.data;
  // Checked here too, before an export starts streaming (the store refuses it as well).
  if (rest.q !== undefined && searchTerms(rest.q).length > SEARCH_MAX_WORDS)
    throw tooManyWords();
  const filters: RequestFilters = { ...rest };
  if (status) {
    const statuses = status.split(",");
    if (
      !statuses.every((s) =>
        (REQUEST_STATUSES as readonly string[]).includes(s),
      )
    ) {
      throw new ApiError("validation_failed", "Un filtre n'est pas valide.", [
        { path: "status", message: "Statut inconnu." },
      ]);
    }
    filters.status = statuses as RequestStatus[];
  }
  if (unread === "1") filters.unread = true;
  if (from) filters.from = from;
  if (to) filters.to = dayAfter(to);
  if (assignee)
    filters.assignee =
      assignee === "me"
        ? user.id
        : assignee === "none"
          ? "none"
          : Number(assignee);
  return {
    filters,
    cursor,
    limit: Math.min(200, Math.max(1, Number(limit ?? 50))),
  };
}
