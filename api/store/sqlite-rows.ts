import type { RequestStatus } from "../contract/request-statuses.ts";
import type { StoredRequest } from "./store.ts";
import type { RequestSummary } from "./support-types.ts";

/** A `requests` row as SQLite returns it (`SELECT *`). */
export interface RequestRow {
  id: number;
  reference: string;
  created_at: string;
  status: RequestStatus;
  platform: StoredRequest["platform"];
  route: string;
  category: string;
  subject: string;
  department: string | null;
  role: string | null;
  email: string | null;
  message: string;
  context: string;
  version: number;
  updated_at: string | null;
  assignee_id: number | null;
  tags: string;
}

/** The inbox columns: what `RequestSummary` needs, the excerpt cut by SQLite. */
export type SummaryRow = Pick<
  RequestRow,
  | "id"
  | "reference"
  | "created_at"
  | "status"
  | "platform"
  | "route"
  | "category"
  | "subject"
  | "department"
  | "role"
  | "assignee_id"
  | "tags"
> & { excerpt: string; unread_answer: number };

/** The request as `Store.getRequest` gives it: NULL columns become absent keys. */
export function toStoredRequest(row: RequestRow): StoredRequest {
  const stored: StoredRequest = {
    reference: row.reference,
    createdAt: row.created_at,
    status: row.status,
    platform: row.platform,
    route: row.route,
    category: row.category,
    subject: row.subject,
    message: row.message,
    context: JSON.parse(row.context),
  };
  if (row.department !== null) stored.department = row.department;
  if (row.role !== null) stored.role = row.role;
  if (row.email !== null) stored.email = row.email;
  return stored;
}

/** One inbox row. */
export function toSummary(row: SummaryRow): RequestSummary {
  const summary: RequestSummary = {
    reference: row.reference,
    createdAt: row.created_at,
    status: row.status,
    platform: row.platform,
    route: row.route,
    category: row.category,
    subject: row.subject,
    excerpt: row.excerpt,
    tags: JSON.parse(row.tags),
    unreadAnswer: row.unread_answer === 1,
  };
  if (row.department !== null) summary.department = row.department;
  if (row.role !== null) summary.role = row.role;
  if (row.assignee_id !== null) summary.assigneeId = row.assignee_id;
  return summary;
}
