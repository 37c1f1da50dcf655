import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { createFixedClock } from "../../api/clock.ts";
import type { TipRecord } from "../../api/contract/tip-source.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import {
  createCatalogCache,
  createTipCatalog,
  watchTipWrites,
} from "../../api/tips/catalog.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { makeTipSource } from "../support/tip-sources.ts";

const NOW = new Date("2026-11-29T10:00:00Z");
const anchor = { selector: "#piece-identite-recto" };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The server's wiring (api/server.ts): a catalog that asks other processes' changes once a second. */
function serverLikeApp() {
  const file = path.join(makeTempDir(), "snu-aide.sqlite");
  const database = createSqliteStore({ file });
  closers.push(() => database.close());
  const clock = createFixedClock(NOW);
  const logger = createMemoryLogger();
  const catalog = createTipCatalog({
    store: database,
    clock,
    logger,
    otherWritersDelayMs: 1_000,
  });
  const store = watchTipWrites(database, catalog.changed);
  const app = createApp({
    store,
    clock,
    logger,
    catalog,
    config: { allowedOrigins: [], trustProxy: false, rateLimitPerMinute: 0 },
  });
  /** Another process on the same database file, as `npm run tips:import` is. */
  const otherProcess = () => {
    const other = createSqliteStore({ file });
    closers.push(() => other.close());
    return other;
  };
  return { app, store, clock, otherProcess };
}

const anchorPathsOf = async (app: ReturnType<typeof createApp>) =>
  (
    (await (await app.request("/v1/anchors?platform=moncompte")).json()) as {
      paths: string[];
    }
  ).paths;

describe("the public catalog as the server wires it", () => {
  it("serves a publication of this process on the next request, another process's import within a second", async () => {
    const { app, store, clock, otherProcess } = serverLikeApp();
    expect(await anchorPathsOf(app)).toEqual([]);

    await store.importTips(
      [makeTipSource({ id: "mc-phase1", routes: ["/phase1"], anchor })],
      NOW,
    );
    expect(await anchorPathsOf(app)).toEqual(["^/+phase1/*$"]);
    const tips = await app.request("/v1/tips?platform=moncompte");
    const etag = tips.headers.get("etag");
    expect((await tips.json()).tips).toHaveLength(1);

    await otherProcess().importTips(
      [
        makeTipSource({ id: "mc-phase1", routes: ["/phase1"], anchor }),
        makeTipSource({ id: "mc-phase2", routes: ["/phase2"], anchor }),
      ],
      NOW,
    );
    // The catalog has not asked the database again yet: the answers cached for these queries stay.
    expect(await anchorPathsOf(app)).toEqual(["^/+phase1/*$"]);
    clock.advance(1_000);
    expect(await anchorPathsOf(app)).toEqual(["^/+phase1/*$", "^/+phase2/*$"]);
    const after = await app.request("/v1/tips?platform=moncompte", {
      headers: { "If-None-Match": etag! },
    });
    expect(after.status).toBe(200);
    expect((await after.json()).tips).toHaveLength(2);
  });

  it("serves a publication through the app's store (as the console makes it) on the next request, within the delay", async () => {
    const { app, store } = serverLikeApp();
    const user = await store.createUser(
      {
        email: "a@test.fr",
        displayName: "A",
        role: "admin",
        departments: [],
        passwordHash: "x",
      },
      NOW,
    );
    await store.createTip(
      makeTipSource({ id: "mc-brouillon", anchor }),
      user.id,
      NOW,
    );
    expect(await anchorPathsOf(app)).toEqual([]);
    const published = await store.changeTip(
      "mc-brouillon",
      1,
      { action: "publish" },
      user.id,
      NOW,
    );
    expect(published.ok).toBe(true);
    expect(await anchorPathsOf(app)).toEqual(["^/+phase1/*$"]);
  });
});

describe("answers cached per catalog", () => {
  const record = (id: string) => ({ id }) as unknown as TipRecord;

  it("computes an answer once per key while the catalog is unchanged, and again once it changed", async () => {
    let records: readonly TipRecord[] = [record("a")];
    const cache = createCatalogCache<string>({ records: async () => records });
    const computed: string[] = [];
    const answer = (key: string) =>
      cache(key, (current) => {
        computed.push(key);
        return `${key}:${current.map((tip) => tip.id).join()}`;
      });
    expect(await answer("q1")).toBe("q1:a");
    expect(await answer("q1")).toBe("q1:a");
    expect(await answer("q2")).toBe("q2:a");
    expect(computed).toEqual(["q1", "q2"]);
    records = [record("a"), record("b")];
    expect(await answer("q1")).toBe("q1:a,b");
    expect(computed).toEqual(["q1", "q2", "q1"]);
  });

  it("keeps no refused query, and drops the oldest key past its limit", async () => {
    const records = [record("a")];
    const cache = createCatalogCache<string>(
      { records: async () => records },
      2,
    );
    let computations = 0;
    const answer = (key: string) =>
      cache(key, () => {
        computations++;
        if (key === "bad") throw new Error("refused");
        return key;
      });
    await expect(answer("bad")).rejects.toThrow("refused");
    await expect(answer("bad")).rejects.toThrow("refused");
    expect(computations).toBe(2);
    await answer("k1");
    await answer("k2");
    await answer("k3"); // k1 goes
    await answer("k2");
    expect(computations).toBe(5);
    await answer("k1");
    expect(computations).toBe(6);
  });
});
