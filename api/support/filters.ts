import { ApiError } from "../api-error.ts";
import { parseQuery } from "../parse-with.ts";
import {
  REQUEST_STATUSES,
  type RequestStatus,
} from "../contract/request-statuses.ts";
import { RequestQuerySchema } from "../contract/support-requests.ts";
import { SEARCH_MAX_WORDS, searchTerms } from "../store/support-rules.ts";
import type { RequestFilters, SupportUser } from "../store/support-types.ts";
import { tooManyWords } from "./store-error-response.ts";

/** The day after a `YYYY-MM-DD` date: « au 12 » includes all of the 12th. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Reads the inbox filters of a query string (list, counts, export); a bad value is a 400 naming it. */
export function parseFilters(query: Record<string, string>, user: SupportUser) {
  const { status, from, to, assignee, unread, cursor, limit, ...rest } =
    parseQuery(RequestQuerySchema, query, "Un filtre n'est pas valide.");
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
