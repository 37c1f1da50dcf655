import type { RequestStatus } from "../../contract/request-statuses.ts";
import type { StoredRequest } from "../store.ts";
import type { ExportRow, RequestSummary } from "../support-types.ts";

/**
 * The inbox columns: what `RequestSummary` needs, the excerpt cut by PostgreSQL (`left` counts characters,
 * as SQLite's `substr` does on TEXT) so that the message never leaves it whole. Ids as numbers.
 */
export const PG_SUMMARY_COLUMNS = `id::integer AS id, reference, created_at, status, platform, route, category,
  subject, department, role, left(message, 160) AS excerpt, assignee_id::integer AS assignee_id, tags,
  unread_answer`;

/** The export's columns: the inbox's, the whole message, the e-mail and the page title. */
export const PG_EXPORT_COLUMNS = `${PG_SUMMARY_COLUMNS}, message, email, context->>'title' AS title`;

export interface PgSummaryRow {
  id: number;
  reference: string;
  created_at: Date;
  status: RequestStatus;
  platform: StoredRequest["platform"];
  route: string;
  category: string;
  subject: string;
  department: string | null;
  role: string | null;
  excerpt: string;
  assignee_id: number | null;
  tags: string[];
  unread_answer: boolean;
}

export type PgExportRow = PgSummaryRow & {
  message: string;
  email: string | null;
  title: string;
};

/** One inbox row, the SQLite store's shape: NULL columns become absent keys. */
export function toPgSummary(row: PgSummaryRow): RequestSummary {
  const summary: RequestSummary = {
    reference: row.reference,
    createdAt: row.created_at.toISOString(),
    status: row.status,
    platform: row.platform,
    route: row.route,
    category: row.category,
    subject: row.subject,
    excerpt: row.excerpt,
    tags: row.tags,
    unreadAnswer: row.unread_answer,
  };
  if (row.department !== null) summary.department = row.department;
  if (row.role !== null) summary.role = row.role;
  if (row.assignee_id !== null) summary.assigneeId = row.assignee_id;
  return summary;
}

/** One exported row; no `email` key when the request has none. */
export function toPgExportRow(row: PgExportRow): ExportRow {
  const exported: ExportRow = {
    ...toPgSummary(row),
    message: row.message,
    title: row.title,
  };
  if (row.email !== null) exported.email = row.email;
  return exported;
}
