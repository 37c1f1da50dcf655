import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { MIGRATIONS } from "../../api/store/sqlite-migrations.ts";
import { makeNewRequest } from "../support/factories.ts";
import { runStoreContract } from "../support/store-contract.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const dir = makeTempDir();
let counter = 0;
const newFile = () => path.join(dir, `store-${++counter}`, "snu-aide.sqlite");

runStoreContract("sqlite", () => createSqliteStore({ file: newFile() }));

describe("sqlite store", () => {
  it("keeps requests in the file across a close and a reopen", async () => {
    const file = newFile();
    const store = createSqliteStore({ file });
    const { reference } = await store.createRequest(
      makeNewRequest(),
      new Date("2026-06-01T12:00:00Z"),
    );
    await store.close();
    const reopened = createSqliteStore({ file });
    expect((await reopened.getRequest(reference))?.message).toBe(
      makeNewRequest().message,
    );
    const next = await reopened.createRequest(
      makeNewRequest(),
      new Date("2026-06-01T12:00:01Z"),
    );
    expect(next.reference).toBe("SNU-2026-000002");
    await reopened.close();
  });

  it("records each migration once in the database and runs in WAL mode", async () => {
    const file = newFile();
    await createSqliteStore({ file }).close();
    await createSqliteStore({ file }).close();
    const db = new Database(file, { readonly: true });
    const versions = db
      .prepare("SELECT version FROM schema_migrations ORDER BY version")
      .pluck()
      .all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("keeps platform, route tag, category, subject, département and role as columns", async () => {
    const file = newFile();
    const store = createSqliteStore({ file });
    const { reference } = await store.createRequest(
      makeNewRequest(),
      new Date("2026-06-01T12:00:00Z"),
    );
    await store.close();
    const db = new Database(file, { readonly: true });
    const row = db
      .prepare(
        "SELECT platform, route, category, subject, department, role, status FROM requests WHERE reference = ?",
      )
      .get(reference);
    expect(row).toEqual({
      platform: "moncompte",
      route: "/inscription/:step",
      category: "TECHNICAL",
      subject: "UPLOAD",
      department: "75",
      role: "young",
      status: "new",
    });
    db.close();
  });
});
