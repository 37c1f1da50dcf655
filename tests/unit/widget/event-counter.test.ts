import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import * as contract from "../../../api/contract/widget-events.ts";
import { createApiClient } from "../../../widget/shared/api-client.ts";
import * as batch from "../../../widget/shared/event-batch.ts";
import { createEventCounter } from "../../../widget/shared/event-counter.ts";
import { createFakeTimers } from "../../support/widget/fake-timers.ts";
import { API, EVENTS_URL } from "../../support/widget/fixtures.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

const { server, log } = useWidgetServer();
const ROUTE = "/inscription/:step";

/**
 * A counter as the widget makes one (chunk-base.ts), over the real API client and the fake API, with a
 * window of its own: fake timers, and an event target for `pagehide`. `posted` holds what each send gave.
 */
function setUp(route: () => string = () => ROUTE) {
  const timers = createFakeTimers();
  const win = Object.assign(new EventTarget(), timers);
  const fetchSpy = vi.fn<typeof fetch>((input, init) =>
    window.fetch(input, init),
  );
  const api = createApiClient({ baseUrl: API, fetch: fetchSpy });
  const posted: ReturnType<typeof api.postEvents>[] = [];
  const counter = createEventCounter({
    platform: "moncompte",
    route,
    post: (json) => posted.push(api.postEvents(json)),
    win,
  });
  const { count } = counter;
  /** Moves the clock and waits for the batch it sent, if any, to be answered. */
  const advance = async (ms: number) => {
    timers.advance(ms);
    await Promise.all(posted);
  };
  const pagehide = async () => {
    win.dispatchEvent(new Event("pagehide"));
    await Promise.all(posted);
  };
  return { counter, count, advance, pagehide, timers, fetchSpy, posted };
}

const batches = () =>
  log.events.map((received) => received.body as contract.WidgetEventsBody);

describe("the widget's counters (event-counter.ts, event-batch.ts)", () => {
  it("sends nothing before the first event, then one batch 10 s after it", async () => {
    const { count, advance, fetchSpy } = setUp();

    await advance(60_000);
    expect(fetchSpy).not.toHaveBeenCalled();

    count("panel_open");
    await advance(9_999);
    expect(fetchSpy).not.toHaveBeenCalled();
    await advance(1);
    expect(batches()).toEqual([
      {
        platform: "moncompte",
        events: [{ event: "panel_open", route: ROUTE }],
      },
    ]);
  });

  it("merges the identical events of 10 s into one line with a count, in one POST", async () => {
    const { count, advance } = setUp();

    count("panel_open");
    count("tip_read", "inscription-documents-formats");
    await advance(2_000);
    count("tip_read", "inscription-documents-formats");
    count("search_empty", undefined, "passeport diplomatique");
    count("tip_read", "inscription-coordonnees");
    count("tip_read", "inscription-documents-formats");
    await advance(8_000);

    expect(batches()).toEqual([
      {
        platform: "moncompte",
        events: [
          { event: "panel_open", route: ROUTE },
          {
            event: "tip_read",
            route: ROUTE,
            tip: "inscription-documents-formats",
            count: 3,
          },
          {
            event: "search_empty",
            route: ROUTE,
            term: "passeport diplomatique",
          },
          {
            event: "tip_read",
            route: ROUTE,
            tip: "inscription-coordonnees",
          },
        ],
      },
    ]);
  });

  it("sends a second batch no sooner than 10 s after its own first event", async () => {
    const { count, advance } = setUp();
    count("panel_open");
    await advance(10_000);
    await advance(3_000);

    count("contact_open");
    await advance(9_999);
    expect(log.events).toHaveLength(1);
    await advance(1);

    expect(batches().map((body) => body.events)).toEqual([
      [{ event: "panel_open", route: ROUTE }],
      [{ event: "contact_open", route: ROUTE }],
    ]);
  });

  it("sends what is waiting at once on pagehide, with keepalive, no cookie and no Referer", async () => {
    const { count, advance, pagehide, fetchSpy } = setUp();
    count("panel_open");

    await pagehide();

    expect(batches()).toEqual([
      {
        platform: "moncompte",
        events: [{ event: "panel_open", route: ROUTE }],
      },
    ]);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe(EVENTS_URL);
    expect(init).toMatchObject({
      method: "POST",
      keepalive: true,
      credentials: "omit",
      referrerPolicy: "no-referrer",
      headers: { "Content-Type": "application/json" },
    });
    // The 10 s timer went with it: nothing is sent twice.
    await advance(10_000);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it("sends a flush only when something waits (the widget destroyed)", async () => {
    const { counter, count, fetchSpy, posted } = setUp();
    counter.flush();
    count("panel_open");

    counter.flush();
    await Promise.all(posted);

    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(batches()).toEqual([
      {
        platform: "moncompte",
        events: [{ event: "panel_open", route: ROUTE }],
      },
    ]);
  });

  it("leaves no timer running once flushed (the widget destroyed), and starts a new batch with the next event", async () => {
    const { counter, count, advance, timers, fetchSpy, posted } = setUp();
    count("panel_open");
    expect(timers.waiting()).toBe(1);

    counter.flush();
    await Promise.all(posted);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(timers.waiting()).toBe(0);

    count("contact_open");
    await advance(9_999);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(batches().map((body) => body.events)).toEqual([
      [{ event: "panel_open", route: ROUTE }],
      [{ event: "contact_open", route: ROUTE }],
    ]);
  });

  it("drops a batch the network lost, without throwing nor trying it again", async () => {
    server.use(
      http.post(EVENTS_URL, () => HttpResponse.error(), { once: true }),
    );
    const { count, advance, fetchSpy, posted } = setUp();
    count("panel_open");

    await advance(10_000);
    expect(await posted[0]).toEqual({ ok: false, code: "network" });
    await advance(600_000);
    expect(fetchSpy).toHaveBeenCalledTimes(1);

    // The next batch carries only what came after.
    count("contact_open");
    await advance(10_000);
    expect(batches().map((body) => body.events)).toEqual([
      [{ event: "contact_open", route: ROUTE }],
    ]);
  });

  it("counts each tip read once more with the next request sent (tip_then_request), and not with the one after", async () => {
    const { count, advance } = setUp();
    count("tip_read", "inscription-documents-formats");
    count("tip_read", "inscription-coordonnees");
    count("tip_read", "inscription-documents-formats");
    count("request_sent");
    count("request_sent");
    await advance(10_000);

    expect(batches()[0]!.events).toEqual([
      {
        event: "tip_read",
        route: ROUTE,
        tip: "inscription-documents-formats",
        count: 2,
      },
      { event: "tip_read", route: ROUTE, tip: "inscription-coordonnees" },
      { event: "request_sent", route: ROUTE, count: 2 },
      {
        event: "tip_then_request",
        route: ROUTE,
        tip: "inscription-documents-formats",
      },
      {
        event: "tip_then_request",
        route: ROUTE,
        tip: "inscription-coordonnees",
      },
    ]);
  });

  it("counts a request after reading on the page the tip was read on, when the user moved on in the app", async () => {
    let route = "/phase1";
    const { count, advance } = setUp(() => route);
    count("tip_read", "phase1-trousseau");
    route = ROUTE;
    count("request_sent");
    await advance(10_000);

    expect(batches()[0]!.events).toEqual([
      { event: "tip_read", route: "/phase1", tip: "phase1-trousseau" },
      { event: "request_sent", route: ROUTE },
      { event: "tip_then_request", route: "/phase1", tip: "phase1-trousseau" },
    ]);
  });

  it("keeps one answer per tip: the first « Oui » or « Non » is counted, a second one is not", async () => {
    const { counter, advance } = setUp();

    expect(counter.vote("phase1-trousseau")).toBeUndefined();
    expect(counter.vote("phase1-trousseau", false)).toBe(false);
    expect(counter.vote("phase1-trousseau", true)).toBe(false);
    expect(counter.vote("phase1-trousseau")).toBe(false);
    expect(counter.vote("changer-de-sejour", true)).toBe(true);
    await advance(10_000);

    expect(batches()[0]!.events).toEqual([
      { event: "tip_not_helpful", route: ROUTE, tip: "phase1-trousseau" },
      { event: "tip_helpful", route: ROUTE, tip: "changer-de-sejour" },
    ]);
  });

  it("cuts a batch to 50 lines, and a line to a count of 50", async () => {
    const { count, advance } = setUp();
    for (let i = 0; i < 60; i++) count("tip_read", `astuce-${i}`);
    for (let i = 0; i < 60; i++) count("panel_open");
    await advance(10_000);

    const { events } = batches()[0]!;
    expect(events).toHaveLength(50);
    expect(events[0]).toEqual({
      event: "tip_read",
      route: ROUTE,
      tip: "astuce-0",
    });
    expect(events[49]).toEqual({
      event: "tip_read",
      route: ROUTE,
      tip: "astuce-49",
    });

    count("panel_open");
    for (let i = 0; i < 60; i++) count("panel_open");
    await advance(10_000);
    expect(batches()[1]!.events).toEqual([
      { event: "panel_open", route: ROUTE, count: 50 },
    ]);
  });

  it("keeps a batch within 8 KB counted in UTF-8 bytes, cutting its last lines", async () => {
    const { count, advance } = setUp();
    // 50 terms of 60 characters, 117 bytes each: 57 « é » (2 bytes each), a space and two letters.
    for (let i = 0; i < 50; i++)
      count(
        "search_empty",
        undefined,
        `${"é".repeat(57)} ${String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))}`,
      );
    await advance(10_000);

    // A line: {"event":"search_empty", (24) "route":"/inscription/:step", (29) "term":" (8), the term
    // (117), "} (2) = 180 bytes. The body: {"platform":"moncompte","events":[ (34), n lines and n - 1
    // commas, ]} (2) = 35 + 181 × n bytes; 8,192 bytes hold 45 lines (35 + 181 × 45 = 8,180), not 46
    // (8,361). Counted in characters (123 a line), all 50 would have fitted (35 + 124 × 50 = 6,235).
    expect(batches()[0]!.events).toHaveLength(45);
    expect(new TextEncoder().encode(log.events[0]!.text).length).toBe(8180);
  });
});
