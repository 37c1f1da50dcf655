import { describe, expect, it } from "vitest";
import { anchorPaths } from "../../api/tips/anchor-paths.ts";
import { compileTipSource } from "../../api/tips/check-tip-source.ts";
import { createTestApp } from "../support/test-app.ts";
import { makeTipSource } from "../support/tip-sources.ts";

const ORIGIN = "https://moncompte.snu.gouv.fr";
const NOW = new Date("2026-11-29T10:00:00Z");

async function ids(app: ReturnType<typeof createTestApp>["app"]) {
  const response = await app.request("/v1/tips?platform=moncompte");
  return ((await response.json()) as { tips: { id: string }[] }).tips.map(
    (tip) => tip.id,
  );
}

describe("GET /v1/tips from the database", () => {
  it("is revalidated on every use: no-cache, a strong ETag, 304 with CORS headers when unchanged", async () => {
    const { app, store } = createTestApp();
    await store.importTips([makeTipSource({ id: "mc-phase1-a" })], NOW);
    const first = await app.request("/v1/tips?platform=moncompte", {
      headers: { Origin: ORIGIN },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{10,}"$/);
    const again = await app.request("/v1/tips?platform=moncompte", {
      headers: { Origin: ORIGIN, "If-None-Match": `W/${etag}, "autre"` },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(again.headers.get("cache-control")).toBe("no-cache");
  });

  it("gives another ETag to another answer, and serves a change on the next request", async () => {
    const { app, store } = createTestApp();
    await store.importTips([makeTipSource({ id: "mc-phase1-a" })], NOW);
    const before = await app.request("/v1/tips?platform=moncompte");
    const other = await app.request("/v1/tips?platform=admin");
    expect(other.headers.get("etag")).not.toBe(before.headers.get("etag"));
    await store.importTips(
      [makeTipSource({ id: "mc-phase1-a", title: "Nouveau titre" })],
      NOW,
    );
    const after = await app.request("/v1/tips?platform=moncompte", {
      headers: { "If-None-Match": before.headers.get("etag")! },
    });
    expect(after.status).toBe(200);
    expect((await after.json()).tips[0].title).toBe("Nouveau titre");
  });

  it("serves only published tips, never drafts", async () => {
    const { app, store } = createTestApp();
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
    await store.importTips([makeTipSource({ id: "mc-public" })], NOW);
    await store.createTip(makeTipSource({ id: "mc-brouillon" }), user.id, NOW);
    await store.changeTip(
      "mc-public",
      1,
      {
        action: "edit",
        source: makeTipSource({ id: "mc-public", title: "Pas encore" }),
      },
      user.id,
      NOW,
    );
    const response = await app.request("/v1/tips?platform=moncompte");
    const { tips } = await response.json();
    expect(tips.map((tip: { id: string }) => tip.id)).toEqual(["mc-public"]);
    expect(tips[0].title).toBe("Astuce mc-public");
  });

  it("leaves out a published text that no longer compiles, and logs its id only", async () => {
    const { app, store, logger } = createTestApp();
    await store.importTips(
      [
        makeTipSource({ id: "mc-valide" }),
        makeTipSource({ id: "mc-ancien", markdown: "# Titre secret" }),
      ],
      NOW,
    );
    expect(await ids(app)).toEqual(["mc-valide"]);
    const skipped = logger.lines
      .map((line) => JSON.parse(line))
      .filter((line) => line.event === "tip_skipped");
    expect(skipped).toEqual([
      expect.objectContaining({ level: "error", tipId: "mc-ancien" }),
    ]);
    expect(logger.lines.join("\n")).not.toContain("secret");
  });

  it("serves a tip from activeFrom to activeTo included, by the day in Paris", async () => {
    const { app, store, clock } = createTestApp();
    await store.importTips(
      [
        makeTipSource({ id: "mc-fini", activeTo: "2026-11-28" }),
        makeTipSource({ id: "mc-dernier-jour", activeTo: "2026-11-29" }),
        makeTipSource({ id: "mc-demain", activeFrom: "2026-11-30" }),
        makeTipSource({
          id: "mc-periode",
          activeFrom: "2026-11-01",
          activeTo: "2026-12-31",
        }),
      ],
      NOW,
    );
    expect(await ids(app)).toEqual(["mc-dernier-jour", "mc-periode"]);
    // 23:30 UTC on 29 November is already 30 November in Paris.
    clock.set("2026-11-29T23:30:00Z");
    expect(await ids(app)).toEqual(["mc-demain", "mc-periode"]);
  });
});

describe("GET /v1/anchors", () => {
  const anchor = { selector: "#piece-identite-recto" };

  it("lists the pages of a platform with anchored tips as path expressions, cached five minutes", async () => {
    const { app, store } = createTestApp();
    await store.importTips(
      [
        makeTipSource({
          id: "mc-documents",
          routes: ["/inscription/:step"],
          params: { step: ["documents"] },
          anchor,
        }),
        makeTipSource({
          id: "mc-documents-bis",
          routes: ["/inscription/:step", "/phase1"],
          params: { step: ["documents"] },
          anchor,
        }),
        makeTipSource({ id: "mc-sans-ancre", routes: ["/phase2"] }),
        makeTipSource({
          id: "ad-valider",
          platform: "admin",
          routes: ["/volontaire/:id"],
          anchor,
        }),
      ],
      NOW,
    );
    const response = await app.request("/v1/anchors?platform=moncompte", {
      headers: { Origin: ORIGIN },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      paths: ["^/+inscription/+documents/*$", "^/+phase1/*$"],
    });
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const etag = response.headers.get("etag")!;
    const again = await app.request("/v1/anchors?platform=moncompte", {
      headers: { "If-None-Match": etag },
    });
    expect(again.status).toBe(304);
    expect(
      await (await app.request("/v1/anchors?platform=admin")).json(),
    ).toEqual({ paths: ["^/+volontaire/+[^/]+/*$"] });
  });

  it("answers 400 validation_failed without a known platform, or with other parameters", async () => {
    const { app } = createTestApp();
    for (const query of [
      "",
      "?platform=intranet",
      "?platform=admin&platform=moncompte",
      "?platform=admin&route=/x",
    ]) {
      const response = await app.request(`/v1/anchors${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe("validation_failed");
    }
  });

  it("escapes static segments, restricts parameters to their values and leaves ids open", () => {
    const record = (overrides: Parameters<typeof makeTipSource>[0]) =>
      compileTipSource(makeTipSource({ anchor, ...overrides }));
    expect(
      anchorPaths(
        [
          record({
            id: "a",
            routes: ["/inscription/:step"],
            params: { step: ["documents", "televersement"] },
          }),
          record({ id: "b", routes: ["/inscription/:step"] }),
          record({ id: "c", routes: ["/"] }),
          record({ id: "d", routes: ["/besoin-d-aide"] }),
          record({
            id: "e",
            platform: "admin",
            routes: ["/centre/:id/:sessionId/:tab"],
          }),
        ],
        "moncompte",
      ),
    ).toEqual([
      "^/*$",
      "^/+besoin-d-aide/*$",
      "^/+inscription/+(?:documents|televersement)/*$",
      "^/+inscription/+[^/]+/*$",
    ]);
    expect(
      anchorPaths(
        [
          record({
            id: "e",
            platform: "admin",
            routes: ["/centre/:id/:sessionId/:tab", "/ligne-de-bus/:id"],
            params: { tab: ["general"] },
          }),
        ],
        "admin",
      ),
    ).toEqual([
      "^/+centre/+[^/]+/+[^/]+/+general/*$",
      "^/+ligne-de-bus/+[^/]+/*$",
    ]);
    const odd = anchorPaths(
      [record({ id: "f", routes: ["/a.b+(c)"] })],
      "moncompte",
    );
    expect(odd).toEqual(["^/+a\\.b\\+\\(c\\)/*$"]);
    expect(new RegExp(odd[0]!).test("/a.b+(c)")).toBe(true);
    expect(new RegExp(odd[0]!).test("/aXb+(c)")).toBe(false);
  });

  it("tolerates repeated and trailing slashes, and matches the root with an empty path", () => {
    const record = (overrides: Parameters<typeof makeTipSource>[0]) =>
      compileTipSource(makeTipSource({ anchor, ...overrides }));
    const [root, documents] = anchorPaths(
      [
        record({ id: "a", routes: ["/"] }),
        record({
          id: "b",
          routes: ["/inscription/:step"],
          params: { step: ["documents"] },
        }),
      ],
      "moncompte",
    ).map((source) => new RegExp(source, "i"));
    for (const path of ["", "/", "//"])
      expect(root!.test(path), path).toBe(true);
    expect(root!.test("/phase1")).toBe(false);
    for (const path of [
      "/inscription/documents",
      "/inscription/documents/",
      "//inscription//documents//",
      "/Inscription/Documents",
    ])
      expect(documents!.test(path), path).toBe(true);
    for (const path of [
      "/inscription/documentsx",
      "/inscription/documents/autre",
      "inscription/documents",
      "/inscription",
    ])
      expect(documents!.test(path), path).toBe(false);
  });
});
