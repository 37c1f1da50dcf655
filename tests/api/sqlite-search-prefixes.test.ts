import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { registerIndicatorFunctions } from "../../api/store/sqlite-indicator-functions.ts";
import { MIGRATIONS, migrate } from "../../api/store/sqlite-migrations.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import type { Scope } from "../../api/store/support-types.ts";
import { makeNewRequest } from "../support/factories.ts";
import { makeSpecRequest } from "../support/support-store-contract.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// Migration 8: the full-text index created again with prefix indexes (3 and 4 characters), rebuilt from the
// requests already stored.

const dir = makeTempDir();
const ALL: Scope = { kind: "all" };
const MESSAGES = [
  "Ma convocation pour le séjour n'est pas arrivée.",
  "La conférence de rentrée est-elle obligatoire ?",
  "Je n'arrive pas à me connecter à mon compte.",
  "Où est le point de rassemblement ?",
];

/** A database as release 7 left it, holding MESSAGES (indexed by that release's triggers). */
function databaseAtMigration7(): string {
  const file = path.join(dir, `at-7-${Date.now()}.sqlite`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  registerIndicatorFunctions(db); // the indicators' triggers call them
  migrate(
    db,
    new Date("2026-01-01T00:00:00Z"),
    MIGRATIONS.filter((m) => m.version <= 7),
  );
  const insert = db.prepare(
    `INSERT INTO requests (reference, created_at, status, platform, route, category, subject, department, role, email, message, context)
     VALUES (?, ?, 'new', 'moncompte', '/phase1', 'QUESTION', 'PHASE_1_LUGGAGE', '75', 'young', NULL, ?, ?)`,
  );
  const context = JSON.stringify(makeSpecRequest().context);
  MESSAGES.forEach((message, i) =>
    insert.run(
      `SNU-2026-00000${i + 1}`,
      `2026-03-0${i + 1}T08:00:00.000Z`,
      message,
      context,
    ),
  );
  db.prepare(
    "INSERT INTO reference_sequences (year, last) VALUES (2026, 4)",
  ).run();
  db.close();
  return file;
}

describe("sqlite migration 8: prefix indexes for the search", () => {
  it("rebuilds the index of the requests already stored, with its prefixes, and keeps its triggers working", async () => {
    const file = databaseAtMigration7();
    const store = createSqliteStore({ file });
    const search = async (q: string) =>
      (await store.listRequests(ALL, { q }, { limit: 10 })).items.map(
        (item) => item.reference,
      );

    expect(await search("con")).toEqual([
      "SNU-2026-000003",
      "SNU-2026-000002",
      "SNU-2026-000001",
    ]);
    expect(await search("conv sejour")).toEqual(["SNU-2026-000001"]);
    expect(await search("conf")).toEqual(["SNU-2026-000002"]);
    expect(await search("connect")).toEqual(["SNU-2026-000003"]);
    expect(await search("rassemblement")).toEqual(["SNU-2026-000004"]);

    // Written after the migration: the triggers on requests feed the new index.
    const { reference } = await store.createRequest(
      makeNewRequest({ message: "Une contestation de mon affectation." }),
      new Date("2026-03-09T08:00:00Z"),
    );
    expect(await search("cont")).toEqual([reference]);
    expect(await search("con")).toHaveLength(4);
    await store.close();

    const db = new Database(file, { readonly: true });
    const definition = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'requests_fts'")
      .pluck()
      .get() as string;
    expect(definition).toMatch(/prefix = '3 4'/);
    db.close();
    // The update and delete triggers feed it too (a message replaced, as retention does; a request removed).
    const writable = new Database(file);
    writable
      .prepare("UPDATE requests SET message = ? WHERE reference = ?")
      .run("Message remplacé.", "SNU-2026-000001");
    writable
      .prepare("DELETE FROM requests WHERE reference = ?")
      .run("SNU-2026-000004");
    const match = (query: string) =>
      writable
        .prepare("SELECT count(*) FROM requests_fts WHERE requests_fts MATCH ?")
        .pluck()
        .get(query);
    expect(match('"conv"*')).toBe(0);
    expect(match('"remp"*')).toBe(1);
    expect(match('"rassemblement"')).toBe(0);
    // FTS5's own check of an external-content index against its table: every request indexed, nothing else.
    expect(() =>
      writable
        .prepare(
          "INSERT INTO requests_fts (requests_fts, rank) VALUES ('integrity-check', 1)",
        )
        .run(),
    ).not.toThrow();
    writable.close();
  });
});
