import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { CreatedRequest } from "../contract/request.ts";
import type { AppStore } from "./app-store.ts";
import { createGroupCommit } from "./sqlite-group-commit.ts";
import { migrate } from "./sqlite-migrations.ts";
import { mapStoreFaults, sqliteFault } from "./store-faults.ts";
import { toStoredRequest, type RequestRow } from "./sqlite-rows.ts";
import { createSqliteConversation } from "./sqlite-conversation.ts";
import { registerIndicatorFunctions } from "./sqlite-indicator-functions.ts";
import { createSqliteIndicators } from "./sqlite-indicators.ts";
import { createSqliteSupportStore } from "./sqlite-support-store.ts";
import { createSqliteTipStore } from "./sqlite-tip-store.ts";
import {
  formatReference,
  referenceYear,
  requestColumns,
  type IdempotencyClaim,
  type NewRequest,
  type Submission,
  type SubmissionOutcome,
} from "./store.ts";

export interface SqliteStoreOptions {
  /** Path of the database file; its folder is created if needed. */
  file: string;
  /** How long a write waits for another connection's lock before failing (ms). */
  busyTimeoutMs?: number;
  now?: () => Date;
}

/** The default store: one SQLite file in WAL mode, every fixed statement prepared once. */
export function createSqliteStore(options: SqliteStoreOptions): AppStore {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: a commit is in the WAL before the 201 is sent, so it survives the process being
  // killed (even kill -9); only a power cut or OS crash could lose the last commits. FULL would fsync
  // every commit and cost most of the write throughput budget (BUDGETS.md).
  db.pragma("synchronous = NORMAL");
  db.pragma(
    `busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`,
  );
  db.pragma("foreign_keys = ON");
  // Deleted and overwritten content is zeroed in the file, not left in free space (issue 11: retention).
  db.pragma("secure_delete = ON");
  // Temporary b-trees (GROUP BY, subqueries of triggers) in memory: on file, each would open a temporary
  // file, which made the indicators' triggers cost more than the insert itself (issue 13). They are small.
  db.pragma("temp_store = MEMORY");
  // Migration 6's backfill and triggers call them (issue 13: indicators).
  registerIndicatorFunctions(db);
  migrate(db, (options.now ?? (() => new Date()))());

  const selectKey = db.prepare<
    [string],
    { fingerprint: string; created_at: number; response: string | null }
  >(
    "SELECT fingerprint, created_at, response FROM idempotency_keys WHERE key = ?",
  );
  const upsertKey = db.prepare(
    `INSERT INTO idempotency_keys (key, fingerprint, created_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, created_at = excluded.created_at`,
  );
  const deletePendingKey = db.prepare(
    "DELETE FROM idempotency_keys WHERE key = ? AND response IS NULL",
  );
  const completeKey = db.prepare(
    "UPDATE idempotency_keys SET response = ? WHERE key = ?",
  );
  const purgeKeys = db.prepare(
    "DELETE FROM idempotency_keys WHERE created_at < ?",
  );
  const nextSequence = db.prepare<[number], { last: number }>(
    `INSERT INTO reference_sequences (year, last) VALUES (?, 1)
     ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`,
  );
  const insertRequest = db.prepare(
    `INSERT INTO requests (reference, created_at, platform, route, category, subject, department, role, email, message, context, follow_up_hash)
     VALUES (@reference, @createdAt, @platform, @route, @category, @subject, @department, @role, @email, @message, @context, @followUpHash)`,
  );
  const selectRequest = db.prepare<[string], RequestRow>(
    "SELECT * FROM requests WHERE reference = ?",
  );
  const countRequests = db.prepare("SELECT count(*) FROM requests").pluck();

  // The claim of a key and the creation of a request, as plain steps: each is one transaction on its own,
  // and a submission is both in one (two processes on one file cannot both claim a key).
  const claimKey = (
    key: string,
    fingerprint: string,
    now: Date,
    staleAfterMs: number,
  ): IdempotencyClaim => {
    const row = selectKey.get(key);
    if (row && row.fingerprint !== fingerprint) return { state: "mismatch" };
    if (row?.response)
      return { state: "completed", response: JSON.parse(row.response) };
    if (row && now.getTime() - row.created_at < staleAfterMs)
      return { state: "in_progress" };
    upsertKey.run(key, fingerprint, now.getTime());
    return { state: "claimed" };
  };

  const createRow = (
    request: NewRequest,
    now: Date,
    idempotencyKey?: string,
    followUpHash?: (reference: string) => string,
  ): CreatedRequest => {
    const year = referenceYear(now);
    const { last } = nextSequence.get(year)!;
    const created = {
      reference: formatReference(year, last),
      createdAt: now.toISOString(),
    };
    const columns = requestColumns(request);
    insertRequest.run({
      ...created,
      platform: columns.platform,
      route: columns.route,
      category: request.category,
      subject: request.subject,
      department: columns.department ?? null,
      role: columns.role ?? null,
      email: request.email ?? null,
      message: request.message,
      context: JSON.stringify(request.context),
      followUpHash: followUpHash?.(created.reference) ?? null,
    });
    if (idempotencyKey)
      completeKey.run(
        JSON.stringify({ status: 201, body: created }),
        idempotencyKey,
      );
    return created;
  };
  const claim = db.transaction(claimKey);
  const create = db.transaction(createRow);
  const submissions = createGroupCommit(
    db,
    (submission: Submission): SubmissionOutcome => {
      const { key, fingerprint, request, now } = submission;
      const claimed = claimKey(key, fingerprint, now, submission.staleAfterMs);
      if (claimed.state !== "claimed") return claimed;
      return {
        state: "created",
        created: createRow(request, now, key, submission.followUpHash),
      };
    },
  );

  const support = createSqliteSupportStore(db);
  return mapStoreFaults<AppStore>(
    {
      ...support,
      ...createSqliteConversation(db, support.getRequestDetail),
      ...createSqliteTipStore(db),
      ...createSqliteIndicators(db),
      async claimIdempotencyKey(key, fingerprint, now, staleAfterMs) {
        return claim.immediate(key, fingerprint, now, staleAfterMs);
      },
      async releaseIdempotencyKey(key) {
        deletePendingKey.run(key);
      },
      submitRequest: submissions.run,
      async createRequest(request, now, idempotencyKey, followUpHash) {
        return create.immediate(request, now, idempotencyKey, followUpHash);
      },
      async getRequest(reference) {
        const row = selectRequest.get(reference);
        return row && toStoredRequest(row);
      },
      async countRequests() {
        return countRequests.get() as number;
      },
      async purgeIdempotencyKeys(before) {
        return purgeKeys.run(before.getTime()).changes;
      },
      async close() {
        if (!db.open) return;
        submissions.flushAll();
        db.close();
      },
    },
    sqliteFault,
  );
}
