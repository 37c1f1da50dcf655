import type Database from "better-sqlite3";
import type { RequestStatus } from "../contract/request-statuses.ts";
import {
  createMailQueue,
  createSqliteConversationReader,
  type ConversationColumns,
} from "./sqlite-conversation.ts";
import { toStoredRequest, type RequestRow } from "./sqlite-rows.ts";
import { UnknownActorError, UnknownAssigneeError } from "./support-errors.ts";
import {
  assignmentData,
  normalizeTags,
  scopeCovers,
  scopeOfAccount,
} from "./support-rules.ts";
import type { ConversationDetail } from "./conversation-types.ts";
import type {
  RequestChange,
  RequestChangeResult,
  RequestDetail,
  RequestEvent,
  RequestEventType,
  Scope,
  SupportRole,
  SupportStore,
} from "./support-types.ts";

type DetailRow = RequestRow &
  ConversationColumns & { assignee_name: string | null };
interface EventRow {
  id: number;
  at: string;
  type: RequestEventType;
  actor_id: number | null;
  actor_name: string | null;
  data: string;
}

const DETAIL = `SELECT r.*, u.display_name AS assignee_name
  FROM requests AS r LEFT JOIN support_users AS u ON u.id = r.assignee_id`;

/** A request's detail, its changes (optimistic locking) and its notes on SQLite, within the scope. */
export function createSqliteRequestDetail(
  db: Database.Database,
): Pick<SupportStore, "getRequestDetail" | "updateRequest" | "addNote"> {
  const byReference = db.prepare<[string], DetailRow>(
    `${DETAIL} WHERE r.reference = ?`,
  );
  // The scope travels as one JSON array: a fixed statement whatever the number of départements.
  const byReferenceInDepartments = db.prepare<[string, string], DetailRow>(
    `${DETAIL} WHERE r.reference = ? AND r.department IN (SELECT value FROM json_each(?))`,
  );
  const byId = db.prepare<[number], DetailRow>(`${DETAIL} WHERE r.id = ?`);
  const eventsOf = db.prepare<[number], EventRow>(
    `SELECT e.id, e.at, e.type, e.actor_id, u.display_name AS actor_name, e.data
     FROM request_events AS e LEFT JOIN support_users AS u ON u.id = e.actor_id
     WHERE e.request_id = ? ORDER BY e.id`,
  );
  const account = db.prepare<[number], { disabled: number }>(
    "SELECT disabled FROM support_users WHERE id = ?",
  );
  const assignee = db.prepare<
    [number],
    { disabled: number; role: SupportRole; departments: string }
  >("SELECT disabled, role, departments FROM support_users WHERE id = ?");
  const insertEvent = db.prepare(
    "INSERT INTO request_events (request_id, at, type, actor_id, data) VALUES (?, ?, ?, ?, ?)",
  );
  const applyChange = db.prepare(
    `UPDATE requests SET status = ?, assignee_id = ?, tags = ?, version = version + 1, updated_at = ?
     WHERE id = ?`,
  );
  const touch = db.prepare(
    "UPDATE requests SET version = version + 1, updated_at = ? WHERE id = ?",
  );

  const conversation = createSqliteConversationReader(db);
  const queueMail = createMailQueue(db);

  const find = (scope: Scope, reference: string) =>
    scope.kind === "all"
      ? byReference.get(reference)
      : byReferenceInDepartments.get(
          reference,
          JSON.stringify(scope.departments),
        );
  const detailOf = (row: DetailRow) => ({
    ...toDetail(row, eventsOf.all(row.id)),
    ...conversation.detail(row),
  });
  const requireActor = (actorId: number) => {
    if (!account.get(actorId)) throw new UnknownActorError(actorId);
  };
  /**
   * Only an active account that can see the request may receive it; any other is refused exactly like an
   * unknown one, so that assigning tells nothing of the accounts outside the request's département (issue 11).
   */
  const requireAssignable = (assigneeId: number, row: DetailRow) => {
    const account = assignee.get(assigneeId);
    if (
      !account ||
      account.disabled !== 0 ||
      !scopeCovers(
        scopeOfAccount({
          role: account.role,
          departments: JSON.parse(account.departments) as string[],
        }),
        row.department,
      )
    )
      throw new UnknownAssigneeError(assigneeId);
  };

  const update = db.transaction(
    (
      scope: Scope,
      reference: string,
      change: RequestChange,
      now: Date,
    ): RequestChangeResult => {
      const row = find(scope, reference);
      if (!row) return { ok: false, reason: "not_found" };
      if (row.version !== change.expectedVersion)
        return { ok: false, reason: "conflict", current: detailOf(row) };
      requireActor(change.actorId);
      const events: [RequestEventType, Record<string, unknown>][] = [];
      let status: RequestStatus = row.status;
      let assignee = row.assignee_id;
      let tags = row.tags;
      if (change.status !== undefined && change.status !== row.status) {
        events.push(["status", { from: row.status, to: change.status }]);
        status = change.status;
      }
      if (
        change.assigneeId !== undefined &&
        change.assigneeId !== row.assignee_id
      ) {
        if (change.assigneeId !== null)
          requireAssignable(change.assigneeId, row);
        events.push([
          "assignment",
          assignmentData(row.assignee_id, change.assigneeId),
        ]);
        assignee = change.assigneeId;
      }
      if (change.tags !== undefined) {
        const next = normalizeTags(change.tags);
        if (JSON.stringify(next) !== row.tags) {
          events.push(["tags", { tags: next }]);
          tags = JSON.stringify(next);
        }
      }
      // Nothing new: no event and the same version, so a retried save does not conflict with itself.
      if (!events.length) return { ok: true, detail: detailOf(row) };
      const at = now.toISOString();
      applyChange.run(status, assignee, tags, at, row.id);
      for (const [type, data] of events)
        insertEvent.run(row.id, at, type, change.actorId, JSON.stringify(data));
      // Resolved by a status change: the requester is told, with the link where satisfaction is asked.
      if (status === "resolved" && row.status !== "resolved")
        queueMail(row, "resolution", null, at);
      return { ok: true, detail: detailOf(byId.get(row.id)!) };
    },
  );

  const note = db.transaction(
    (
      scope: Scope,
      reference: string,
      actorId: number,
      text: string,
      now: Date,
    ): RequestDetail | undefined => {
      const row = find(scope, reference);
      if (!row) return undefined;
      requireActor(actorId);
      const at = now.toISOString();
      insertEvent.run(row.id, at, "note", actorId, JSON.stringify({ text }));
      // A note changes the version too: someone editing the request meanwhile should see it.
      touch.run(at, row.id);
      return detailOf(byId.get(row.id)!);
    },
  );

  return {
    async getRequestDetail(scope, reference) {
      const row = find(scope, reference);
      return row && detailOf(row);
    },
    async updateRequest(scope, reference, change, now) {
      return update.immediate(scope, reference, change, now);
    },
    async addNote(scope, reference, actorId, text, now) {
      return note.immediate(scope, reference, actorId, text, now);
    },
  };
}

function toDetail(
  row: DetailRow,
  events: EventRow[],
): Omit<RequestDetail, keyof ConversationDetail> {
  const detail: Omit<RequestDetail, keyof ConversationDetail> = {
    ...toStoredRequest(row),
    version: row.version,
    updatedAt: row.updated_at ?? row.created_at,
    tags: JSON.parse(row.tags),
    events: [
      // The creation is not stored (POST /v1/requests stays one insert): it is the request itself.
      { id: 0, at: row.created_at, type: "created", data: {} },
      ...events.map(toEvent),
    ],
  };
  if (row.assignee_id !== null && row.assignee_name !== null) {
    detail.assignee = { id: row.assignee_id, displayName: row.assignee_name };
  }
  return detail;
}

function toEvent(row: EventRow): RequestEvent {
  const event: RequestEvent = {
    id: row.id,
    at: row.at,
    type: row.type,
    data: JSON.parse(row.data),
  };
  if (row.actor_id !== null && row.actor_name !== null) {
    event.actor = { id: row.actor_id, displayName: row.actor_name };
  }
  return event;
}
