import type pg from "pg";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { createFixedClock } from "../../api/clock.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { createPostgresSupportUsers } from "../../api/store/pg/pg-support-users.ts";
import { createPostgresTipStore } from "../../api/store/pg/pg-tip-store.ts";
import type {
  AnchorReport,
  TipChange,
  TipChangeResult,
} from "../../api/store/tip-types.ts";
import { createTipCatalog } from "../../api/tips/catalog.ts";
import { createPgAppStore } from "../support/pg-app-store.ts";
import {
  holdLocks,
  type TestDatabase,
  truncateTables,
  useMigratedDatabase,
  waitingForLocks,
} from "../support/pg-database.ts";
import { makeTipSource } from "../support/tip-sources.ts";
import { runTipStoreContract } from "../support/tip-store-contract.ts";

let pool: pg.Pool;
let database: TestDatabase;
useMigratedDatabase((opened) => ({ pool, database } = opened));

runTipStoreContract("postgresql", async () => {
  await truncateTables(pool);
  return createPgAppStore(pool);
});

const T1 = new Date("2026-05-01T10:00:00Z");
const T2 = new Date("2026-05-02T10:00:00Z");

/** `n` instances on the test database: each its own pool (its own connections) and tip store. */
function instances(n: number, size = 2) {
  const pools = Array.from({ length: n }, () =>
    createPgPool({ url: database.url, size }),
  );
  onTestFinished(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });
  return pools.map((p) => createPostgresTipStore(p));
}

async function anEditor(): Promise<number> {
  const user = await createPostgresSupportUsers(pool).createUser(
    {
      email: "editor@snu.example",
      displayName: "Editor",
      role: "admin",
      departments: [],
      passwordHash: "hash",
    },
    T1,
  );
  return user.id;
}

/** A third connection holding the rows `lockSql` locks until `unlock` (at the latest, the test's end). */
const holdLock = async (lockSql: string, values: unknown[] = []) =>
  (await holdLocks(pool, lockSql, values)).release;

describe("postgresql tip store, two instances on one database", () => {
  it("serves a publication made on one instance from the other's catalog at once; a draft save moves nothing", async () => {
    await truncateTables(pool);
    const [a, b] = instances(2);
    const editor = await anEditor();
    const catalog = createTipCatalog({
      store: b!,
      clock: createFixedClock(T1),
      logger: createMemoryLogger(),
    });
    const source = makeTipSource({ id: "mc-publiee" });
    await a!.createTip(source, editor, T1);
    expect(await catalog.records()).toEqual([]);
    const before = await b!.tipsStamp();
    const change = (version: number, tipChange: TipChange) =>
      a!.changeTip(source.id, version, tipChange, editor, T2);
    expect(await change(1, { action: "publish" })).toMatchObject({ ok: true });
    const published = await b!.tipsStamp();
    expect(published).not.toBe(before);
    expect((await catalog.records()).map((tip) => tip.id)).toEqual([source.id]);
    await change(2, {
      action: "edit",
      source: { ...source, title: "Autre titre" },
    });
    expect(await b!.tipsStamp()).toBe(published);
    await change(3, { action: "unpublish" });
    expect(await b!.tipsStamp()).not.toBe(published);
    expect(await catalog.records()).toEqual([]);
  });

  it("moves the stamp with the publication's commit, never before it", async () => {
    await truncateTables(pool);
    const [a, b] = instances(2);
    const editor = await anEditor();
    // The stamp's row as migration 4 leaves it (truncateTables empties it).
    await pool.query(
      "INSERT INTO tips_catalog_stamp (id, value) VALUES (1, 0)",
    );
    const source = makeTipSource({ id: "mc-en-cours" });
    await a!.createTip(source, editor, T1);
    const before = await b!.tipsStamp();
    // The publication stops at the stamp's row, its tip already written in its transaction.
    const unlock = await holdLock(
      "SELECT 1 FROM tips_catalog_stamp WHERE id = 1 FOR UPDATE",
    );
    const publishing = a!.changeTip(
      source.id,
      1,
      { action: "publish" },
      editor,
      T2,
    );
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(1));
    expect(await b!.tipsStamp()).toBe(before);
    expect(await b!.getTip(source.id)).toMatchObject({ published: null });
    await unlock();
    expect(await publishing).toMatchObject({ ok: true });
    expect(await b!.tipsStamp()).not.toBe(before);
    expect(await b!.getTip(source.id)).toMatchObject({ published: source });
  });

  it("lets one of two editors changing a tip at once on two instances win; the other gets the conflict", async () => {
    await truncateTables(pool);
    const [a, b] = instances(2);
    const editor = await anEditor();
    const source = makeTipSource({ id: "mc-disputee" });
    await a!.createTip(source, editor, T1);
    // Both changes start while a third transaction holds the tip: both were planned on version 1.
    const unlock = await holdLock(
      "SELECT 1 FROM tips WHERE id = $1 FOR UPDATE",
      [source.id],
    );
    const edit = (title: string) => ({
      action: "edit" as const,
      source: { ...source, title },
    });
    const first = a!.changeTip(source.id, 1, edit("Titre A"), editor, T2);
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(1));
    const second = b!.changeTip(source.id, 1, edit("Titre B"), editor, T2);
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(2));
    await unlock();
    const outcomes: TipChangeResult[] = await Promise.all([first, second]);
    const winner = outcomes.find((outcome) => outcome.ok);
    expect(winner).toMatchObject({ ok: true, tip: { version: 2 } });
    const loser = outcomes.find((outcome) => outcome !== winner);
    expect(loser).toEqual({
      ok: false,
      reason: "conflict",
      current: winner!.ok && winner!.tip,
    });
    expect(await b!.getTip(source.id)).toEqual(winner!.ok && winner!.tip);
    expect(await a!.listTipVersions(source.id)).toHaveLength(2);
  });

  it("imports a file whose tip another instance is creating at that moment as an update of that tip", async () => {
    await truncateTables(pool);
    const [a, b] = instances(2);
    const editor = await anEditor();
    const source = makeTipSource({ id: "mc-simultanee" });
    // The creation stops at its foreign-key check on the account, its tip row inserted, not committed.
    const unlock = await holdLock(
      "SELECT 1 FROM support_users WHERE id = $1 FOR UPDATE",
      [editor],
    );
    const creating = a!.createTip(source, editor, T1);
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(1));
    // The import does not see the tip yet, plans its creation and meets the uncommitted row.
    const importing = b!.importTips([source], T2);
    await vi.waitFor(async () => expect(await waitingForLocks(pool)).toBe(2));
    await unlock();
    expect(await creating).toMatchObject({ version: 1 });
    expect(await importing).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      withdrawn: 0,
    });
    expect(
      (await a!.listTipVersions(source.id)).map((row) => row.action),
    ).toEqual(["import", "create"]);
  });

  const report = (appVersion: string): AnchorReport => ({
    tipId: "mc-ancree",
    publishedAt: T1.toISOString(),
    route: "/phase1",
    appVersion,
  });

  it("adds up exactly the anchor reports two instances count at once", async () => {
    await truncateTables(pool);
    const [a, b] = instances(2, 4);
    await a!.importTips([makeTipSource({ id: "mc-ancree" })], T1);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a! : b!).recordAnchorReports([report("2.0")], T2),
      ),
    );
    expect(await b!.listAnchorReports()).toEqual([
      {
        ...report("2.0"),
        count: 60,
        firstSeen: T2.toISOString(),
        lastSeen: T2.toISOString(),
      },
    ]);
  });

  it("keeps the bound of 20 app versions when two instances count new versions at once", async () => {
    await truncateTables(pool);
    const [a, b] = instances(2, 4);
    await a!.importTips([makeTipSource({ id: "mc-ancree" })], T1);
    const versions = Array.from({ length: 30 }, (_, i) => `1.0.${i}`);
    await Promise.all(
      versions.map((version, i) =>
        (i % 2 ? a! : b!).recordAnchorReports([report(version)], T2),
      ),
    );
    const rows = await a!.listAnchorReports();
    expect(rows.filter((row) => row.appVersion !== "")).toHaveLength(20);
    expect(rows.find((row) => row.appVersion === "")?.count).toBe(10);
  });
});
