import type pg from "pg";
import type { CreatedRequest } from "../../contract/request.ts";
import {
  formatReference,
  referenceYear,
  requestColumns,
  type Submission,
  type SubmissionOutcome,
} from "../store.ts";
import { claimKey } from "./pg-idempotency.ts";
import { storableJson, storableText } from "./pg-text.ts";

/**
 * Several submissions of `POST /v1/requests` in the caller's transaction, with the statements of one:
 * their keys claimed by one insert, their numbers taken by one bump per year, their rows and their keys'
 * answers written by one statement. The outcomes are those each would have had alone (pg-request-store's
 * submitRequest), in the same order; nothing is final before the caller commits.
 *
 * The new keys are inserted, and the existing ones locked, in key order, and every key is claimed before
 * any year's number is taken: two batches sharing keys (two instances', or one's two at once) wait for each
 * other in one order. Cycles remain possible in rare cases — a key purged between its insert and its lock
 * and claimed again out of order, two batches of different years (around midnight on 31 December) whose
 * rows lock the counters of request_counts in different orders — and PostgreSQL then cancels one batch
 * (40P01), whose submissions run again one by one (pg-group-commit.ts). Keys must be distinct within one
 * call.
 */
export async function submitBatch(
  client: pg.PoolClient,
  submissions: readonly Submission[],
): Promise<SubmissionOutcome[]> {
  const outcomes: (SubmissionOutcome | undefined)[] = submissions.map(
    () => undefined,
  );
  const claimed = await claimKeys(client, submissions);
  // A key already there (an earlier try, another instance's) is checked alone, as claimKey always does,
  // once all of them are locked in key order (claimKey locks the one it reads until the commit).
  await lockKeys(
    client,
    submissions.map((s) => s.key).filter((key) => !claimed.has(key)),
  );
  const toStore: number[] = [];
  for (const [i, submission] of submissions.entries()) {
    if (claimed.has(submission.key)) {
      toStore.push(i);
      continue;
    }
    const { key, fingerprint, now, staleAfterMs } = submission;
    const claim = await claimKey(client, key, fingerprint, now, staleAfterMs);
    if (claim.state === "claimed") toStore.push(i);
    else outcomes[i] = claim;
  }
  if (toStore.length) {
    const references = await takeReferences(
      client,
      toStore.map((i) => submissions[i]!.now),
    );
    const created = toStore.map((i, n): CreatedRequest => ({
      reference: references[n]!,
      createdAt: submissions[i]!.now.toISOString(),
    }));
    await storeRequests(
      client,
      toStore.map((i) => submissions[i]!),
      created,
    );
    toStore.forEach((i, n) => {
      outcomes[i] = { state: "created", created: created[n]! };
    });
  }
  return outcomes as SubmissionOutcome[];
}

/** Inserts the keys that are new, in key order; returns them. */
async function claimKeys(
  client: pg.PoolClient,
  submissions: readonly Submission[],
): Promise<Set<string>> {
  const { rows } = await client.query<{ key: string }>(
    `INSERT INTO idempotency_keys (key, fingerprint, created_at)
     SELECT key, fingerprint, created_at
     FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS claim(key, fingerprint, created_at)
     ORDER BY key
     ON CONFLICT (key) DO NOTHING
     RETURNING key`,
    [
      submissions.map((s) => s.key),
      submissions.map((s) => s.fingerprint),
      submissions.map((s) => s.now),
    ],
  );
  return new Set(rows.map((row) => row.key));
}

/** Locks the rows of `keys` that exist, in key order (the database's, as the insert's). */
async function lockKeys(client: pg.PoolClient, keys: readonly string[]) {
  if (!keys.length) return;
  await client.query(
    "SELECT key FROM idempotency_keys WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE",
    [keys],
  );
}

/**
 * The next references, one per date in that order: one bump of each year's counter by its count, years in
 * ascending order. As for one request, the year's row stays locked until the commit.
 */
async function takeReferences(
  client: pg.PoolClient,
  dates: readonly Date[],
): Promise<string[]> {
  const years = dates.map(referenceYear);
  const counts = new Map<number, number>();
  for (const year of years) counts.set(year, (counts.get(year) ?? 0) + 1);
  const next = new Map<number, number>();
  for (const [year, count] of [...counts].sort(([a], [b]) => a - b)) {
    const { rows } = await client.query<{ last: number }>(
      `INSERT INTO reference_sequences (year, last) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET last = reference_sequences.last + $2
       RETURNING last`,
      [year, count],
    );
    next.set(year, rows[0]!.last - count + 1);
  }
  return years.map((year) => {
    const sequence = next.get(year)!;
    next.set(year, sequence + 1);
    return formatReference(year, sequence);
  });
}

/** The rows, in the order given (their ids follow it), and each key's answer: one statement. */
async function storeRequests(
  client: pg.PoolClient,
  submissions: readonly Submission[],
  created: readonly CreatedRequest[],
): Promise<void> {
  const columns = submissions.map((s) => requestColumns(s.request));
  await client.query(
    `WITH stored AS (
       INSERT INTO requests (reference, created_at, platform, route, category, subject, department, role,
                             email, message, context, follow_up_hash)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[])
     )
     UPDATE idempotency_keys SET response = answer.response
     FROM unnest($13::text[], $14::jsonb[]) AS answer(key, response)
     WHERE idempotency_keys.key = answer.key`,
    [
      created.map((c) => c.reference),
      submissions.map((s) => s.now),
      columns.map((c) => c.platform),
      columns.map((c) => c.route),
      submissions.map((s) => s.request.category),
      submissions.map((s) => s.request.subject),
      columns.map((c) => c.department ?? null),
      columns.map((c) => c.role ?? null),
      // The free texts, as for one request (pg-request-store's insertRequest).
      submissions.map((s) => storableText(s.request.email) ?? null),
      submissions.map((s) => storableText(s.request.message)),
      submissions.map((s) => storableJson(s.request.context)),
      submissions.map(
        (s, i) => s.followUpHash?.(created[i]!.reference) ?? null,
      ),
      submissions.map((s) => s.key),
      created.map((c) => JSON.stringify({ status: 201, body: c })),
    ],
  );
}
