import type pg from "pg";
import type { RequestStatus } from "../../contract/request-statuses.ts";
import { UnknownActorError, UnknownAssigneeError } from "../support-errors.ts";
import {
  assignmentData,
  normalizeTags,
  scopeCovers,
  scopeOfAccount,
} from "../support-rules.ts";
import type {
  RequestChangeResult,
  RequestDetail,
  RequestEventType,
  Scope,
  SupportRole,
  SupportStore,
} from "../support-types.ts";
import {
  toPgDetail,
  type PgDetailRow,
  type PgEventRow,
} from "./pg-request-detail-rows.ts";
import { readMessages, readRating } from "./pg-conversation-rows.ts";
import { queueMails } from "./pg-mail-outbox.ts";
import { storableJson, storableText } from "./pg-text.ts";
import { inTransaction } from "./pg-transaction.ts";

type Db = pg.Pool | pg.PoolClient;

const DETAIL = `SELECT r.id::integer AS id, r.reference, r.created_at, r.status, r.platform, r.route, r.category,
    r.subject, r.department, r.role, r.email, r.message, r.context, r.version, r.updated_at,
    r.assignee_id::integer AS assignee_id, r.tags, r.unread_answer, r.resolved_at,
    u.display_name AS assignee_name
  FROM requests AS r LEFT JOIN support_users AS u ON u.id = r.assignee_id`;

/** The request by reference within the scope; `lock` takes its row until the transaction ends. */
async function findRow(
  db: Db,
  scope: Scope,
  where: { reference: string } | { id: number },
  lock = false,
): Promise<PgDetailRow | undefined> {
  const values: unknown[] = ["reference" in where ? where.reference : where.id];
  let sql = `${DETAIL} WHERE ${"reference" in where ? "r.reference = $1" : "r.id = $1"}`;
  // Inside the query: a request out of scope is not found, exactly like one that does not exist.
  if (scope.kind === "departments") {
    values.push(scope.departments);
    sql += " AND r.department = ANY($2::text[])";
  }
  if (lock) sql += " FOR UPDATE OF r";
  return (await db.query<PgDetailRow>(sql, values)).rows[0];
}

async function detailOf(db: Db, row: PgDetailRow): Promise<RequestDetail> {
  const { rows } = await db.query<PgEventRow>(
    `SELECT e.id::integer AS id, e.at, e.type, e.actor_id::integer AS actor_id,
            u.display_name AS actor_name, e.data
     FROM request_events AS e LEFT JOIN support_users AS u ON u.id = e.actor_id
     WHERE e.request_id = $1 ORDER BY e.id`,
    [row.id],
  );
  return toPgDetail(row, rows, {
    messages: await readMessages(db, row.id),
    rating: await readRating(db, row.id),
  });
}

async function requireActor(db: Db, actorId: number) {
  const { rowCount } = Number.isSafeInteger(actorId)
    ? await db.query("SELECT 1 FROM support_users WHERE id = $1", [actorId])
    : { rowCount: 0 };
  if (!rowCount) throw new UnknownActorError(actorId);
}

/**
 * Only an active account that can see the request may receive it; any other is refused exactly like an
 * unknown one, so that assigning tells nothing of the accounts outside the request's département (issue 11).
 */
async function requireAssignable(db: Db, assigneeId: number, row: PgDetailRow) {
  const { rows } = Number.isSafeInteger(assigneeId)
    ? await db.query<{
        disabled: boolean;
        role: SupportRole;
        departments: string[];
      }>(
        "SELECT disabled, role, departments FROM support_users WHERE id = $1",
        [assigneeId],
      )
    : { rows: [] };
  const account = rows[0];
  if (
    !account ||
    account.disabled ||
    !scopeCovers(scopeOfAccount(account), row.department)
  )
    throw new UnknownAssigneeError(assigneeId);
}

async function insertEvent(
  db: Db,
  requestId: number,
  at: Date,
  type: RequestEventType,
  actorId: number,
  data: Record<string, unknown>,
) {
  await db.query(
    "INSERT INTO request_events (request_id, at, type, actor_id, data) VALUES ($1, $2, $3, $4, $5)",
    [requestId, at, type, actorId, storableJson(data)],
  );
}

/**
 * A request's detail, its changes (optimistic locking) and its notes on PostgreSQL, within the scope. A
 * change reads its row `FOR UPDATE`: two instances saving the same version at once queue on the row, and
 * the second then finds the version the first wrote — a conflict, never a lost update.
 */
export function createPostgresRequestDetail(
  pool: pg.Pool,
): Pick<SupportStore, "getRequestDetail" | "updateRequest" | "addNote"> {
  return {
    async getRequestDetail(scope, reference) {
      const row = await findRow(pool, scope, { reference });
      return row && detailOf(pool, row);
    },

    async updateRequest(scope, reference, change, now) {
      return inTransaction(
        pool,
        async (client): Promise<RequestChangeResult> => {
          const row = await findRow(client, scope, { reference }, true);
          if (!row) return { ok: false, reason: "not_found" };
          if (row.version !== change.expectedVersion)
            return {
              ok: false,
              reason: "conflict",
              current: await detailOf(client, row),
            };
          await requireActor(client, change.actorId);
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
              await requireAssignable(client, change.assigneeId, row);
            events.push([
              "assignment",
              assignmentData(row.assignee_id, change.assigneeId),
            ]);
            assignee = change.assigneeId;
          }
          if (change.tags !== undefined) {
            // As stored: a tag PostgreSQL cannot hold as typed would otherwise differ at every save.
            const next = normalizeTags(change.tags).map((tag) =>
              storableText(tag),
            );
            if (JSON.stringify(next) !== JSON.stringify(row.tags)) {
              events.push(["tags", { tags: next }]);
              tags = next;
            }
          }
          // Nothing new: no event and the same version, so a retried save does not conflict with itself.
          if (!events.length)
            return { ok: true, detail: await detailOf(client, row) };
          // waiting_since and resolved_at follow the status in migration 3's trigger, from updated_at.
          await client.query(
            `UPDATE requests SET status = $1, assignee_id = $2, tags = $3, version = version + 1, updated_at = $4
           WHERE id = $5`,
            [status, assignee, tags, now, row.id],
          );
          for (const [type, data] of events)
            await insertEvent(client, row.id, now, type, change.actorId, data);
          // Resolved by a status change: the requester is told, with the link where satisfaction is asked —
          // queued in this transaction, as on SQLite.
          if (status === "resolved" && row.status !== "resolved")
            await queueMails(client, [row], "resolution", null, now);
          const changed = await findRow(
            client,
            { kind: "all" },
            { id: row.id },
          );
          return { ok: true, detail: await detailOf(client, changed!) };
        },
      );
    },

    async addNote(scope, reference, actorId, text, now) {
      return inTransaction(pool, async (client) => {
        const row = await findRow(client, scope, { reference }, true);
        if (!row) return undefined;
        await requireActor(client, actorId);
        await insertEvent(client, row.id, now, "note", actorId, {
          text: storableText(text),
        });
        // A note changes the version too: someone editing the request meanwhile should see it.
        await client.query(
          "UPDATE requests SET version = version + 1, updated_at = $1 WHERE id = $2",
          [now, row.id],
        );
        const changed = await findRow(client, { kind: "all" }, { id: row.id });
        return detailOf(client, changed!);
      });
    },
  };
}
