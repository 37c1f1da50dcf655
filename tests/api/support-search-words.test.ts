import { describe, expect, it } from "vitest";
import { SEARCH_MAX_WORDS, toFtsQuery } from "../../api/store/support-rules.ts";
import { loginAs } from "../support/support-session.ts";
import { createTestApp } from "../support/test-app.ts";

// Issue 11: each word of a search is one more doclist FTS5 reads whole; a search asks for each needed word
// once and for a bounded number of them.

describe("toFtsQuery", () => {
  it("asks for each word once, drops a prefix of another word, and keeps short words whole", () => {
    expect(
      toFtsQuery("séjour sejour SÉJOUR sej séj trouss trousseau de DE à a"),
    ).toBe('"sejour"* "trousseau"* "de" "a"');
  });

  it("turns 200 characters of one repeated prefix into a single term", () => {
    const q = "sej ".repeat(50);
    expect(q.length).toBe(200);
    expect(toFtsQuery(q)).toBe('"sej"*');
    expect(toFtsQuery("se ".repeat(66))).toBe('"se"');
  });
});

describe("GET /support/api/requests?q=", () => {
  const nine = "un deux trois quatre cinq six sept huit neuf";

  it(`accepts any number of repeated words but refuses more than ${SEARCH_MAX_WORDS} distinct ones, export included`, async () => {
    const { app, store } = createTestApp();
    const { cookie } = await loginAs(app, store, {
      email: "agent@test.fr",
      role: "agent",
    });
    const get = (path: string, q: string) =>
      app.request(`${path}?q=${encodeURIComponent(q)}`, {
        headers: { Cookie: cookie },
      });
    const repeated = await get(
      "/support/api/requests",
      "sej séjour trousseau trouss ".repeat(7),
    );
    expect(repeated.status).toBe(200);
    for (const path of ["/support/api/requests", "/support/api/export.csv"]) {
      const response = await get(path, nine);
      expect(response.status, path).toBe(400);
      const message = `Recherche : ${SEARCH_MAX_WORDS} mots au plus (un mot répété, ou qui commence un autre mot de la recherche, ne compte pas).`;
      expect(await response.json()).toEqual({
        error: {
          code: "validation_failed",
          message,
          details: [{ path: "q", message }],
        },
      });
    }
  });
});
