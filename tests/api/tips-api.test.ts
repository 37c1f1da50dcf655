import { describe, expect, it } from "vitest";
import type { TipRecord } from "../../api/contract/tip-source.ts";
import { createTestApp } from "../support/test-app.ts";

const body = (text: string) => [{ type: "p" as const, children: [text] }];
const tip = (
  overrides: Partial<TipRecord> & Pick<TipRecord, "id">,
): TipRecord => ({
  platform: "moncompte",
  routes: ["/phase1"],
  params: {},
  roles: [],
  statuses: [],
  title: `Astuce ${overrides.id}`,
  body: body("Texte"),
  priority: 0,
  ...overrides,
});

const TIPS: TipRecord[] = [
  tip({ id: "mc-phase1-general" }),
  tip({
    id: "mc-phase1-affecte",
    statuses: ["AFFECTED"],
    priority: 5,
    link: "https://support.snu.gouv.fr/a",
  }),
  tip({
    id: "mc-documents",
    routes: ["/inscription/:step"],
    params: { step: ["documents", "televersement"] },
  }),
  tip({
    id: "mc-consentement",
    routes: ["/inscription/:step"],
    params: { step: ["consentement"] },
  }),
  tip({
    id: "ad-volontaire-referent",
    platform: "admin",
    routes: ["/volontaire/:id"],
    roles: ["referent_department"],
  }),
  tip({
    id: "ad-volontaire-tous",
    platform: "admin",
    routes: ["/volontaire/:id"],
    anchor: { selector: "#valider" },
  }),
  tip({
    id: "ad-centre-pointage",
    platform: "admin",
    routes: ["/centre/:id/:sessionId/:tab"],
    params: { tab: ["tableau-de-pointage"] },
  }),
];

async function ids(query: string) {
  const { app } = createTestApp({ tips: TIPS });
  const response = await app.request(`/v1/tips?${query}`);
  expect(response.status).toBe(200);
  const { tips } = (await response.json()) as { tips: { id: string }[] };
  return tips.map((t) => t.id);
}

describe("GET /v1/tips", () => {
  it("returns the tips of a route, best first, in the wire shape", async () => {
    const { app } = createTestApp({ tips: TIPS });
    const response = await app.request(
      "/v1/tips?platform=moncompte&route=/phase1",
    );
    expect(await response.json()).toEqual({
      tips: [
        {
          id: "mc-phase1-affecte",
          title: "Astuce mc-phase1-affecte",
          body: body("Texte"),
          link: "https://support.snu.gouv.fr/a",
        },
        {
          id: "mc-phase1-general",
          title: "Astuce mc-phase1-general",
          body: body("Texte"),
        },
      ],
    });
  });

  it("filters by status when the page gives one", async () => {
    expect(
      await ids("platform=moncompte&route=/phase1&status=WAITING_AFFECTATION"),
    ).toEqual(["mc-phase1-general"]);
    expect(
      await ids("platform=moncompte&route=/phase1&status=AFFECTED"),
    ).toEqual(["mc-phase1-affecte", "mc-phase1-general"]);
  });

  it("filters by role when the page gives one", async () => {
    expect(
      await ids("platform=admin&route=/volontaire/:id&role=head_center"),
    ).toEqual(["ad-volontaire-tous"]);
    expect(
      await ids(
        "platform=admin&route=/volontaire/:id&role=referent_department",
      ),
    ).toEqual(["ad-volontaire-referent", "ad-volontaire-tous"]);
  });

  it("matches route parameters given under their own name", async () => {
    expect(
      await ids("platform=moncompte&route=/inscription/:step&step=documents"),
    ).toEqual(["mc-documents"]);
    expect(
      await ids(
        "platform=moncompte&route=/inscription/:step&step=consentement",
      ),
    ).toEqual(["mc-consentement"]);
    expect(await ids("platform=moncompte&route=/inscription/:step")).toEqual(
      [],
    );
    expect(
      await ids(
        "platform=admin&route=/centre/:id/:sessionId/:tab&tab=tableau-de-pointage",
      ),
    ).toEqual(["ad-centre-pointage"]);
  });

  it("returns every tip of the platform without a route, and includes anchors", async () => {
    const { app } = createTestApp({ tips: TIPS });
    const { tips } = await (
      await app.request("/v1/tips?platform=admin")
    ).json();
    expect(tips.map((t: { id: string }) => t.id)).toEqual([
      "ad-centre-pointage",
      "ad-volontaire-referent",
      "ad-volontaire-tous",
    ]);
    expect(tips[2].anchor).toEqual({ selector: "#valider" });
  });

  it.each([
    ["route=/phase1", "platform"],
    ["platform=intranet", "platform"],
    ["platform=moncompte&route=/volontaire/64f1a2b3c4d5e6f708192a3b", "route"],
    ["platform=moncompte&role=king", "role"],
    ["platform=moncompte&status=HAPPY", "status"],
    [
      "platform=moncompte&route=/inscription/:step&step=<script>",
      "params.step",
    ],
  ])("answers 400 validation_failed for %s", async (query, path) => {
    const { app } = createTestApp({ tips: TIPS });
    const response = await app.request(`/v1/tips?${query}`);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation_failed");
    expect(error.details[0].path).toBe(path);
  });

  it("refuses unknown or repeated query parameters, and id parameters of the route", async () => {
    const { app } = createTestApp({ tips: TIPS });
    for (const query of [
      "platform=moncompte&email=a@b.fr",
      "platform=moncompte&platform=admin",
      "platform=admin&route=/volontaire/:id&id=64f1a2b3c4d5e6f708192a3b",
    ]) {
      const response = await app.request(`/v1/tips?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text()).not.toContain("a@b.fr");
    }
  });
});
