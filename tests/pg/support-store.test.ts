import type pg from "pg";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import type { AppStore } from "../../api/store/app-store.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { migratePostgres } from "../../api/store/pg/pg-migrations.ts";
import { createPostgresSupportStore } from "../../api/store/pg/pg-support-store.ts";
import type { RequestChangeResult } from "../../api/store/support-types.ts";
import { createPgAppStore } from "../support/pg-app-store.ts";
import {
  createTestDatabase,
  type TestDatabase,
  truncateTables,
  useMigratedDatabase,
  waitingForLocks,
} from "../support/pg-database.ts";
import { runSupportScopeContract } from "../support/support-scope-contract.ts";
import {
  makeSpecRequest,
  runSupportStoreContract,
} from "../support/support-store-contract.ts";

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

runSupportStoreContract("postgresql", async () => {
  await truncateTables(pool);
  return createPgAppStore(pool);
});

/**
 * A store on a database of its own, dropped on close: the scope contract compares two stores filled alike
 * side by side, which must give the same internal ids.
 */
async function storeOnOwnDatabase(): Promise<AppStore> {
  const own = await createTestDatabase();
  const ownPool = createPgPool({ url: own.url, size: 4 });
  await migratePostgres(ownPool);
  const store = createPgAppStore(ownPool);
  const close = async () => {
    await store.close();
    await ownPool.end();
    await own.drop();
  };
  return new Proxy(store, {
    get: (target, name) =>
      name === "close" ? close : target[name as keyof AppStore],
  });
}
runSupportScopeContract("postgresql", storeOnOwnDatabase);

const ALL = { kind: "all" } as const;
const at = (iso: string) => new Date(iso);

async function addAgent(store: AppStore, email = "agent@snu.example") {
  return store.createUser(
    {
      email,
      displayName: "Sacha",
      role: "agent",
      departments: [],
      passwordHash: "hash",
    },
    at("2026-04-01T00:00:00Z"),
  );
}

describe("postgresql support store", () => {
  it("lets one of two instances saving the same version at once change the request; the other gets a conflict", async () => {
    await truncateTables(pool);
    const store = createPgAppStore(pool);
    const agent = await addAgent(store);
    const { reference } = await store.createRequest(
      makeSpecRequest(),
      at("2026-05-04T08:00:00Z"),
    );
    const pools = [1, 2].map(() =>
      createPgPool({ url: database.url, size: 1 }),
    );
    const locker = await pool.connect();
    let locked = true;
    const unlock = async () => {
      if (!locked) return;
      locked = false;
      await locker.query("COMMIT");
      locker.release();
    };
    onTestFinished(async () => {
      await unlock();
      await Promise.all(pools.map((p) => p.end()));
    });
    // A third connection holds the row: both saves have read nothing yet when it lets go.
    await locker.query("BEGIN");
    await locker.query(
      "SELECT 1 FROM requests WHERE reference = $1 FOR UPDATE",
      [reference],
    );
    const saves = pools.map((p, i) =>
      createPostgresSupportStore(p).updateRequest(
        ALL,
        reference,
        {
          expectedVersion: 1,
          actorId: agent.id,
          status: i === 0 ? "in_progress" : "closed",
        },
        at("2026-05-05T09:00:00Z"),
      ),
    );
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(2));
    await unlock();
    const results: RequestChangeResult[] = await Promise.all(saves);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    const loser = results.find((result) => !result.ok);
    expect(loser).toMatchObject({
      reason: "conflict",
      current: { version: 2 },
    });
    const detail = await store.getRequestDetail(ALL, reference);
    expect(detail?.version).toBe(2);
    expect(detail?.events.map((event) => event.type)).toEqual([
      "created",
      "status",
    ]);
  });

  it("sets when a wait began and when a request was resolved as its status changes, keeping the latter once closed", async () => {
    await truncateTables(pool);
    const store = createPgAppStore(pool);
    const agent = await addAgent(store);
    const { reference } = await store.createRequest(
      makeSpecRequest(),
      at("2026-05-04T08:00:00Z"),
    );
    const dates = async () =>
      (
        await pool.query<{
          waiting_since: Date | null;
          resolved_at: Date | null;
        }>(
          "SELECT waiting_since, resolved_at FROM requests WHERE reference = $1",
          [reference],
        )
      ).rows[0];
    const move = (
      version: number,
      status: "waiting_user" | "resolved" | "closed",
      when: string,
    ) =>
      store.updateRequest(
        ALL,
        reference,
        { expectedVersion: version, actorId: agent.id, status },
        at(when),
      );
    await move(1, "waiting_user", "2026-05-05T09:00:00Z");
    expect(await dates()).toEqual({
      waiting_since: at("2026-05-05T09:00:00Z"),
      resolved_at: null,
    });
    const resolved = await move(2, "resolved", "2026-05-06T09:00:00Z");
    expect(resolved.ok && resolved.detail.resolvedAt).toBe(
      "2026-05-06T09:00:00.000Z",
    );
    expect(await dates()).toEqual({
      waiting_since: null,
      resolved_at: at("2026-05-06T09:00:00Z"),
    });
    const closed = await move(3, "closed", "2026-05-07T09:00:00Z");
    expect(closed.ok && closed.detail.resolvedAt).toBe(
      "2026-05-06T09:00:00.000Z",
    );
  });

  it("searches words as FTS5 cuts them: apostrophes, dots and underscores separate, ligatures fold both ways", async () => {
    await truncateTables(pool);
    const store = createPgAppStore(pool);
    const create = async (message: string) =>
      (
        await store.createRequest(
          makeSpecRequest({ message }),
          at("2026-05-04T08:00:00Z"),
        )
      ).reference;
    const apostrophe = await create("Problème avec l’inscription de ma sœur");
    const file = await create(
      "Le fichier releve_notes.pdf refuse, version 2.5",
    );
    const plain = await create("Ma soeur a un oeuvre");
    const found = async (q: string) =>
      (await store.listRequests(ALL, { q }, { limit: 10 })).items
        .map((item) => item.reference)
        .sort();
    expect(await found("inscription")).toEqual([apostrophe]);
    expect(await found("notes pdf")).toEqual([file]);
    expect(await found("releve 5")).toEqual([file]);
    expect(await found("sœur")).toEqual([apostrophe, plain].sort());
    expect(await found("soeur")).toEqual([apostrophe, plain].sort());
    expect(await found("œuvre")).toEqual([plain]);
  });

  it("counts per status from its tallies as requests arrive and change, like a count of the rows", async () => {
    await truncateTables(pool);
    const store = createPgAppStore(pool);
    const agent = await addAgent(store);
    const references: string[] = [];
    for (const department of ["75", "75", "13", null])
      references.push(
        (
          await store.createRequest(
            makeSpecRequest({ department }),
            at("2026-05-04T08:00:00Z"),
          )
        ).reference,
      );
    for (const [i, status] of [
      [0, "resolved"],
      [2, "closed"],
      [3, "in_progress"],
    ] as const)
      await store.updateRequest(
        ALL,
        references[i]!,
        { expectedVersion: 1, actorId: agent.id, status },
        at("2026-05-05T09:00:00Z"),
      );
    const { rows } = await pool.query<{
      department: string;
      status: string;
      n: number;
    }>(
      `SELECT department, status, n::int AS n FROM request_counts WHERE n <> 0 ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { department: "", status: "in_progress", n: 1 },
      { department: "13", status: "closed", n: 1 },
      { department: "75", status: "new", n: 1 },
      { department: "75", status: "resolved", n: 1 },
    ]);
    expect((await store.countByStatus(ALL, {})).counts).toEqual({
      new: 1,
      in_progress: 1,
      waiting_user: 0,
      resolved: 1,
      closed: 1,
    });
  });
});
