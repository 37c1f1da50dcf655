// Writes the support benchmark's data (support-rows.ts) into a new PostgreSQL database, migrated first: the
// same rows as the SQLite writer, into the tables the PostgreSQL store writes, so that the migrations'
// triggers (text search vector, counts per département and status, status dates, indicators) fire on each
// row as in production. Statement by statement would cost a round trip per write (millions); instead each
// statement writes many rows from arrays (`unnest`), one transaction per batch.
import pg from "pg";
import { foldIndicators } from "../../api/store/pg/pg-indicator-read.ts";
import { migratePostgres } from "../../api/store/pg/pg-migrations.ts";
import { SEED_MESSAGES, type LifeStep } from "./indicator-seed.ts";
import type { SeedBatch, SeedReport, SeedRequest } from "./support-rows.ts";

const INSERT_REQUESTS = `
  INSERT INTO requests (reference, created_at, platform, route, category, subject, department, role, message,
                        context)
  SELECT reference, created_at, platform, route, category, subject, department, role, message, context
  FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
              $8::text[], $9::text[], $10::jsonb[])
       WITH ORDINALITY AS u (reference, created_at, platform, route, category, subject, department, role,
                             message, context, n)
  -- Ids in creation order, as the store gives them: the inbox reads newest first by id.
  ORDER BY n
  RETURNING id::integer AS id, reference`;

// The statements of the stores (pg-conversation-replies.ts, pg-follow-up.ts, pg-follow-up-automation.ts,
// pg-request-detail.ts), for many requests at once.
const INSERT_MESSAGES = `
  INSERT INTO request_messages (request_id, at, author, actor_id, signature, text)
  SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::bigint[], $5::text[], $6::text[])`;
const SET_STATUSES = `
  UPDATE requests AS r SET status = u.status, unread_answer = u.unread, version = r.version + 1,
                           updated_at = u.at
  FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::timestamptz[]) AS u (id, status, unread, at)
  -- The batch's ids, given as a range too: without it the planner hashes the whole table for each round
  -- (a sequential scan of up to a million rows) rather than read the batch's range of the primary key.
  WHERE r.id = u.id AND r.id BETWEEN $5 AND $6`;
const RATE = `
  INSERT INTO request_ratings AS g (request_id, score, comment, at, updated_at)
  SELECT * FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::timestamptz[], $5::timestamptz[])
  ON CONFLICT (request_id) DO UPDATE SET score = excluded.score, comment = excluded.comment,
    updated_at = excluded.updated_at`;

const iso = (ms: number) => new Date(ms).toISOString();

export async function seedPostgres(
  url: string,
  batches: Iterable<SeedBatch>,
): Promise<SeedReport> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migratePostgres(pool);
    const client = await pool.connect();
    try {
      return await seedWith(client, batches);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

async function seedWith(
  client: pg.PoolClient,
  batches: Iterable<SeedBatch>,
): Promise<SeedReport> {
  // Seeding only, like SQLite's synchronous = OFF: a crash would lose the last commits, never corrupt.
  await client.query("SET synchronous_commit = off");
  const agentId = (
    await client.query<{ id: number }>(
      `INSERT INTO support_users (email, display_name, role, password_hash, created_at)
       VALUES ('seed@bench.fr', $1, 'agent', 'x', now()) RETURNING id::integer AS id`,
      [SEED_MESSAGES.signature],
    )
  ).rows[0]!.id;

  const report = { requests: 0, steps: 0, insertMs: 0, lifeMs: 0, foldMs: 0 };
  const started = performance.now();
  for (const { requests, life } of batches) {
    await client.query("BEGIN");
    const insertStarted = performance.now();
    const ids = await insertRequests(client, requests);
    const lifeStarted = performance.now();
    for (const round of rounds(life, requests.length))
      await writeRound(client, round, ids, agentId);
    await client.query("COMMIT");
    const foldStarted = performance.now();
    // The triggers queued the batch's indicator facts; the server folds them into the rollups every minute
    // (indicator-fold-job.ts), so that a console read never finds a year of them waiting.
    await foldIndicators(client);
    report.insertMs += lifeStarted - insertStarted;
    report.lifeMs += foldStarted - lifeStarted;
    report.foldMs += performance.now() - foldStarted;
    report.requests += requests.length;
    report.steps += life.length;
  }
  // What autovacuum would have done over the year: statistics for the planner, the visibility map that
  // lets the counts be index-only scans, the text index's pending entries merged. Left to autovacuum, it
  // would run during the timings instead.
  const afterStarted = performance.now();
  await client.query("VACUUM (ANALYZE)");
  // Nor should the checkpoint of these writes fall in the timings. Needs a superuser (or pg_checkpoint):
  // a server's ordinary account skips it.
  const checkpoint = await client.query("CHECKPOINT").then(
    () => true,
    () => false,
  );
  const ended = performance.now();
  return {
    ...report,
    afterMs: ended - afterStarted,
    afterWhat: checkpoint ? "VACUUM (ANALYZE), CHECKPOINT" : "VACUUM (ANALYZE)",
    totalMs: ended - started,
  };
}

/** Inserts the batch's requests in order; their ids by position. */
async function insertRequests(
  client: pg.PoolClient,
  requests: readonly SeedRequest[],
): Promise<number[]> {
  const column = <T>(value: (r: SeedRequest) => T) => requests.map(value);
  const { rows } = await client.query<{ id: number; reference: string }>(
    INSERT_REQUESTS,
    [
      column((r) => r.reference),
      column((r) => iso(r.createdAt)),
      column((r) => r.platform),
      column((r) => r.route),
      column((r) => r.category),
      column((r) => r.subject),
      column((r) => r.department),
      column((r) => r.role),
      column((r) => r.message),
      column((r) => JSON.stringify(r.context)),
    ],
  );
  const idOf = new Map(rows.map((row) => [row.reference, row.id]));
  return requests.map((r) => idOf.get(r.reference)!);
}

/**
 * The steps split so that each request has at most one step per round, its steps in their order across
 * rounds: a round's steps can then be written by a few statements (one per kind), in any order inside it.
 */
function rounds(life: readonly LifeStep[], requests: number): LifeStep[][] {
  const taken = new Uint8Array(requests);
  const result: LifeStep[][] = [];
  for (const step of life) (result[taken[step.request]!++] ??= []).push(step);
  return result;
}

async function writeRound(
  client: pg.PoolClient,
  round: readonly LifeStep[],
  ids: readonly number[],
  agentId: number,
) {
  const messages = round.filter((s) => s.kind === "message");
  const statuses = round.filter((s) => s.kind === "status");
  const ratings = round.filter((s) => s.kind === "rating");
  if (messages.length) {
    const agent = messages.map((s) => s.author === "agent");
    await client.query(INSERT_MESSAGES, [
      messages.map((s) => ids[s.request]),
      messages.map((s) => iso(s.at)),
      messages.map((s) => s.author),
      agent.map((a) => (a ? agentId : null)),
      agent.map((a) => (a ? SEED_MESSAGES.signature : null)),
      agent.map((a) => (a ? SEED_MESSAGES.reply : SEED_MESSAGES.answer)),
    ]);
  }
  if (statuses.length)
    await client.query(SET_STATUSES, [
      statuses.map((s) => ids[s.request]),
      statuses.map((s) => s.status),
      statuses.map((s) => s.unread),
      statuses.map((s) => iso(s.at)),
      ids[0],
      ids.at(-1),
    ]);
  if (ratings.length)
    await client.query(RATE, [
      ratings.map((s) => ids[s.request]),
      ratings.map((s) => s.score),
      ratings.map((s) => s.comment),
      ratings.map((s) => iso(s.at)),
      ratings.map((s) => iso(s.updatedAt)),
    ]);
}
