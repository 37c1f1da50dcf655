import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { makeRequestBody } from "../support/factories.ts";
import { createTestApp, fromAddress, postJson } from "../support/test-app.ts";

const HOST = "https://moncompte.snu.gouv.fr";
const EVIL = "https://evil.example";

describe("CORS on /v1/*", () => {
  it("echoes an allowed origin on success and on errors, and exposes Retry-After", async () => {
    const { app } = createTestApp();
    const ok = await app.request(
      "/v1/requests",
      postJson(makeRequestBody(), { Origin: HOST }),
    );
    expect(ok.status).toBe(201);
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe(HOST);
    expect(ok.headers.get("Access-Control-Expose-Headers")).toContain(
      "Retry-After",
    );
    expect(ok.headers.get("Vary")).toContain("Origin");

    const bad = await app.request(
      "/v1/requests",
      postJson("{", { Origin: HOST }),
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Access-Control-Allow-Origin")).toBe(HOST);
  });

  it("always allows the server's own origin", async () => {
    const { app } = createTestApp({ allowedOrigins: [] });
    const response = await app.request(
      "/v1/requests",
      postJson(makeRequestBody(), { Origin: "http://localhost" }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(
      "http://localhost",
    );
  });

  it("answers a preflight from an allowed origin with the methods and headers the widget needs", async () => {
    const { app } = createTestApp();
    const response = await app.request("/v1/requests", {
      method: "OPTIONS",
      headers: {
        Origin: HOST,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,idempotency-key",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(HOST);
    expect(response.headers.get("Access-Control-Allow-Methods")).toContain(
      "POST",
    );
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe(
      "Content-Type, Idempotency-Key",
    );
  });

  it("gives an unknown origin no Access-Control-Allow-Origin, and 403 on writes and preflights, storing nothing", async () => {
    const { app, file } = createTestApp();
    const write = await app.request(
      "/v1/requests",
      postJson(makeRequestBody(), { Origin: EVIL }),
    );
    expect(write.status).toBe(403);
    expect(write.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await write.json()).error.code).toBe("origin_not_allowed");

    const preflight = await app.request("/v1/requests", {
      method: "OPTIONS",
      headers: { Origin: EVIL },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();

    const read = await app.request("/v1/tips?platform=moncompte", {
      headers: { Origin: EVIL },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get("Access-Control-Allow-Origin")).toBeNull();

    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM requests").pluck().get()).toBe(0);
    db.close();
  });

  it("does not treat a look-alike origin as allowed", async () => {
    const { app } = createTestApp();
    for (const origin of [
      `${HOST}.evil.example`,
      "http://moncompte.snu.gouv.fr",
      `${HOST}:8443`,
    ]) {
      const response = await app.request(
        "/v1/requests",
        postJson(makeRequestBody(), { Origin: origin }),
      );
      expect(response.status, origin).toBe(403);
    }
  });
});

describe("rate limit on POST /v1/requests", () => {
  it("answers 429 with Retry-After past the limit, per address, and lets the address back after the window", async () => {
    const { app, clock } = createTestApp({ rateLimitPerMinute: 3 });
    const send = (address: string) =>
      app.request(
        "/v1/requests",
        postJson(makeRequestBody()),
        fromAddress(address),
      );
    for (let i = 0; i < 3; i++)
      expect((await send("203.0.113.5")).status).toBe(201);
    const limited = await send("203.0.113.5");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("60");
    expect((await limited.json()).error.code).toBe("rate_limited");
    expect((await send("198.51.100.7")).status).toBe(201);
    clock.advance(60_000);
    expect((await send("203.0.113.5")).status).toBe(201);
  });

  it("reads the client address from the proxy's X-Forwarded-For entry only when TRUST_PROXY is on", async () => {
    const trusting = createTestApp({ rateLimitPerMinute: 1, trustProxy: true });
    const viaProxy = (client: string) =>
      trusting.app.request(
        "/v1/requests",
        postJson(makeRequestBody(), {
          "X-Forwarded-For": `1.1.1.1, ${client}`,
        }),
        fromAddress("10.0.0.1"),
      );
    expect((await viaProxy("203.0.113.5")).status).toBe(201);
    expect((await viaProxy("198.51.100.7")).status).toBe(201);
    expect((await viaProxy("203.0.113.5")).status).toBe(429);

    const direct = createTestApp({ rateLimitPerMinute: 1 });
    const spoofed = (client: string) =>
      direct.app.request(
        "/v1/requests",
        postJson(makeRequestBody(), { "X-Forwarded-For": client }),
        fromAddress("203.0.113.9"),
      );
    expect((await spoofed("1.1.1.1")).status).toBe(201);
    expect((await spoofed("2.2.2.2")).status).toBe(429);
  });

  it("keeps no address in clear in memory or logs", async () => {
    const { app, logger } = createTestApp({ rateLimitPerMinute: 1 });
    await app.request(
      "/v1/requests",
      postJson(makeRequestBody()),
      fromAddress("203.0.113.77"),
    );
    expect(logger.lines.join("\n")).not.toContain("203.0.113.77");
  });
});

describe("every response", () => {
  it("answers 404 not_found with the error envelope for an unknown address", async () => {
    const { app } = createTestApp();
    const response = await app.request("/v1/nothing-here");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "Cette adresse n'existe pas." },
    });
  });

  it("answers GET /healthz with status ok", async () => {
    const { app } = createTestApp();
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("carries security headers that keep the API same-origin and widget files embeddable", async () => {
    const { app } = createTestApp();
    const api = await app.request("/v1/tips?platform=admin");
    expect(api.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(api.headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
    expect(api.headers.get("Content-Security-Policy")).toContain(
      "default-src 'none'",
    );
  });

  it("logs the matched route pattern, never a raw path that may hold an e-mail or an id", async () => {
    const { app, logger } = createTestApp();
    await app.request(
      "/v1/requests/jean.dupont@mail.fr/64f1a2b3c4d5e6f708192a3b",
    );
    const text = logger.lines.join("\n");
    expect(text).not.toContain("jean.dupont");
    expect(text).not.toContain("64f1a2b3c4d5e6f708192a3b");
  });

  it("treats the proxy's public origin as its own only when TRUST_PROXY is on", async () => {
    const behindProxy = {
      "X-Forwarded-Proto": "https",
      "X-Forwarded-Host": "aide.snu.gouv.fr",
      Origin: "https://aide.snu.gouv.fr",
    };
    const trusting = createTestApp({ allowedOrigins: [], trustProxy: true });
    expect(
      (
        await trusting.app.request(
          "/v1/requests",
          postJson(makeRequestBody(), behindProxy),
        )
      ).status,
    ).toBe(201);
    const direct = createTestApp({ allowedOrigins: [] });
    expect(
      (
        await direct.app.request(
          "/v1/requests",
          postJson(makeRequestBody(), behindProxy),
        )
      ).status,
    ).toBe(403);
  });

  it("logs one line per request with id, path, status and duration, and never the body or e-mail", async () => {
    const { app, logger } = createTestApp();
    const body = makeRequestBody();
    const response = await app.request(
      "/v1/requests?email=leak@example.fr",
      postJson(body),
    );
    const lines = logger.lines.map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      event: "request",
      requestId: response.headers.get("X-Request-Id"),
      method: "POST",
      route: "/v1/requests",
      status: 201,
    });
    expect(typeof lines[0].durationMs).toBe("number");
    const text = logger.lines.join("\n");
    for (const secret of [
      body.message,
      body.email!,
      "leak@example.fr",
      "Île-de-France",
      "young",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("serves a French home page that says what the server offers", async () => {
    const { app } = createTestApp();
    const response = await app.request("/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain("/v1/tips");
  });
});
