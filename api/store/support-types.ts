import type { Platform } from "../contract/vocabulary.ts";
import type { RequestStatus } from "../contract/request-statuses.ts";
import type { PageStat } from "../contract/support-pages.ts";
import type {
  RequestDetail,
  RequestSummary,
} from "../contract/support-requests.ts";
import type { SupportRole } from "../contract/support-session.ts";

// The support store's own types. What travels to the console (rows, detail, page stats, roles) is the
// contract's (api/contract/support-*.ts), re-exported here for the store's code.
export {
  SUPPORT_ROLES,
  type SupportRole,
} from "../contract/support-session.ts";
export type { PageStat } from "../contract/support-pages.ts";
export type {
  RequestDetail,
  RequestEvent,
  RequestEventType,
  RequestSummary,
} from "../contract/support-requests.ts";

/** A console account. Referents only see the requests of their départements. */
export interface SupportUser {
  id: number;
  email: string;
  displayName: string;
  role: SupportRole;
  /** Département codes as strings (`75`, `2A`, `974`); empty for admins and agents. */
  departments: string[];
  disabled: boolean;
  /** Set by an admin for an agent (issue 5); admins may always edit tips whatever it says. */
  canEditTips: boolean;
  createdAt: string;
}

export interface NewSupportUser {
  email: string;
  displayName: string;
  role: SupportRole;
  departments: string[];
  passwordHash: string;
}

export interface SupportUserPatch {
  displayName?: string;
  role?: SupportRole;
  departments?: string[];
  passwordHash?: string;
  disabled?: boolean;
  canEditTips?: boolean;
}

/**
 * What an account may see, computed once from the account and applied INSIDE every store query (never by
 * the UI): `all` for admins and agents; referents see only requests whose département is in their list —
 * never requests without a département.
 */
export type Scope =
  { kind: "all" } | { kind: "departments"; departments: readonly string[] };

/** Inbox filters; every one is optional and they combine (AND). */
export interface RequestFilters {
  status?: RequestStatus[];
  platform?: Platform;
  route?: string;
  category?: string;
  subject?: string;
  department?: string;
  /** Requester's role (`young`, `referent_department`…); `none` = requests without identity. */
  role?: string;
  /** ISO dates: `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  /** Free text over message and subject (FTS5, accents ignored: « sejour » finds « séjour »). */
  q?: string;
  /** Assigned account id, or `none` for unassigned requests. */
  assignee?: number | "none";
  /** Only requests with an answer of the requester no staff member has opened yet (issue 10). */
  unread?: boolean;
}

/** Counts per status, and whether they are exact. */
export interface StatusCounts {
  counts: Record<RequestStatus, number>;
  complete: boolean;
}

export interface RequestPage {
  items: RequestSummary[];
  /** Opaque keyset cursor for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

export interface RequestChange {
  /** The version the editor saw; a different stored version means someone else changed it. */
  expectedVersion: number;
  actorId: number;
  status?: RequestStatus;
  /** An account id, or null to unassign. */
  assigneeId?: number | null;
  tags?: string[];
}

export type RequestChangeResult =
  | { ok: true; detail: RequestDetail }
  | { ok: false; reason: "not_found" | "conflict"; current?: RequestDetail };

/** A request as exported to CSV. */
export interface ExportRow extends RequestSummary {
  message: string;
  email?: string;
  title: string;
}

/** Console storage; both stores implement it and pass `runSupportStoreContract`. */
export interface SupportStore {
  createUser(user: NewSupportUser, now: Date): Promise<SupportUser>;
  /** With its password hash, for login only. */
  findUserByEmail(
    email: string,
  ): Promise<(SupportUser & { passwordHash: string }) | undefined>;
  getUser(id: number): Promise<SupportUser | undefined>;
  listUsers(): Promise<SupportUser[]>;
  updateUser(
    id: number,
    patch: SupportUserPatch,
  ): Promise<SupportUser | undefined>;

  /** Sessions are stored by the hash of their token only; `now`, the login, is their first activity. */
  createSession(
    tokenHash: string,
    userId: number,
    expiresAt: Date,
    now: Date,
  ): Promise<void>;
  /** A live session: expiresAt > now, and last seen less than `idleMs` before `now` (issue 11). */
  findSession(
    tokenHash: string,
    now: Date,
    idleMs: number,
  ): Promise<
    { userId: number; expiresAt: string; lastSeenAt: string } | undefined
  >;
  /** Records activity at `now` (never moves back); callers write at most once a minute per session. */
  touchSession(tokenHash: string, now: Date): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: number): Promise<void>;
  /**
   * Deletes the sessions `findSession` refuses at `now` — expired (expiresAt ≤ now) or idle (last seen
   * `idleMs` or more before now); returns how many.
   */
  purgeExpiredSessions(now: Date, idleMs: number): Promise<number>;

  /** Newest first, keyset-paginated (never OFFSET), within the scope. */
  listRequests(
    scope: Scope,
    filters: RequestFilters,
    page: { limit: number; cursor?: string },
  ): Promise<RequestPage>;
  /**
   * How many requests per status match the filters (the status filter itself ignored). With a text filter
   * only the `TEXT_SCAN_LIMIT` newest text matches in the scope are examined (support-rules.ts): `complete`
   * is then false when there were more, and the counts are « at least ».
   */
  countByStatus(scope: Scope, filters: RequestFilters): Promise<StatusCounts>;
  /** Undefined when it does not exist OR is out of scope: callers answer 404 alike. */
  getRequestDetail(
    scope: Scope,
    reference: string,
  ): Promise<RequestDetail | undefined>;
  updateRequest(
    scope: Scope,
    reference: string,
    change: RequestChange,
    now: Date,
  ): Promise<RequestChangeResult>;
  addNote(
    scope: Scope,
    reference: string,
    actorId: number,
    text: string,
    now: Date,
  ): Promise<RequestDetail | undefined>;
  pageStats(
    scope: Scope,
    period: {
      from: string;
      to: string;
      previousFrom: string;
      platform?: Platform;
    },
  ): Promise<PageStat[]>;
  /** Every matching request, newest first, read in keyset batches so writers are never blocked. */
  exportRequests(
    scope: Scope,
    filters: RequestFilters,
    batchSize?: number,
  ): AsyncIterable<ExportRow>;
  /**
   * Retention (RETENTION_DAYS): anonymises the requests closed — last changed — before `before`; returns
   * how many. Message replaced, e-mail and personal context removed, notes deleted; the row stays for the
   * statistics. Running it again changes nothing.
   */
  anonymiseClosedBefore(before: Date): Promise<number>;
  /**
   * PostgreSQL only: after anonymisation, removes from the search's list of words (migration 8) those no
   * request holds any more; `left`: words whose check waits for the next run.
   */
  pruneSearchWords?(): Promise<{ pruned: number; left: number }>;
}

/** The methods of `SupportStore` about accounts and sessions: one part of each store. */
export type SupportAccounts = Pick<
  SupportStore,
  | "createUser"
  | "findUserByEmail"
  | "getUser"
  | "listUsers"
  | "updateUser"
  | "createSession"
  | "findSession"
  | "touchSession"
  | "deleteSession"
  | "deleteUserSessions"
  | "purgeExpiredSessions"
>;
