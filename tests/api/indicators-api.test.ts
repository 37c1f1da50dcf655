import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { createFixedClock } from "../../api/clock.ts";
import { IndicatorsCheck } from "../../api/contract/indicators.ts";
import type { Identity } from "../../api/contract/request.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import type { AppStore } from "../../api/store/app-store.ts";
import { createMemoryStore } from "../../api/store/memory-store.ts";
import { createAccount } from "../../api/support/accounts.ts";
import { makeNewRequest } from "../support/factories.ts";
import {
  CONSOLE_HEADERS,
  loginAs,
  TEST_PASSWORD,
} from "../support/support-session.ts";
import { createTestApp } from "../support/test-app.ts";
import { makeTipSource } from "../support/tip-sources.ts";

// The period of these tests: Wednesday 18 to Tuesday 24 November 2026 (7 days, Paris time is UTC+1);
// the previous period is Wednesday 11 to Tuesday 17 November.
const PERIOD = "from=2026-11-18&to=2026-11-24";

/** The real app on the memory store, as the console's test server builds it. */
function createMemoryApp() {
  const store = createMemoryStore();
  const clock = createFixedClock("2026-11-29T10:00:00Z");
  const app = createApp({
    store,
    clock,
    logger: createMemoryLogger(),
    config: { allowedOrigins: [], trustProxy: false, rateLimitPerMinute: 1000 },
  });
  return { app, store, clock };
}

type Setup = ReturnType<typeof createMemoryApp>;

const on = (
  platform: "moncompte" | "admin",
  route: string,
  identity?: Identity,
) => {
  const request = makeNewRequest();
  const { routeParams: _, identity: __, ...context } = request.context;
  return {
    ...request,
    context: {
      ...context,
      platform,
      route,
      ...(identity ? { identity } : {}),
    },
  };
};

/**
 * The data set (UTC instants):
 * - R1 moncompte /inscription/:step, young 75 IN_PROGRESS, 18th 09:00; reply resolving it 18th 11:00
 *   (7 200 s); rated 5 with a comment on the 19th 08:00;
 * - R2 moncompte /inscription/:step, young 13 WAITING_CORRECTION, 19th 10:00 (Thursday); reply (waiting for
 *   the user) on the 24th 10:00: 432 000 s, after the end of Monday 23rd, its 2nd working day;
 * - R3 admin /volontaire/:id, referent_department 75, 20th 10:00, never answered;
 * - R4 moncompte /phase1, no identity, 21st 10:00; resolved on the 23rd 10:00 (172 800 s);
 * - R5 moncompte /phase1, young 75 VALIDATED, 18th 12:00; resolved 18th 15:00 (10 800 s); rated 2 with a
 *   comment on the 20th 09:00;
 * - P1 moncompte /inscription/:step, young 75 IN_PROGRESS, 12th 10:00 (previous period), never answered.
 * Widget counters, posted through POST /v1/events during the periods (listed in the test below).
 */
async function seed({ app, store, clock }: Setup) {
  await store.importTips(
    [
      makeTipSource({
        id: "mc-documents",
        routes: ["/inscription/:step"],
        roles: ["young"],
        statuses: ["IN_PROGRESS"],
      }),
      makeTipSource({ id: "mc-phase1", routes: ["/phase1"] }),
    ],
    new Date("2026-11-01T00:00:00Z"),
  );
  const agent = await createAccount(
    store,
    { email: "redacteur@test.fr", role: "agent", password: TEST_PASSWORD },
    new Date("2026-11-01T00:00:00Z"),
  );
  const all = { kind: "all" } as const;
  const hash = (reference: string) => `suivi-${reference}`;
  const create = async (request: ReturnType<typeof on>, at: string) =>
    (await store.createRequest(request, new Date(at), undefined, hash))
      .reference;
  const reply = (
    reference: string,
    at: string,
    status: "resolved" | "waiting_user",
  ) =>
    store.addReply(
      all,
      reference,
      {
        actorId: agent.id,
        text: "Voici la marche à suivre.",
        status,
        signature: "L'équipe SNU",
      },
      new Date(at),
    );
  const resolve = async (reference: string, at: string) => {
    const detail = await store.getRequestDetail(all, reference);
    const result = await store.updateRequest(
      all,
      reference,
      {
        expectedVersion: detail!.version,
        actorId: agent.id,
        status: "resolved",
      },
      new Date(at),
    );
    if (!result.ok) throw new Error(`could not resolve ${reference}`);
  };
  const rate = async (
    reference: string,
    score: 2 | 5,
    comment: string,
    at: string,
  ) => {
    const result = await store.rate(
      hash(reference),
      { score, comment },
      new Date(at),
    );
    if (!result.ok)
      throw new Error(`could not rate ${reference}: ${result.reason}`);
  };
  const young = (department: string, status: Identity["status"]): Identity => ({
    role: "young",
    department,
    status,
  });

  const refs = {
    P1: await create(
      on("moncompte", "/inscription/:step", young("75", "IN_PROGRESS")),
      "2026-11-12T10:00:00Z",
    ),
    R1: await create(
      on("moncompte", "/inscription/:step", young("75", "IN_PROGRESS")),
      "2026-11-18T09:00:00Z",
    ),
    R5: await create(
      on("moncompte", "/phase1", young("75", "VALIDATED")),
      "2026-11-18T12:00:00Z",
    ),
    R2: await create(
      on("moncompte", "/inscription/:step", young("13", "WAITING_CORRECTION")),
      "2026-11-19T10:00:00Z",
    ),
    R3: await create(
      on("admin", "/volontaire/:id", {
        role: "referent_department",
        department: "75",
      }),
      "2026-11-20T10:00:00Z",
    ),
    R4: await create(on("moncompte", "/phase1"), "2026-11-21T10:00:00Z"),
  };
  await reply(refs.R1, "2026-11-18T11:00:00Z", "resolved");
  await resolve(refs.R5, "2026-11-18T15:00:00Z");
  await rate(refs.R1, 5, "Merci, c'est réglé.", "2026-11-19T08:00:00Z");
  await rate(
    refs.R5,
    2,
    "Toujours bloqué sur la page.",
    "2026-11-20T09:00:00Z",
  );
  await resolve(refs.R4, "2026-11-23T10:00:00Z");
  await reply(refs.R2, "2026-11-24T10:00:00Z", "waiting_user");

  const post = async (at: string, events: object[]) => {
    clock.set(at);
    const response = await app.request("/v1/events", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ platform: "moncompte", events }),
    });
    if (response.status !== 204) throw new Error(await response.text());
  };
  const documents = { route: "/inscription/:step", tip: "mc-documents" };
  // Previous period: 5 openings of /inscription/:step; « attestation » searched 3 times on /phase1.
  await post("2026-11-13T10:00:00Z", [
    { event: "panel_open", route: "/inscription/:step", count: 5 },
    { event: "search_empty", route: "/phase1", term: "attestation", count: 3 },
  ]);
  await post("2026-11-19T10:00:00Z", [
    { event: "panel_open", route: "/inscription/:step", count: 8 },
    { event: "tip_read", ...documents, count: 5 },
    { event: "contact_open", route: "/inscription/:step", count: 3 },
    { event: "tip_not_helpful", ...documents, count: 2 },
    { event: "tip_helpful", ...documents },
    { event: "tip_then_request", ...documents },
    { event: "panel_open", route: "/phase1", count: 30 },
    { event: "tip_read", route: "/phase1", tip: "mc-phase1", count: 10 },
    { event: "tip_helpful", route: "/phase1", tip: "mc-phase1", count: 4 },
    { event: "contact_open", route: "/phase1", count: 2 },
    { event: "search_empty", route: "/phase1", term: "attestation", count: 2 },
    { event: "search_empty", route: "/phase1", term: "convocation", count: 2 },
  ]);
  await post("2026-11-21T10:00:00Z", [
    { event: "search_empty", route: "/phase1", term: "attestation" },
    { event: "panel_open", route: "/phase2", count: 5 },
  ]);

  clock.set("2026-11-25T10:00:00Z");
  const cookies: Record<string, string> = {};
  for (const [name, account] of Object.entries({
    admin: { email: "admin@test.fr", role: "admin" as const },
    agent: { email: "agent@test.fr", role: "agent" as const },
    referent75: {
      email: "ref75@test.fr",
      role: "referent" as const,
      departments: "75",
    },
    referent69: {
      email: "ref69@test.fr",
      role: "referent" as const,
      departments: "69",
    },
  }))
    cookies[name] = (await loginAs(app, store, account)).cookie;
  return { refs, cookies };
}

const hidden = {
  opens: null,
  tipViews: null,
  contactOpens: null,
  contactRate: null,
  previousContactRate: null,
};

describe.each([
  ["the memory store", createMemoryApp],
  ["a SQLite file", () => createTestApp() as Setup & { store: AppStore }],
])("GET /support/api/indicators on %s", (_name, makeApp) => {
  const setup = makeApp();
  let refs: Record<string, string>;
  let cookies: Record<string, string>;
  beforeAll(async () => {
    ({ refs, cookies } = await seed(setup));
  });
  const get = (actor: string | undefined, query: string) =>
    setup.app.request(`/support/api/indicators?${query}`, {
      headers: {
        ...CONSOLE_HEADERS,
        ...(actor ? { Cookie: cookies[actor]! } : {}),
      },
    });
  const read = async (actor: string, query: string) => {
    const response = await get(actor, query);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    return response.json();
  };

  it("answers the period's figures, the previous period's and the weekly series for all requests", async () => {
    const body = await read("admin", PERIOD);
    expect(IndicatorsCheck.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      from: "2026-11-18",
      to: "2026-11-24",
      previousFrom: "2026-11-11",
      previousTo: "2026-11-17",
      widgetCounters: true,
      received: 5, // R1 R2 R3 R4 R5
      handled: 3, // R1, R5 on the 18th, R4 on the 23rd
      backlog: 3, // R2 (waiting), R3, P1
      // [7 200 (R1), 432 000 (R2)]: median at rank ⌈2/2⌉ = 1, p90 at rank ⌈1.8⌉ = 2; R2 is late: 1/2
      firstResponse: {
        count: 2,
        median: 7200,
        p90: 432000,
        within2WorkingDays: 0.5,
      },
      // [7 200 (R1), 10 800 (R5), 172 800 (R4)]: median at rank ⌈1.5⌉ = 2, p90 at rank ⌈2.7⌉ = 3
      resolution: { count: 3, median: 10800, p90: 172800 },
      // 2 ratings (5 and 2): 1 satisfied of 2; 2 ratings for 3 resolutions
      satisfaction: { answers: 2, satisfied: 0.5, rate: 2 / 3 },
    });
    expect(body.pages).toEqual([
      // 2 requests (R1, R2) per 8 openings: 25.0; previous period: 1 (P1) per 5 openings: 20.0
      {
        platform: "moncompte",
        route: "/inscription/:step",
        opens: 8,
        tipViews: 5,
        contactOpens: 3,
        requests: 2,
        contactRate: 25,
        previousContactRate: 20,
      },
      // 2 (R4, R5) × 100 / 30 = 6.67 → 6.7; the previous period had no opening there
      {
        platform: "moncompte",
        route: "/phase1",
        opens: 30,
        tipViews: 10,
        contactOpens: 2,
        requests: 2,
        contactRate: 6.7,
        previousContactRate: null,
      },
      {
        platform: "moncompte",
        route: "/phase2",
        opens: 5,
        tipViews: 0,
        contactOpens: 0,
        requests: 0,
        contactRate: 0,
        previousContactRate: null,
      },
      // no widget counter on admin: no rate, last
      {
        platform: "admin",
        route: "/volontaire/:id",
        opens: 0,
        tipViews: 0,
        contactOpens: 0,
        requests: 1,
        contactRate: null,
        previousContactRate: null,
      },
    ]);
    expect(body.tips).toEqual([
      {
        id: "mc-documents",
        platform: "moncompte",
        route: "/inscription/:step",
        reads: 5,
        helpful: 1,
        notHelpful: 2,
        requestsAfter: 1,
      },
      {
        id: "mc-phase1",
        platform: "moncompte",
        route: "/phase1",
        reads: 10,
        helpful: 4,
        notHelpful: 0,
        requestsAfter: 0,
      },
    ]);
    // « attestation »: 2 on the 19th + 1 on the 21st; « convocation » (2) stays hidden.
    expect(body.searchesWithoutResult).toEqual([
      {
        platform: "moncompte",
        route: "/phase1",
        term: "attestation",
        count: 3,
      },
    ]);
    expect(body.comments).toEqual([
      {
        reference: refs.R5,
        at: "2026-11-20T09:00:00.000Z",
        score: 2,
        comment: "Toujours bloqué sur la page.",
        platform: "moncompte",
        route: "/phase1",
      },
      {
        reference: refs.R1,
        at: "2026-11-19T08:00:00.000Z",
        score: 5,
        comment: "Merci, c'est réglé.",
        platform: "moncompte",
        route: "/inscription/:step",
      },
    ]);
    expect(body.weeks).toEqual([
      // resolutions of the week: [7 200, 10 800] → median at rank 1; ratings 5 and 2
      {
        from: "2026-11-18",
        to: "2026-11-22",
        received: 5,
        handled: 2,
        resolutionMedian: 7200,
        ratings: 2,
        satisfied: 0.5,
      },
      {
        from: "2026-11-23",
        to: "2026-11-24",
        received: 0,
        handled: 1,
        resolutionMedian: 172800,
        ratings: 0,
        satisfied: null,
      },
    ]);
    expect(body.previous).toEqual({
      received: 1, // P1
      handled: 0,
      backlog: 1, // P1, still new on the 17th
      firstResponse: {
        count: 0,
        median: null,
        p90: null,
        within2WorkingDays: null,
      },
      resolution: { count: 0, median: null, p90: null },
      satisfaction: { answers: 0, satisfied: null, rate: null },
      pages: [
        {
          platform: "moncompte",
          route: "/inscription/:step",
          opens: 5,
          tipViews: 0,
          contactOpens: 0,
          requests: 1,
          contactRate: 20,
          previousContactRate: null,
        },
        {
          platform: "moncompte",
          route: "/phase1",
          opens: 0,
          tipViews: 0,
          contactOpens: 0,
          requests: 0,
          contactRate: null,
          previousContactRate: null,
        },
      ],
      tips: [],
      searchesWithoutResult: [
        {
          platform: "moncompte",
          route: "/phase1",
          term: "attestation",
          count: 3,
        },
      ],
    });
  });

  it("lists the pages and users that sent requests without being shown a tip, not those that were", async () => {
    const body = await read("agent", PERIOD);
    // R1 (young, IN_PROGRESS) is shown mc-documents, R4 and R5 mc-phase1; R2's status and R3's page have none.
    expect(body.missingTips).toEqual([
      {
        platform: "moncompte",
        route: "/inscription/:step",
        role: "young",
        status: "WAITING_CORRECTION",
        requests: 1,
      },
      {
        platform: "admin",
        route: "/volontaire/:id",
        role: "referent_department",
        status: null,
        requests: 1,
      },
    ]);
  });

  it("gives a referent the figures of their départements only, without the widget's counters", async () => {
    const body = await read("referent75", PERIOD);
    expect(IndicatorsCheck.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      widgetCounters: false,
      received: 3, // R1 R3 R5 (R2 is in the 13, R4 has no département)
      handled: 2, // R1, R5
      backlog: 2, // R3, P1
      tips: [],
      searchesWithoutResult: [],
    });
    expect(body.pages).toEqual([
      {
        platform: "moncompte",
        route: "/inscription/:step",
        requests: 1,
        ...hidden,
      },
      { platform: "moncompte", route: "/phase1", requests: 1, ...hidden },
      { platform: "admin", route: "/volontaire/:id", requests: 1, ...hidden },
    ]);
    expect(
      body.comments.map((c: { reference: string }) => c.reference),
    ).toEqual([refs.R5, refs.R1]);
    expect(body.previous).toMatchObject({
      received: 1,
      pages: [
        {
          platform: "moncompte",
          route: "/inscription/:step",
          requests: 1,
          ...hidden,
        },
      ],
      tips: [],
      searchesWithoutResult: [],
    });
  });

  it("shows a referent nothing of another département", async () => {
    const body = await read("referent69", PERIOD);
    expect(body).toMatchObject({
      widgetCounters: false,
      received: 0,
      handled: 0,
      backlog: 0,
      pages: [],
      tips: [],
      searchesWithoutResult: [],
      missingTips: [],
      comments: [],
      satisfaction: { answers: 0, satisfied: null, rate: null },
      previous: { received: 0, pages: [] },
    });
  });

  it("leaves the widget's counters out under a département or role filter", async () => {
    const body = await read("admin", `${PERIOD}&department=13`);
    expect(body).toMatchObject({
      widgetCounters: false,
      received: 1, // R2
      tips: [],
      searchesWithoutResult: [],
      comments: [],
    });
    expect(body.pages).toEqual([
      {
        platform: "moncompte",
        route: "/inscription/:step",
        requests: 1,
        ...hidden,
      },
    ]);
    const byRole = await read("admin", `${PERIOD}&role=none`);
    expect(byRole).toMatchObject({ widgetCounters: false, received: 1 }); // R4
    expect(byRole.pages).toEqual([
      { platform: "moncompte", route: "/phase1", requests: 1, ...hidden },
    ]);
  });

  it("keeps the widget's counters under a platform filter, for that platform only", async () => {
    const body = await read("admin", `${PERIOD}&platform=admin`);
    expect(body).toMatchObject({
      widgetCounters: true,
      received: 1,
      tips: [],
      searchesWithoutResult: [],
    });
    expect(body.pages).toEqual([
      {
        platform: "admin",
        route: "/volontaire/:id",
        opens: 0,
        tipViews: 0,
        contactOpens: 0,
        requests: 1,
        contactRate: null,
        previousContactRate: null,
      },
    ]);
  });

  it("answers 403 to a referent filtering on a département outside their list", async () => {
    const response = await get("referent75", `${PERIOD}&department=13`);
    expect(response.status).toBe(403);
    const { error } = await response.json();
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/département/);
    expect((await get("referent75", `${PERIOD}&department=75`)).status).toBe(
      200,
    );
  });

  it("answers 401 without a session", async () => {
    const response = await get(undefined, PERIOD);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  it.each([
    ["a day that does not exist", "from=2026-11-31&to=2026-12-02", "from"],
    ["a day in another format", "from=18/11/2026&to=2026-11-24", "from"],
    ["a missing end", "from=2026-11-18", "to"],
    ["an end before the start", "from=2026-11-24&to=2026-11-18", "to"],
    // 23 November 2025 to 24 November 2026: 365 + 2 = 367 days
    ["a period over 366 days", "from=2025-11-23&to=2026-11-24", "to"],
    ["an unknown département", `${PERIOD}&department=ZZ`, "department"],
    ["an unknown parameter", `${PERIOD}&cohort=2027`, ""],
  ])("answers 400 for %s", async (_name, query, path) => {
    const response = await get("admin", query);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it("accepts a period of exactly 366 days", async () => {
    // 24 November 2025 to 24 November 2026: 365 + 1 = 366 days
    const body = await read("admin", "from=2025-11-24&to=2026-11-24");
    expect(body.previousFrom).toBe("2024-11-23");
    expect(body.previousTo).toBe("2025-11-23");
    expect(body.received).toBe(6); // every request, P1 included
  });
});
