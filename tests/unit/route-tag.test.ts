import { describe, it, expect } from "vitest";
import { PLATFORMS } from "../../api/contract/platforms.ts";
import { isRouteTag, isSecretPathWord } from "../../api/contract/redact.ts";
import {
  matchRoute,
  ROUTE_WORDS,
  tagRoute,
} from "../../api/contract/route-tag.ts";
import {
  isIdParam,
  isKnownRoute,
  ROUTE_PARAM_VALUES,
  ROUTE_PATTERNS,
  routeParamNames,
} from "../../api/contract/routes.ts";

const HEX24 = "64f1a2b3c4d5e6f708192a3b";
const UUID = "123e4567-e89b-12d3-a456-426614174000";

// A concrete path for a pattern: known values where the table has them, ids where ids go.
function samplePath(pattern: string, platform: (typeof PLATFORMS)[number]) {
  const known = ROUTE_PARAM_VALUES[platform][pattern] ?? {};
  return pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) =>
    isIdParam(name) ? HEX24 : (known[name]?.[0] ?? "exemple"),
  );
}

describe("route table", () => {
  it("lists every page of SNU-DOMAIN for both platforms", () => {
    expect(ROUTE_PATTERNS.moncompte).toHaveLength(19);
    expect(ROUTE_PATTERNS.admin).toHaveLength(15);
    expect(ROUTE_PATTERNS.moncompte).toContain("/inscription/correction/:step");
    expect(ROUTE_PATTERNS.admin).toContain("/centre/:id/:sessionId/:tab");
  });

  it("holds only unique patterns that are valid route tags", () => {
    for (const platform of PLATFORMS) {
      const patterns = ROUTE_PATTERNS[platform];
      expect(new Set(patterns).size).toBe(patterns.length);
      for (const pattern of patterns)
        expect(isRouteTag(pattern), pattern).toBe(true);
    }
  });

  it("documents param values only for existing non-id params, each safe to send", () => {
    for (const platform of PLATFORMS) {
      for (const [pattern, params] of Object.entries(
        ROUTE_PARAM_VALUES[platform],
      )) {
        expect(isKnownRoute(platform, pattern)).toBe(true);
        for (const [name, values] of Object.entries(params)) {
          expect(routeParamNames(pattern)).toContain(name);
          expect(isIdParam(name)).toBe(false);
          for (const value of values) {
            const path = pattern
              .replace(`:${name}`, value)
              .replace(/:[a-zA-Z]+/g, "x");
            expect(tagRoute(platform, path).routeParams?.[name]).toBe(value);
          }
        }
      }
    }
  });

  it("treats `id` and names ending in `Id` as ids", () => {
    expect(isIdParam("id")).toBe(true);
    expect(isIdParam("sessionId")).toBe(true);
    expect(isIdParam("step")).toBe(false);
    expect(isIdParam("tab")).toBe(false);
    expect(isIdParam("idea")).toBe(false);
  });

  it("lists a pattern's parameter names in order", () => {
    expect(routeParamNames("/centre/:id/:sessionId/:tab")).toEqual([
      "id",
      "sessionId",
      "tab",
    ]);
    expect(routeParamNames("/")).toEqual([]);
  });

  it("knows a pattern only on its own platform", () => {
    expect(isKnownRoute("admin", "/volontaire/:id/phase2")).toBe(true);
    expect(isKnownRoute("moncompte", "/volontaire/:id/phase2")).toBe(false);
    expect(isKnownRoute("admin", "/volontaire/64f1")).toBe(false);
    expect(isKnownRoute("constructor" as never, "/")).toBe(false);
  });
});

describe("tagRoute on known pages", () => {
  it("tags every pattern of the table to itself", () => {
    for (const platform of PLATFORMS) {
      for (const pattern of ROUTE_PATTERNS[platform]) {
        expect(tagRoute(platform, samplePath(pattern, platform)).route).toBe(
          pattern,
        );
      }
    }
  });

  it("sends a non-id param value as routeParams", () => {
    expect(tagRoute("moncompte", "/inscription/documents")).toEqual({
      route: "/inscription/:step",
      routeParams: { step: "documents" },
    });
  });

  it("accepts a value the table does not know", () => {
    expect(tagRoute("moncompte", "/preinscription/eligibilite")).toEqual({
      route: "/preinscription/:step",
      routeParams: { step: "eligibilite" },
    });
  });

  it("ignores the trailing slash but keeps the root as /", () => {
    expect(tagRoute("moncompte", "/phase2/").route).toBe("/phase2");
    expect(tagRoute("moncompte", "/")).toEqual({ route: "/" });
  });

  it("collapses duplicate slashes", () => {
    expect(tagRoute("moncompte", "//phase2//equivalence").route).toBe(
      "/phase2/equivalence",
    );
  });

  it("strips the base path, query and hash", () => {
    const tag = tagRoute(
      "moncompte",
      "/demo/moncompte/inscription/documents?x=1#top",
      {
        basePath: "/demo/moncompte",
      },
    );
    expect(tag).toEqual({
      route: "/inscription/:step",
      routeParams: { step: "documents" },
    });
  });

  it("accepts a base path with a trailing slash", () => {
    const tag = tagRoute("admin", "/demo/admin/dashboard", {
      basePath: "/demo/admin/",
    });
    expect(tag).toEqual({ route: "/dashboard" });
  });

  it("tags the base path itself as /", () => {
    expect(
      tagRoute("moncompte", "/demo/moncompte", { basePath: "/demo/moncompte" }),
    ).toEqual({
      route: "/",
    });
    expect(
      tagRoute("moncompte", "/demo/moncompte/?a=1", {
        basePath: "/demo/moncompte",
      }).route,
    ).toBe("/");
  });

  it("does not strip a base path that only prefixes a segment's text", () => {
    const tag = tagRoute("moncompte", "/demo/moncompte2/phase2", {
      basePath: "/demo/moncompte",
    });
    // Not the page /phase2: its unknown prefix stays, as words no route table has.
    expect(tag.route).toBe("/:id/:id/phase2");
  });

  it("replaces a 24-hex id and sends no routeParams", () => {
    expect(tagRoute("admin", `/volontaire/${HEX24}/phase2`)).toEqual({
      route: "/volontaire/:id/phase2",
    });
  });

  it("replaces a UUID id", () => {
    expect(tagRoute("moncompte", `/mission/${UUID}`)).toEqual({
      route: "/mission/:id",
    });
  });

  it("sends only the tab of a centre page, never its ids", () => {
    expect(tagRoute("admin", "/centre/abc/def/tableau-de-pointage")).toEqual({
      route: "/centre/:id/:sessionId/:tab",
      routeParams: { tab: "tableau-de-pointage" },
    });
  });

  it("never lets the token of a parent link through", () => {
    const tag = tagRoute("moncompte", "/representants-legaux/parent?token=abc");
    expect(tag).toEqual({
      route: "/representants-legaux/:step",
      routeParams: { step: "parent" },
    });
    expect(JSON.stringify(tag)).not.toContain("abc");
  });

  it.each([
    ["an id-like value", HEX24],
    ["a digits-only value", "123456"],
    ["an e-mail", "jean@exemple.fr"],
    ["a percent-encoded value", "doc%20uments"],
    ["an underscore", "mes_documents"],
    ["a value over 60 characters", "a".repeat(61)],
    ["a long letter-digit mix", "abcdef0123456789"],
  ])("drops %s from routeParams but still matches the page", (_, value) => {
    expect(tagRoute("moncompte", `/inscription/${value}`)).toEqual({
      route: "/inscription/:step",
    });
  });

  it("matches static segments case-insensitively and lowercases values", () => {
    expect(tagRoute("moncompte", "/Inscription/Documents")).toEqual({
      route: "/inscription/:step",
      routeParams: { step: "documents" },
    });
  });

  it("prefers a static segment over a parameter, whatever the table order", () => {
    const patterns = ["/a/:x/c", "/a/b/:y", "/:z/b/c", "/a/:x/:y"];
    for (const order of [patterns, [...patterns].reverse()]) {
      expect(matchRoute(order, ["a", "b", "c"])).toBe("/a/b/:y");
      expect(matchRoute(order, ["a", "q", "c"])).toBe("/a/:x/c");
      expect(matchRoute(order, ["a", "q", "r"])).toBe("/a/:x/:y");
      expect(matchRoute(order, ["q", "b", "c"])).toBe("/:z/b/c");
    }
    expect(matchRoute(patterns, ["a", "b"])).toBeUndefined();
  });

  it("prefers /inscription/correction/:step for a correction page", () => {
    expect(tagRoute("moncompte", "/inscription/correction/documents")).toEqual({
      route: "/inscription/correction/:step",
      routeParams: { step: "documents" },
    });
  });
});

describe("tagRoute on unknown pages", () => {
  it("replaces ids, e-mails and tokens with :id and lowercases the rest", () => {
    const path = `/Volontaire/123/${UUID}/${HEX24}/jean.dupont@exemple.fr/aB3dE5gH7jK9mN1pQ/Phase2`;
    expect(tagRoute("moncompte", path)).toEqual({
      route: "/volontaire/:id/:id/:id/:id/:id/phase2",
    });
  });

  it("replaces percent-encoded and over-long segments", () => {
    expect(
      tagRoute("admin", `/volontaire/jean%40x.fr/${"a".repeat(61)}`).route,
    ).toBe("/volontaire/:id/:id");
  });

  it("keeps a word of the route tables that mixes letters and digits", () => {
    expect(tagRoute("admin", "/volontaire/x/phase3").route).toBe(
      "/volontaire/:id/phase3",
    );
  });

  // Issue 11: a person's name or a short token looks like any word; only the tables' words stay.
  it("sends neither a person's name nor a short token", () => {
    const tag = tagRoute("moncompte", "/profil/jean-dupont/reset/ab3de9fg2h");
    expect(tag).toEqual({ route: "/:id/:id/:id/:id" });
    expect(isRouteTag(tag.route)).toBe(true);
  });

  it("keeps only the words of the route tables, whatever the platform", () => {
    expect(
      tagRoute("moncompte", "/Volontaire/Marie/Phase2/dossier-de-marie").route,
    ).toBe("/volontaire/:id/phase2/:id");
  });

  it("knows no secret path word among the words it keeps", () => {
    expect(ROUTE_WORDS.has("besoin-d-aide")).toBe(true);
    expect([...ROUTE_WORDS].filter(isSecretPathWord)).toEqual([]);
  });

  it("keeps the fallback tag within 200 characters", () => {
    const tag = tagRoute("admin", "/representants-legaux".repeat(30)).route;
    expect(tag.length).toBeLessThanOrEqual(200);
    expect(isRouteTag(tag)).toBe(true);
  });

  it.each([
    ["an empty string", ""],
    ["a query only", "?token=abc"],
    ["a hash only", "#/phase2"],
    ["slashes only", "///"],
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
  ])("tags %s as / without throwing", (_, path) => {
    expect(tagRoute("moncompte", path as string)).toEqual({ route: "/" });
  });

  it("roots a path given without its leading slash", () => {
    expect(tagRoute("moncompte", "phase2").route).toBe("/phase2");
  });

  it("keeps only the path of a full URL", () => {
    expect(
      tagRoute("moncompte", "https://moncompte.snu.gouv.fr/phase2?code=1")
        .route,
    ).toBe("/phase2");
  });

  it("returns a valid route tag for hostile input", () => {
    const inputs = [
      "/a b/c",
      "/é/ü",
      "/../..",
      "/:id/x",
      "/%2e%2e/x",
      "/phase2;jsessionid=ABC123",
      "/x\u0000y",
      "javascript:alert(1)",
      `/${"x".repeat(500)}`,
    ];
    for (const input of inputs) {
      const { route } = tagRoute("moncompte", input);
      expect(isRouteTag(route), `${input} → ${route}`).toBe(true);
    }
  });

  it("tags an unknown platform's pages with the fallback", () => {
    expect(tagRoute("constructor" as never, `/volontaire/${HEX24}`)).toEqual({
      route: "/volontaire/:id",
    });
  });
});

describe("tagRoute with a pattern declared by the host", () => {
  it("uses the declared pattern and reads its parameter values from the path", () => {
    expect(
      tagRoute("moncompte", "/app/etape/documents", {
        basePath: "/app",
        pattern: "/etape/:step",
      }),
    ).toEqual({ route: "/etape/:step", routeParams: { step: "documents" } });
  });

  it("keeps the declared pattern without parameters when it does not match the path", () => {
    expect(
      tagRoute("admin", "/volontaire/64f1a2b3c4d5e6f708192a3b", {
        pattern: "/volontaire/:id/phase1",
      }),
    ).toEqual({ route: "/volontaire/:id/phase1" });
  });

  // Issue 11: the value after a secret path word, or of a parameter named like a secret, never travels.
  it.each([
    ["/reset/:token", "/reset/ab3de9fg2h"],
    ["/reset/:step", "/reset/ab3de9fg2h"],
    ["/compte/:code", "/compte/ab3de9fg2h"],
    ["/invitation/:cle/:step", "/invitation/ab3de9fg2h/accepter"],
  ])(
    "sends no routeParams value that is a secret with the declared pattern %j",
    (pattern, path) => {
      const tag = tagRoute("moncompte", path, { pattern });
      expect(tag.route).toBe(pattern);
      expect(JSON.stringify(tag)).not.toContain("ab3de9fg2h");
    },
  );

  it("ignores a declared pattern with a fixed segment after a secret path word", () => {
    expect(
      tagRoute("moncompte", "/reset/ab3de9fg2h", {
        pattern: "/reset/ab3de9fg2h",
      }),
    ).toEqual({ route: "/:id/:id" });
  });

  it("ignores a declared pattern that is not a valid route tag", () => {
    expect(
      tagRoute("admin", "/volontaire/64f1a2b3c4d5e6f708192a3b", {
        pattern: "/volontaire/64f1a2b3c4d5e6f708192a3b?x=1",
      }),
    ).toEqual({ route: "/volontaire/:id" });
  });
});
