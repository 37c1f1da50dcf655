import { delay, http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "../../../widget/shared/api-client.ts";
import { makeRequestBody } from "../../support/factories.ts";
import {
  API,
  FIXTURE_TIPS,
  fixtureTip,
  FOLLOW_UP_URL,
  REFERENCE,
  REQUESTS_URL,
  TIPS_URL,
} from "../../support/widget/fixtures.ts";
import { errorResponse } from "../../support/widget/handlers.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

const { server, log } = useWidgetServer();
const KEY = "0b7f3f9e-2c1d-4a8e-9b5f-6d2e1c0a9f11";

/** A client over the test window's fetch (intercepted by msw), recording what it passed to fetch. */
function client(timeoutMs?: number) {
  const fetchSpy = vi.fn<typeof fetch>((input, init) =>
    window.fetch(input, init),
  );
  const api = createApiClient({
    baseUrl: API,
    fetch: fetchSpy,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return { api, fetchSpy };
}

describe("getTips", () => {
  it("asks for the page's tips with its route, role, status and route parameters", async () => {
    const { api } = client();

    const result = await api.getTips({
      platform: "moncompte",
      route: "/inscription/:step",
      role: "young",
      status: "IN_PROGRESS",
      params: { step: "documents" },
    });

    expect(result).toEqual({ ok: true, value: [fixtureTip(FIXTURE_TIPS[0]!)] });
    expect(Object.fromEntries(log.tips[0]!)).toEqual({
      platform: "moncompte",
      route: "/inscription/:step",
      role: "young",
      status: "IN_PROGRESS",
      step: "documents",
    });
  });

  it("sends only the platform when searching every tip", async () => {
    const { api } = client();

    const result = await api.getTips({ platform: "moncompte" });

    expect(result.ok && result.value.map((tip) => tip.id)).toContain(
      "changer-de-sejour",
    );
    expect([...log.tips[0]!.keys()]).toEqual(["platform"]);
  });

  it("sends no cookie: credentials are omitted on every call", async () => {
    const { api, fetchSpy } = client();

    await api.getTips({ platform: "moncompte" });
    await api.createRequest(JSON.stringify(makeRequestBody()), KEY);

    expect(fetchSpy).toHaveBeenCalledTimes(2);
    for (const [, init] of fetchSpy.mock.calls) {
      expect(init?.credentials).toBe("omit");
      expect(init?.signal).toBeDefined();
    }
  });

  it("sends no Referer: the host page's URL, with its raw ids and tokens, never reaches the API", async () => {
    const { api, fetchSpy } = client();

    await api.getTips({ platform: "moncompte" });
    await api.createRequest(JSON.stringify(makeRequestBody()), KEY);

    expect(fetchSpy).toHaveBeenCalledTimes(2);
    for (const [, init] of fetchSpy.mock.calls)
      expect(init?.referrerPolicy).toBe("no-referrer");
  });

  it("answers bad_response when a 200 does not hold a tips list", async () => {
    server.use(http.get(TIPS_URL, () => HttpResponse.json({ conseils: [] })));

    expect(await client().api.getTips({ platform: "moncompte" })).toEqual({
      ok: false,
      code: "bad_response",
    });
  });
});

describe("createRequest", () => {
  it("POSTs the body as JSON with its Idempotency-Key and returns the created request", async () => {
    const body = makeRequestBody();

    const result = await client().api.createRequest(JSON.stringify(body), KEY);

    expect(result).toEqual({
      ok: true,
      value: {
        reference: REFERENCE,
        createdAt: "2026-03-02T09:30:00.000Z",
        followUpUrl: FOLLOW_UP_URL,
      },
    });
    const [received] = log.requests;
    expect(received!.body).toEqual(body);
    expect(received!.headers.get("Idempotency-Key")).toBe(KEY);
    expect(received!.headers.get("Content-Type")).toBe("application/json");
  });

  it("answers bad_response when a 201 has no reference", async () => {
    server.use(
      http.post(REQUESTS_URL, () =>
        HttpResponse.json({ id: 1 }, { status: 201 }),
      ),
    );

    expect(
      await client().api.createRequest(JSON.stringify(makeRequestBody()), KEY),
    ).toEqual({
      ok: false,
      code: "bad_response",
    });
  });
});

describe("failures become codes and never throw", () => {
  it("answers network when the request cannot reach the API", async () => {
    server.use(http.post(REQUESTS_URL, () => HttpResponse.error()));

    expect(
      await client().api.createRequest(JSON.stringify(makeRequestBody()), KEY),
    ).toEqual({
      ok: false,
      code: "network",
    });
  });

  it("answers network when fetch itself throws", async () => {
    const api = createApiClient({
      baseUrl: API,
      fetch: () => {
        throw new TypeError("fetch is not a function");
      },
    });

    expect(await api.getTips({ platform: "moncompte" })).toEqual({
      ok: false,
      code: "network",
    });
  });

  it("answers timeout when the API does not answer in time", async () => {
    server.use(
      http.get(TIPS_URL, async () => {
        await delay(500);
        return HttpResponse.json({ tips: [] });
      }),
    );

    expect(await client(20).api.getTips({ platform: "moncompte" })).toEqual({
      ok: false,
      code: "timeout",
    });
  });

  it.each([
    [502, "<html>Bad Gateway</html>"],
    [503, ""],
    [500, "Internal Server Error"],
  ])(
    "answers unavailable on a %i without an error envelope",
    async (status, text) => {
      server.use(
        http.get(
          TIPS_URL,
          () =>
            new HttpResponse(text, {
              status,
              headers: { "Content-Type": "text/html" },
            }),
        ),
      );

      expect(await client().api.getTips({ platform: "moncompte" })).toEqual({
        ok: false,
        code: "unavailable",
      });
    },
  );

  it.each([
    [404, "Not Found"],
    [400, "<html>Bad Request</html>"],
    [403, ""],
  ])(
    "answers rejected on a %i without an error envelope (a proxy's page: no retry can change it)",
    async (status, text) => {
      server.use(http.get(TIPS_URL, () => new HttpResponse(text, { status })));

      expect(await client().api.getTips({ platform: "moncompte" })).toEqual({
        ok: false,
        code: "rejected",
      });
    },
  );

  it("answers timeout on a 408 without an error envelope", async () => {
    server.use(
      http.post(
        REQUESTS_URL,
        () => new HttpResponse("Request Timeout", { status: 408 }),
      ),
    );

    expect(
      await client().api.createRequest(JSON.stringify(makeRequestBody()), KEY),
    ).toEqual({ ok: false, code: "timeout" });
  });

  it("answers rate_limited on a 429 without an error envelope, keeping Retry-After", async () => {
    server.use(
      http.post(
        REQUESTS_URL,
        () =>
          new HttpResponse("Too Many Requests", {
            status: 429,
            headers: { "Retry-After": "30", "Content-Type": "text/plain" },
          }),
      ),
    );

    expect(
      await client().api.createRequest(JSON.stringify(makeRequestBody()), KEY),
    ).toEqual({ ok: false, code: "rate_limited", retryAfter: 30 });
  });

  it("lets the envelope's code win over the status", async () => {
    server.use(
      http.post(REQUESTS_URL, () => errorResponse(429, "unavailable")),
    );

    expect(
      await client().api.createRequest(JSON.stringify(makeRequestBody()), KEY),
    ).toEqual({ ok: false, code: "unavailable" });
  });

  it.each([
    [409, "idempotency_in_progress"],
    [403, "origin_not_allowed"],
    [413, "payload_too_large"],
    [500, "internal"],
    [503, "unavailable"],
  ])(
    "passes the envelope's code through on a %i (%s)",
    async (status, code) => {
      server.use(http.post(REQUESTS_URL, () => errorResponse(status, code)));

      expect(
        await client().api.createRequest(
          JSON.stringify(makeRequestBody()),
          KEY,
        ),
      ).toEqual({
        ok: false,
        code,
      });
    },
  );

  it("keeps the details of validation_failed", async () => {
    const details = [
      {
        path: "message",
        message: "Votre message doit faire au moins 10 caractères.",
      },
    ];
    server.use(
      http.post(REQUESTS_URL, () =>
        errorResponse(400, "validation_failed", details),
      ),
    );

    expect(
      await client().api.createRequest(JSON.stringify(makeRequestBody()), KEY),
    ).toEqual({
      ok: false,
      code: "validation_failed",
      details,
    });
  });

  it.each([
    ["120", 120],
    ["0", undefined],
    ["bientôt", undefined],
  ])("reads Retry-After %j as %j seconds", async (header, retryAfter) => {
    server.use(
      http.post(REQUESTS_URL, () =>
        errorResponse(429, "rate_limited", undefined, {
          "Retry-After": header,
        }),
      ),
    );

    const result = await client().api.createRequest(
      JSON.stringify(makeRequestBody()),
      KEY,
    );

    expect(result).toEqual({
      ok: false,
      code: "rate_limited",
      ...(retryAfter ? { retryAfter } : {}),
    });
  });
});
