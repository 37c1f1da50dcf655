import type { RequestContext } from "../../contract/request.ts";
import type { StoredRequest } from "../store.ts";

/** The columns of `requests` that `Store.getRequest` reads, as pg gives them (timestamptz → Date, jsonb → object). */
export interface PgRequestRow {
  reference: string;
  created_at: Date;
  status: StoredRequest["status"];
  platform: StoredRequest["platform"];
  route: string;
  category: string;
  subject: string;
  department: string | null;
  role: string | null;
  email: string | null;
  message: string;
  context: RequestContext;
}

export const REQUEST_ROW_COLUMNS =
  "reference, created_at, status, platform, route, category, subject, department, role, email, message, context";

/** The request as `Store.getRequest` gives it, the SQLite store's shape: NULL columns become absent keys. */
export function toStoredRequest(row: PgRequestRow): StoredRequest {
  const stored: StoredRequest = {
    reference: row.reference,
    createdAt: row.created_at.toISOString(),
    status: row.status,
    platform: row.platform,
    route: row.route,
    category: row.category,
    subject: row.subject,
    message: row.message,
    // pg parses each row's jsonb anew: the caller owns this object.
    context: row.context,
  };
  if (row.department !== null) stored.department = row.department;
  if (row.role !== null) stored.role = row.role;
  if (row.email !== null) stored.email = row.email;
  return stored;
}
