import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { WidgetCount } from "../../api/store/indicator-types.ts";
import {
  createTestApp,
  fromAddress,
  type TestAppOptions,
} from "../support/test-app.ts";
import { makeTipSource } from "../support/tip-sources.ts";

const ORIGIN = "https://moncompte.snu.gouv.fr";
const DOCUMENTS = makeTipSource({
  id: "mc-documents",
  routes: ["/inscription/:step"],
});
const ADMIN_TIP = makeTipSource({
  id: "ad-valider",
  platform: "admin",
  routes: ["/volontaire/:id"],
});
const DRAFT = makeTipSource({ id: "mc-brouillon" });

async function setup(options: TestAppOptions = {}) {
  const ctx = createTestApp(options);
  await ctx.store.importTips(
    [DOCUMENTS, ADMIN_TIP],
    new Date("2026-11-01T00:00:00Z"),
  );
  // Created but never published: not in the catalogue.
  const author = await ctx.store.createUser(
    {
      email: "redactrice@test.fr",
      displayName: "Rédactrice",
      role: "admin",
      departments: [],
      passwordHash: "x",
    },
    new Date("2026-11-01T00:00:00Z"),
  );
  await ctx.store.createTip(DRAFT, author.id, new Date("2026-11-01T00:00:00Z"));
  const send = (
    body: unknown,
    headers: Record<string, string> = {},
    address = "203.0.113.10",
  ) =>
    ctx.app.request(
      "/v1/events",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      },
      fromAddress(address),
    );
  // Everything counted on the test's days, in a stable order.
  const counted = async () =>
    sorted(
      await ctx.store.widgetCounts({ from: "2026-11-01", to: "2026-12-31" }),
    );
  return { ...ctx, send, counted };
}

const keyOf = (c: WidgetCount) =>
  [c.platform, c.route, c.event, c.tip ?? "", c.term ?? ""].join(" ");
const sorted = (counts: WidgetCount[]) =>
  [...counts].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));

const OPEN = { event: "panel_open", route: "/phase1" };

describe("POST /v1/events", () => {
  it("answers 204 and adds the batch to the counters of the Paris day", async () => {
    const { send, store, clock } = await setup();
    // 23:30 UTC on 29 November is 00:30 on the 30th in Paris.
    clock.set("2026-11-29T23:30:00Z");
    const response = await send(
      {
        platform: "moncompte",
        events: [
          OPEN,
          { ...OPEN, count: 2 },
          {
            event: "tip_read",
            route: "/inscription/:step",
            tip: "mc-documents",
            count: 3,
          },
          {
            event: "tip_not_helpful",
            route: "/inscription/:step",
            tip: "mc-documents",
          },
          {
            event: "search_empty",
            route: "/phase1",
            term: "attestation de séjour",
          },
          { event: "contact_open", route: "/phase1" },
        ],
      },
      { Origin: ORIGIN },
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(
      sorted(
        await store.widgetCounts({ from: "2026-11-30", to: "2026-11-30" }),
      ),
    ).toEqual([
      {
        platform: "moncompte",
        route: "/inscription/:step",
        event: "tip_not_helpful",
        tip: "mc-documents",
        count: 1,
      },
      {
        platform: "moncompte",
        route: "/inscription/:step",
        event: "tip_read",
        tip: "mc-documents",
        count: 3,
      },
      {
        platform: "moncompte",
        route: "/phase1",
        event: "contact_open",
        count: 1,
      },
      // 1 (no count) + 2
      {
        platform: "moncompte",
        route: "/phase1",
        event: "panel_open",
        count: 3,
      },
      {
        platform: "moncompte",
        route: "/phase1",
        event: "search_empty",
        term: "attestation de séjour",
        count: 1,
      },
    ]);
    expect(
      await store.widgetCounts({ from: "2026-11-29", to: "2026-11-29" }),
    ).toEqual([]);
  });

  it.each([
    [
      "a route that is not a route tag",
      {
        platform: "moncompte",
        events: [{ ...OPEN, route: "/volontaire/64f1a2b3c4d5e6f7a8b9c0d1" }],
      },
      "events.0.route",
    ],
    [
      "an unknown platform",
      { platform: "intranet", events: [OPEN] },
      "platform",
    ],
    [
      "an unknown tip",
      {
        platform: "moncompte",
        events: [
          OPEN,
          { event: "tip_read", route: "/phase1", tip: "mc-inconnue" },
        ],
      },
      "events.1.tip",
    ],
    [
      "a tip of the other platform",
      {
        platform: "moncompte",
        events: [{ event: "tip_read", route: "/phase1", tip: "ad-valider" }],
      },
      "events.0.tip",
    ],
    [
      "a tip that is not published",
      {
        platform: "moncompte",
        events: [
          { event: "tip_helpful", route: "/phase1", tip: "mc-brouillon" },
        ],
      },
      "events.0.tip",
    ],
    [
      "a tip event without a tip",
      {
        platform: "moncompte",
        events: [{ event: "tip_read", route: "/phase1" }],
      },
      "events.0.tip",
    ],
    [
      "a tip on an event that is not about a tip",
      { platform: "moncompte", events: [{ ...OPEN, tip: "mc-documents" }] },
      "events.0.tip",
    ],
    [
      "a search term with a digit",
      {
        platform: "moncompte",
        events: [
          { event: "search_empty", route: "/phase1", term: "dossier 4512" },
        ],
      },
      "events.0.term",
    ],
    [
      "a search term with an @",
      {
        platform: "moncompte",
        events: [
          {
            event: "search_empty",
            route: "/phase1",
            term: "camille.martin@example.fr",
          },
        ],
      },
      "events.0.term",
    ],
    [
      "an unknown event",
      { platform: "moncompte", events: [{ ...OPEN, event: "page_view" }] },
      "events.0.event",
    ],
    [
      "more than 50 lines",
      { platform: "moncompte", events: Array.from({ length: 51 }, () => OPEN) },
      "events",
    ],
    [
      "a count over 50",
      { platform: "moncompte", events: [{ ...OPEN, count: 51 }] },
      "events.0.count",
    ],
    [
      "an unknown field",
      { platform: "moncompte", userId: "u-12", events: [OPEN] },
      "",
    ],
  ])(
    "answers 400 validation_failed for %s and counts nothing of the batch",
    async (_name, body, path) => {
      const { send, counted } = await setup();
      const response = await send(body);
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe("validation_failed");
      expect(error.details).toContainEqual({
        path,
        message: expect.stringMatching(/[a-zé]/),
      });
      expect(await counted()).toEqual([]);
    },
  );

  it("answers 413 for a batch over 8 KB and 415 for a body that is not JSON, counting nothing", async () => {
    const { send, counted } = await setup();
    const body = JSON.stringify({ platform: "moncompte", events: [OPEN] });
    // Valid JSON, refused for its size alone: 8 KB + 1 byte (the API's general limit is 16 KB).
    const large = await send(body + " ".repeat(8 * 1024 + 1 - body.length));
    expect(large.status).toBe(413);
    expect((await large.json()).error.code).toBe("payload_too_large");
    const plain = await send(body, { "Content-Type": "text/plain" });
    expect(plain.status).toBe(415);
    expect(await counted()).toEqual([]);
    // The same body at exactly 8 KB is counted.
    expect((await send(body + " ".repeat(8 * 1024 - body.length))).status).toBe(
      204,
    );
    expect(await counted()).toEqual([
      {
        platform: "moncompte",
        route: "/phase1",
        event: "panel_open",
        count: 1,
      },
    ]);
  });

  it("answers 429 with Retry-After past 30 batches a minute from one address, while another still counts", async () => {
    const { send, counted, clock } = await setup();
    const batch = { platform: "moncompte", events: [OPEN] };
    for (let i = 0; i < 30; i++)
      expect((await send(batch, {}, "203.0.113.5")).status).toBe(204);
    const limited = await send(batch, {}, "203.0.113.5");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await limited.json()).error.code).toBe("rate_limited");
    expect((await send(batch, {}, "198.51.100.7")).status).toBe(204);
    // 30 from the first address + 1 from the other; the refused batch is not counted.
    expect(await counted()).toEqual([
      { ...batch.events[0], platform: "moncompte", count: 31 },
    ]);
    clock.advance(60_000);
    expect((await send(batch, {}, "203.0.113.5")).status).toBe(204);
  });

  it("keeps no address, user agent nor referer, in the logs or the database", async () => {
    const { send, logger, file, counted } = await setup();
    const response = await send(
      {
        platform: "moncompte",
        events: [{ event: "panel_open", route: "/temoin-stockage" }],
      },
      {
        "User-Agent": "Mozilla/5.0 marqueur-agent-9931",
        Referer: "https://moncompte.snu.gouv.fr/volontaire/marqueur-page-7714",
      },
      "203.0.113.77",
    );
    expect(response.status).toBe(204);
    expect(await counted()).toHaveLength(1);
    const files = [file, `${file}-wal`].filter((f) => fs.existsSync(f));
    const stored = files.map((f) => fs.readFileSync(f, "latin1")).join("");
    const logged = logger.lines.join("\n");
    for (const marker of ["203.0.113.77", "marqueur-agent", "marqueur-page"]) {
      expect(stored).not.toContain(marker);
      expect(logged).not.toContain(marker);
    }
    // What is read above is what was stored: the counted line's route is there.
    expect(stored).toContain("/temoin-stockage");
  });

  it("lets allowed origins call it cross-origin (preflight included) and refuses unknown ones", async () => {
    const { app, send, counted } = await setup();
    const preflight = await app.request("/v1/events", {
      method: "OPTIONS",
      headers: {
        Origin: ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(preflight.headers.get("access-control-allow-methods")).toContain(
      "POST",
    );
    expect(preflight.headers.get("access-control-allow-headers")).toContain(
      "Content-Type",
    );
    const batch = { platform: "moncompte", events: [OPEN] };
    const foreign = await send(batch, { Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    expect(await counted()).toEqual([]);
    const allowed = await send(batch, { Origin: ORIGIN });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(await counted()).toHaveLength(1);
  });
});
