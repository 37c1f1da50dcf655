import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { makeRequestBody } from "../support/factories.ts";
import { CONSOLE_HEADERS, loginAs } from "../support/support-session.ts";
import {
  createTestApp,
  fromAddress,
  postJson,
  type TestAppOptions,
} from "../support/test-app.ts";
import { makeTipSource } from "../support/tip-sources.ts";

const ORIGIN = "https://moncompte.snu.gouv.fr";
const ANCHORED = makeTipSource({
  id: "mc-documents",
  routes: ["/inscription/:step", "/phase1"],
  params: { step: ["documents"] },
  anchor: { selector: "#piece-identite-recto" },
});
const PLAIN = makeTipSource({ id: "mc-sans-ancre" });
const ADMIN_TIP = makeTipSource({
  id: "ad-valider",
  platform: "admin",
  routes: ["/volontaire/:id"],
  anchor: { selector: "#valider-dossier" },
});

async function setup(options: TestAppOptions = {}) {
  const ctx = createTestApp(options);
  await ctx.store.importTips(
    [ANCHORED, PLAIN, ADMIN_TIP],
    new Date("2026-11-01T00:00:00Z"),
  );
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    ctx.app.request("/v1/anchor-reports", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  return { ...ctx, send };
}

const report = (tip: string, route: string) => ({ tip, route });

describe("POST /v1/anchor-reports", () => {
  it("counts reports of published anchored tips on their routes and ignores the others", async () => {
    const { send, store } = await setup();
    await store.createUser(
      {
        email: "a@test.fr",
        displayName: "A",
        role: "admin",
        departments: [],
        passwordHash: "x",
      },
      new Date(),
    );
    await store.createTip(
      makeTipSource({ id: "mc-brouillon", anchor: { selector: "#x" } }),
      1,
      new Date(),
    );
    const response = await send(
      {
        platform: "moncompte",
        appVersion: "2026.11.3",
        reports: [
          report("mc-documents", "/inscription/:step"),
          report("mc-documents", "/phase1"),
          report("mc-documents", "/phase2"), // not one of its routes
          report("mc-inconnue", "/phase1"), // unknown tip
          report("mc-sans-ancre", "/phase1"), // no anchor
          report("mc-brouillon", "/phase1"), // never published
          report("ad-valider", "/volontaire/:id"), // another platform
        ],
      },
      { Origin: ORIGIN },
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2 });
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(await store.listAnchorReports()).toEqual([
      expect.objectContaining({
        tipId: "mc-documents",
        route: "/inscription/:step",
        appVersion: "2026.11.3",
        count: 1,
      }),
      expect.objectContaining({ route: "/phase1", count: 1 }),
    ]);
    await send({
      platform: "moncompte",
      reports: [report("mc-documents", "/phase1")],
    });
    const reports = await store.listAnchorReports();
    expect(reports.map((r) => [r.route, r.appVersion, r.count])).toEqual([
      ["/inscription/:step", "2026.11.3", 1],
      // Seen at the same instant: in key order.
      ["/phase1", "", 1],
      ["/phase1", "2026.11.3", 1],
    ]);
  });

  it("counts a value that is not a version as unknown: never stored, never shown", async () => {
    const { app, file, send, store } = await setup();
    const { cookie } = await loginAs(app, store, {
      email: "agent@test.fr",
      role: "agent",
    });
    const hostile = [
      "URGENT : appelez le 0899 12 34 56",
      "v".repeat(41),
      "1.2.3 <b>",
      "2026.11.3-" + "a".repeat(21),
    ];
    for (const appVersion of hostile) {
      const response = await send({
        platform: "moncompte",
        appVersion,
        reports: [report("mc-documents", "/phase1")],
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ accepted: 1 });
    }
    const kept = ["2026.11.3", "v5.2.0-rc.1", "1.4+build.7", "a1b2c3d"];
    for (const appVersion of kept)
      await send({
        platform: "moncompte",
        appVersion,
        reports: [report("mc-documents", "/phase1")],
      });
    const answer = await (
      await app.request("/support/api/anchor-reports", {
        headers: { ...CONSOLE_HEADERS, Cookie: cookie },
      })
    ).text();
    const { anchors } = JSON.parse(answer);
    expect(
      anchors.map((a: { appVersion?: string; count: number }) => [
        a.appVersion,
        a.count,
      ]),
    ).toEqual([
      [undefined, hostile.length],
      ...kept.map((version) => [version, 1]).sort(),
    ]);
    await store.close();
    const db = new Database(file, { readonly: true });
    const dump = JSON.stringify(
      db.prepare("SELECT * FROM anchor_reports").all(),
    );
    db.close();
    for (const text of [answer, dump]) {
      expect(text).not.toContain("URGENT");
      expect(text).not.toContain("0899");
      expect(text).not.toContain("vvvvv");
      expect(text).not.toContain("<b>");
    }
  });

  it("keeps at most 21 rows per tip and route, whatever the number of versions", async () => {
    const { file, send, store } = await setup();
    for (let i = 0; i < 100; i++)
      expect(
        (
          await send({
            platform: "moncompte",
            appVersion: `2026.${i}`,
            reports: [report("mc-documents", "/phase1")],
          })
        ).status,
      ).toBe(202);
    const reports = await store.listAnchorReports();
    expect(reports.reduce((sum, r) => sum + r.count, 0)).toBe(100);
    expect(reports.find((r) => r.appVersion === "")?.count).toBe(80);
    await store.close();
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare("SELECT count(*) FROM anchor_reports")
      .pluck()
      .get() as number;
    db.close();
    expect(rows).toBe(21);
  });

  it("stores nothing that identifies the sender", async () => {
    const { app, file, store } = await setup();
    const response = await app.request(
      "/v1/anchor-reports",
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "NavigateurUnique/9.9",
          Cookie: "suivi=cookie-unique",
        },
        body: JSON.stringify({
          platform: "moncompte",
          reports: [report("mc-documents", "/phase1")],
        }),
      },
      fromAddress("203.0.113.77"),
    );
    expect(response.status).toBe(202);
    await store.close();
    const db = new Database(file, { readonly: true });
    const columns = db
      .prepare("SELECT name FROM pragma_table_info('anchor_reports')")
      .pluck()
      .all();
    expect(columns).toEqual([
      "tip_id",
      "published_at",
      "route",
      "app_version",
      "count",
      "first_seen",
      "last_seen",
    ]);
    const dump = JSON.stringify(
      db.prepare("SELECT * FROM anchor_reports").all(),
    );
    db.close();
    for (const secret of ["203.0.113.77", "NavigateurUnique", "cookie-unique"])
      expect(dump).not.toContain(secret);
  });

  it("refuses an origin outside the allow-list with 403 and counts nothing", async () => {
    const { send, store } = await setup();
    const response = await send(
      { platform: "moncompte", reports: [report("mc-documents", "/phase1")] },
      { Origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("origin_not_allowed");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(await store.listAnchorReports()).toEqual([]);
  });

  it("answers the preflight of an allowed origin", async () => {
    const { app } = await setup();
    const response = await app.request("/v1/anchor-reports", {
      method: "OPTIONS",
      headers: {
        Origin: ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });

  it("answers 413 past 4 KB, 415 for another type, 400 for bad JSON", async () => {
    const { app, send } = await setup();
    const big = await send({
      platform: "moncompte",
      appVersion: "x".repeat(4200),
      reports: [report("mc-documents", "/phase1")],
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("payload_too_large");
    const text = await app.request("/v1/anchor-reports", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "{}",
    });
    expect(text.status).toBe(415);
    expect((await send("{pas du json")).status).toBe(400);
  });

  it.each([
    ["no report", { platform: "moncompte", reports: [] }, "reports"],
    [
      "21 reports",
      {
        platform: "moncompte",
        reports: Array(21).fill(report("mc-documents", "/phase1")),
      },
      "reports",
    ],
    [
      "an app version that is not a text",
      {
        platform: "moncompte",
        appVersion: 5.2,
        reports: [report("mc-documents", "/phase1")],
      },
      "appVersion",
    ],
    [
      "a raw path with an id",
      {
        platform: "admin",
        reports: [report("ad-valider", "/volontaire/64f1a2b3c4d5e6f708192a3b")],
      },
      "reports.0.route",
    ],
    [
      "an unknown key",
      {
        platform: "moncompte",
        userAgent: "x",
        reports: [report("mc-documents", "/phase1")],
      },
      "",
    ],
    ["an unknown platform", { platform: "intranet", reports: [] }, "platform"],
  ])("answers 400 validation_failed for %s", async (_name, body, path) => {
    const { send, store } = await setup();
    const response = await send(body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await store.listAnchorReports()).toEqual([]);
  });

  it("is rate limited like POST /v1/requests, on a budget of its own", async () => {
    const { app } = await setup({ rateLimitPerMinute: 2 });
    const address = fromAddress("203.0.113.9");
    const body = JSON.stringify({
      platform: "moncompte",
      reports: [report("mc-documents", "/phase1")],
    });
    const post = () =>
      app.request(
        "/v1/anchor-reports",
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body,
        },
        address,
      );
    const request = () =>
      app.request("/v1/requests", postJson(makeRequestBody()), address);
    expect((await post()).status).toBe(202);
    expect((await post()).status).toBe(202);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
    // The reports used up their budget, not the requests'.
    expect((await request()).status).toBe(201);
    expect((await request()).status).toBe(201);
    expect((await request()).status).toBe(429);
  });
});

describe("GET /support/api/anchor-reports", () => {
  it("lists broken anchors newest first, only those seen since the tip's last publication", async () => {
    const { app, store, send, clock } = await setup();
    const { cookie } = await loginAs(app, store, {
      email: "agent@test.fr",
      role: "agent",
    });
    const list = async (query = "") =>
      (
        await (
          await app.request(`/support/api/anchor-reports${query}`, {
            headers: { ...CONSOLE_HEADERS, Cookie: cookie },
          })
        ).json()
      ).anchors;
    await send({
      platform: "admin",
      appVersion: "5.2",
      reports: [report("ad-valider", "/volontaire/:id")],
    });
    clock.advance(60_000);
    await send({
      platform: "moncompte",
      reports: [
        report("mc-documents", "/phase1"),
        report("mc-documents", "/phase1"),
      ],
    });
    expect(await list()).toEqual([
      {
        tipId: "mc-documents",
        title: "Astuce mc-documents",
        platform: "moncompte",
        route: "/phase1",
        count: 2,
        firstSeen: "2026-11-29T10:01:00.000Z",
        lastSeen: "2026-11-29T10:01:00.000Z",
        selector: "#piece-identite-recto",
      },
      {
        tipId: "ad-valider",
        title: "Astuce ad-valider",
        platform: "admin",
        route: "/volontaire/:id",
        appVersion: "5.2",
        count: 1,
        firstSeen: "2026-11-29T10:00:00.000Z",
        lastSeen: "2026-11-29T10:00:00.000Z",
        selector: "#valider-dossier",
      },
    ]);
    expect(
      (await list("?platform=admin")).map((a: { tipId: string }) => a.tipId),
    ).toEqual(["ad-valider"]);

    // A new publication (a fixed anchor) hides what was reported before it.
    clock.advance(60_000);
    await store.importTips(
      [{ ...ANCHORED, anchor: { selector: "#recto" } }],
      clock.now(),
    );
    expect((await list()).map((a: { tipId: string }) => a.tipId)).toEqual([
      "ad-valider",
    ]);
    // …and what is reported after it counts from one: the former counts never come back.
    clock.advance(60_000);
    await send({
      platform: "moncompte",
      reports: [report("mc-documents", "/phase1")],
    });
    expect((await list())[0]).toMatchObject({
      tipId: "mc-documents",
      count: 1,
      firstSeen: "2026-11-29T10:03:00.000Z",
      selector: "#recto",
    });
  });
});

describe("GET /support/api/anchor-reports by pages", () => {
  type Row = { tipId: string; route: string; appVersion?: string };
  const keyOf = (a: Row) => `${a.tipId} ${a.route} ${a.appVersion ?? ""}`;

  async function withReports() {
    const ctx = await setup();
    const { cookie } = await loginAs(ctx.app, ctx.store, {
      email: "agent@test.fr",
      role: "agent",
    });
    const get = (query: string) =>
      ctx.app.request(`/support/api/anchor-reports${query}`, {
        headers: { ...CONSOLE_HEADERS, Cookie: cookie },
      });
    // 3 routes × (20 versions + the unknown one) = 63 rows; several seen at the same instant (ties).
    for (let i = 0; i < 24; i++) {
      if (i % 5 === 0) ctx.clock.advance(60_000);
      await ctx.send({
        platform: "moncompte",
        appVersion: `1.${i}`,
        reports: [
          report("mc-documents", "/phase1"),
          report("mc-documents", "/inscription/:step"),
        ],
      });
      await ctx.send({
        platform: "admin",
        appVersion: `5.${i}`,
        reports: [report("ad-valider", "/volontaire/:id")],
      });
    }
    return { ...ctx, get };
  }

  it("never answers more than a page: 50 rows by default, at most 200", async () => {
    const { get } = await withReports();
    const first = await (await get("")).json();
    expect(first.anchors).toHaveLength(50);
    expect(first.total).toBe(63);
    expect(typeof first.nextCursor).toBe("string");
    const big = await (await get("?limit=999")).json();
    expect(big.anchors).toHaveLength(63);
    expect(big.nextCursor).toBeUndefined();
  });

  it("returns every row exactly once across pages, in the order of a single list", async () => {
    const { get } = await withReports();
    const whole = (await (await get("?limit=200")).json()).anchors as Row[];
    const seen: Row[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: "8" });
      if (cursor) query.set("cursor", cursor);
      const response = await get(`?${query}`);
      expect(response.status).toBe(200);
      const page = await response.json();
      expect(page.anchors.length).toBeLessThanOrEqual(8);
      seen.push(...page.anchors);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(8);
    expect(seen).toEqual(whole);
    expect(new Set(seen.map(keyOf)).size).toBe(63);
    // One platform pages on its own.
    const admin = await (await get("?platform=admin&limit=15")).json();
    expect(admin.total).toBe(21);
    const rest = await (
      await get(`?platform=admin&limit=15&cursor=${admin.nextCursor}`)
    ).json();
    expect([...admin.anchors, ...rest.anchors].map(keyOf)).toEqual(
      whole.filter((a) => a.tipId === "ad-valider").map(keyOf),
    );
    expect(rest.nextCursor).toBeUndefined();
  });

  it.each([
    ["a cursor it did not give", "?cursor=pas-un-curseur", "cursor"],
    ["a limit that is not a number", "?limit=dix", "limit"],
    ["an unknown platform", "?platform=intranet", "platform"],
  ])("answers 400 validation_failed for %s", async (_name, query, path) => {
    const { get } = await withReports();
    const response = await get(query);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual([{ path, message: expect.any(String) }]);
  });
});
