import type pg from "pg";
import { daysBefore } from "../conversation-rules.ts";
import type { ConversationStore, MailKind } from "../conversation-types.ts";
import { queueMails } from "./pg-mail-outbox.ts";
import { inTransaction } from "./pg-transaction.ts";

interface StepRow {
  id: number;
  reference: string;
  email: string | null;
}

/**
 * The automatic follow-ups on PostgreSQL, as on SQLite: requests waiting for the user since
 * `autoResolveDays` are resolved, those waiting since `reminderDays` (and not yet reminded during this wait)
 * are reminded; each step is a timeline event without actor and an e-mail when the request has an address,
 * all in one transaction.
 *
 * Several instances run it on their own schedule: each step is one statement that takes its requests
 * `FOR UPDATE SKIP LOCKED`, in id order, and changes them. A pass running at the same time skips the rows the
 * other holds, and one reaching a row the other has just committed re-checks its condition on the new
 * version (READ COMMITTED) and finds it resolved or reminded: each request is reminded or resolved once. A
 * row held by a console change at that moment is left to the next pass rather than waited for.
 */
export function createPostgresFollowUpAutomation(
  pool: pg.Pool,
): Pick<ConversationStore, "runFollowUpAutomation"> {
  return {
    async runFollowUpAutomation(now, days) {
      const resolveBefore = daysBefore(now, days.autoResolveDays);
      return inTransaction(pool, async (client) => {
        // Resolving first: a request due for both is resolved, not reminded (it no longer waits).
        const resolved = await step(
          client,
          `SELECT id FROM requests
           WHERE status = 'waiting_user' AND waiting_since <= $2
           ORDER BY id FOR UPDATE SKIP LOCKED`,
          // The status's dates (resolved_at) follow in migration 3's trigger, from updated_at.
          "status = 'resolved'",
          [now, resolveBefore],
        );
        await recordStep(client, resolved, now, "resolution", {
          type: "status",
          data: { from: "waiting_user", to: "resolved", auto: true },
        });
        const reminded = await step(
          client,
          `SELECT id FROM requests
           WHERE status = 'waiting_user' AND waiting_since <= $3 AND waiting_since > $2
             AND reminded_at IS NULL
           ORDER BY id FOR UPDATE SKIP LOCKED`,
          "reminded_at = $1",
          [now, resolveBefore, daysBefore(now, days.reminderDays)],
        );
        await recordStep(client, reminded, now, "reminder", {
          type: "reminder",
          data: { auto: true },
        });
        return {
          reminded: reminded.map((row) => row.reference),
          resolved: resolved.map((row) => row.reference),
        };
      });
    },
  };
}

/** Changes the requests `due` selects (`$1`: now), bumping their version; gives them in id order. */
async function step(
  client: pg.PoolClient,
  due: string,
  change: string,
  values: unknown[],
): Promise<StepRow[]> {
  const { rows } = await client.query<StepRow>(
    `WITH due AS (${due})
     UPDATE requests AS r SET ${change}, version = r.version + 1, updated_at = $1
     FROM due WHERE r.id = due.id
     RETURNING r.id::integer AS id, r.reference, r.email`,
    values,
  );
  return rows.sort((a, b) => a.id - b.id);
}

async function recordStep(
  client: pg.PoolClient,
  rows: readonly StepRow[],
  at: Date,
  mail: MailKind,
  event: { type: "status" | "reminder"; data: Record<string, unknown> },
) {
  if (!rows.length) return;
  // Without actor: the console shows « Automatique ».
  await client.query(
    `INSERT INTO request_events (request_id, at, type, data)
     SELECT id, $2, $3, $4 FROM unnest($1::bigint[]) AS id`,
    [rows.map((row) => row.id), at, event.type, JSON.stringify(event.data)],
  );
  await queueMails(client, rows, mail, null, at);
}
