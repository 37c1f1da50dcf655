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

const SUBMITTED_AT = new Date("2026-06-01T12:00:00Z");
/** Submission number i, with its own key and body fingerprint. */
const submission = (i: number, message = `Demande ${i}`) => ({
  key: `key-${i}`,
  fingerprint: `fp-${i}`,
  request: makeNewRequest({ message }),
  now: SUBMITTED_AT,
  staleAfterMs: 60_000,
});

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

  it("stores a submission's key only with its request: after a failed insert the same key goes through", async () => {
    const file = newFile();
    const store = createSqliteStore({ file });
    const other = new Database(file);
    other.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON requests BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    const first = submission(1);
    await expect(store.submitRequest(first)).rejects.toThrow("refused");
    // Claimed in a transaction of its own, the key would now be « in progress » for a minute.
    expect(
      other.prepare("SELECT count(*) FROM idempotency_keys").pluck().get(),
    ).toBe(0);
    other.exec("DROP TRIGGER refuse");
    other.close();
    expect((await store.submitRequest(first)).state).toBe("created");
    await store.close();
  });

  it("commits the submissions of one turn together, each on its own: one refused, one key sent twice", async () => {
    // (That they share one commit is what bench:requests measures; here, that each keeps its own outcome.)
    const file = newFile();
    const store = createSqliteStore({ file });
    const other = new Database(file);
    other.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON requests WHEN new.message = 'refusée' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    other.close();
    const now = SUBMITTED_AT;
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) =>
        store.submitRequest(submission(i)),
      ),
      store.submitRequest(submission(10, "refusée")),
      store.submitRequest(submission(3)),
    ]);
    const references = outcomes
      .slice(0, 10)
      .map((o) =>
        o.status === "fulfilled" && o.value.state === "created"
          ? o.value.created.reference
          : o.status,
      );
    expect(references).toEqual(
      Array.from(
        { length: 10 },
        (_, i) => `SNU-2026-${String(i + 1).padStart(6, "0")}`,
      ),
    );
    expect(outcomes[10]).toMatchObject({
      status: "rejected",
      reason: { message: "refused" },
    });
    // The same key again, in the same batch: the answer of the first, replayed.
    expect(outcomes[11]).toEqual({
      status: "fulfilled",
      value: {
        state: "completed",
        response: {
          status: 201,
          body: { reference: "SNU-2026-000004", createdAt: now.toISOString() },
        },
      },
    });
    expect(await store.countRequests()).toBe(10);
    await store.close();
  });

  it("fails a whole batch, storing none of it, when SQLite rolls the transaction back in the middle", async () => {
    const file = newFile();
    const store = createSqliteStore({ file });
    const other = new Database(file);
    other.exec(
      "CREATE TRIGGER roll_back BEFORE INSERT ON requests WHEN new.message = 'annulée' BEGIN SELECT RAISE(ROLLBACK, 'rolled back'); END",
    );
    const outcomes = await Promise.allSettled([
      store.submitRequest(submission(1)),
      store.submitRequest(submission(2, "annulée")),
      store.submitRequest(submission(3)),
    ]);
    // The cause, for each: never « no transaction is active », and nothing stored after the rollback.
    expect(
      outcomes.map((o) => (o.status === "rejected" ? o.reason.message : o)),
    ).toEqual(["rolled back", "rolled back", "rolled back"]);
    expect(other.prepare("SELECT count(*) FROM requests").pluck().get()).toBe(
      0,
    );
    expect(
      other.prepare("SELECT count(*) FROM idempotency_keys").pluck().get(),
    ).toBe(0);
    other.exec("DROP TRIGGER roll_back");
    other.close();
    expect((await store.submitRequest(submission(3))).state).toBe("created");
    await store.close();
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
