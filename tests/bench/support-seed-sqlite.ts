// Writes the support benchmark's data (support-rows.ts) into a new SQLite database: the requests by the
// store's insert, then their lives through the statements the stores run, one transaction per batch, so
// that migration 6's and 7's triggers keep the indicators as in production.
import Database from "better-sqlite3";
import { registerIndicatorFunctions } from "../../api/store/sqlite-indicator-functions.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { SEED_MESSAGES, type LifeStep } from "./indicator-seed.ts";
import type { SeedBatch, SeedReport } from "./support-rows.ts";

export async function seedSqlite(
  file: string,
  batches: Iterable<SeedBatch>,
): Promise<SeedReport> {
  // The store creates and migrates the file; the writes below then go straight to its tables.
  await createSqliteStore({ file }).close();
  const db = new Database(file);
  // Migration 6's triggers call these functions: every connection that writes registers them.
  registerIndicatorFunctions(db);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // seeding only; the server keeps its own setting
  const insert = db.prepare(
    `INSERT INTO requests (reference, created_at, status, platform, route, category, subject, department, role, email, message, context)
     VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const message = db.prepare(
    "INSERT INTO request_messages (request_id, at, author, actor_id, signature, text) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const setStatus = db.prepare(
    "UPDATE requests SET status = ?, unread_answer = ?, version = version + 1, updated_at = ? WHERE id = ?",
  );
  const rate = db.prepare(
    `INSERT INTO request_ratings (request_id, score, comment, at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (request_id) DO UPDATE SET score = excluded.score, comment = excluded.comment,
       updated_at = excluded.updated_at`,
  );
  const agentId = Number(
    db
      .prepare(
        `INSERT INTO support_users (email, display_name, role, password_hash, created_at)
         VALUES ('seed@bench.fr', ?, 'agent', 'x', ?)`,
      )
      .run(SEED_MESSAGES.signature, new Date().toISOString()).lastInsertRowid,
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  const live = (step: LifeStep, id: number) => {
    if (step.kind === "message") {
      const agent = step.author === "agent";
      message.run(
        id,
        iso(step.at),
        step.author,
        agent ? agentId : null,
        agent ? SEED_MESSAGES.signature : null,
        agent ? SEED_MESSAGES.reply : SEED_MESSAGES.answer,
      );
    } else if (step.kind === "status")
      setStatus.run(step.status, step.unread ? 1 : 0, iso(step.at), id);
    else
      rate.run(id, step.score, step.comment, iso(step.at), iso(step.updatedAt));
  };

  const report = { requests: 0, steps: 0, insertMs: 0, lifeMs: 0 };
  const write = db.transaction(({ requests, life }: SeedBatch) => {
    const insertStarted = performance.now();
    const ids = requests.map(
      (r) =>
        insert.run(
          r.reference,
          iso(r.createdAt),
          r.platform,
          r.route,
          r.category,
          r.subject,
          r.department,
          r.role,
          r.message,
          JSON.stringify(r.context),
        ).lastInsertRowid as number,
    );
    const lifeStarted = performance.now();
    for (const step of life) live(step, ids[step.request]!);
    report.insertMs += lifeStarted - insertStarted;
    report.lifeMs += performance.now() - lifeStarted;
    report.requests += requests.length;
    report.steps += life.length;
  });
  const started = performance.now();
  for (const batch of batches) write(batch);
  const afterStarted = performance.now();
  db.exec("ANALYZE");
  db.close();
  const ended = performance.now();
  return {
    ...report,
    afterMs: ended - afterStarted,
    afterWhat: "ANALYZE",
    totalMs: ended - started,
  };
}
