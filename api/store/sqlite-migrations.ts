import type Database from "better-sqlite3";
import { SUPPORT_CONSOLE_SQL } from "./sqlite-migration-2.ts";
import { TIPS_SQL } from "./sqlite-migration-3.ts";
import { CONVERSATION_SQL } from "./sqlite-migration-4.ts";
import { SESSION_ACTIVITY_SQL } from "./sqlite-migration-5.ts";
import { INDICATORS_SQL } from "./sqlite-migration-6.ts";
import { DEPARTMENT_TOTALS_SQL } from "./sqlite-migration-7.ts";
import { SEARCH_PREFIXES_SQL } from "./sqlite-migration-8.ts";

/** Schema changes, applied in order once each and recorded in `schema_migrations`. Never edit a shipped one. */
export const MIGRATIONS: readonly {
  version: number;
  name: string;
  sql: string;
}[] = [
  {
    version: 1,
    name: "requests and idempotency keys",
    sql: `
      CREATE TABLE requests (
        id          INTEGER PRIMARY KEY,
        reference   TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'new',
        platform    TEXT NOT NULL,
        route       TEXT NOT NULL,
        category    TEXT NOT NULL,
        subject     TEXT NOT NULL,
        department  TEXT,
        role        TEXT,
        email       TEXT,
        message     TEXT NOT NULL,
        context     TEXT NOT NULL
      ) STRICT;
      -- The console lists newest first and filters on page, département and status (issue 4).
      CREATE INDEX requests_by_page ON requests (platform, route, id);
      CREATE INDEX requests_by_department ON requests (department, id);
      CREATE INDEX requests_by_status ON requests (status, id);
      CREATE TABLE reference_sequences (
        year  INTEGER PRIMARY KEY,
        last  INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE idempotency_keys (
        key          TEXT PRIMARY KEY,
        fingerprint  TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        response     TEXT
      ) STRICT;
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
    `,
  },
  {
    version: 2,
    name: "support console: accounts, sessions, timeline, search",
    sql: SUPPORT_CONSOLE_SQL,
  },
  {
    version: 3,
    name: "tips in the database, anchor reports, tip editors",
    sql: TIPS_SQL,
  },
  {
    version: 4,
    name: "conversation, mail outbox, ratings, reply templates, follow-up tokens",
    sql: CONVERSATION_SQL,
  },
  {
    version: 5,
    name: "console sessions: last activity, for the idle timeout",
    sql: SESSION_ACTIVITY_SQL,
  },
  {
    version: 6,
    name: "indicators: counters, durations and histograms kept by triggers, widget counters",
    sql: INDICATORS_SQL,
  },
  {
    version: 7,
    name: "indicators: running totals per département, widget counters by line",
    sql: DEPARTMENT_TOTALS_SQL,
  },
  {
    version: 8,
    name: "full-text search: prefix indexes of 3 and 4 characters",
    sql: SEARCH_PREFIXES_SQL,
  },
];

/** Brings the database to the latest schema (or `migrations`, for tests), each migration in its own transaction. */
export function migrate(
  db: Database.Database,
  now: Date,
  migrations: readonly {
    version: number;
    name: string;
    sql: string;
  }[] = MIGRATIONS,
): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    db
      .prepare("SELECT version FROM schema_migrations")
      .pluck()
      .all() as number[],
  );
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
  );
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now.toISOString());
    })();
  }
}
