import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ApiError, respondWithError } from "../../api/api-error.ts";
import { readJson } from "../../api/middleware/json-body.ts";
import {
  hashToken,
  newSessionToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from "../../api/support/session-auth.ts";
import { CONSOLE_HEADERS, loginAs } from "../support/support-session.ts";
import { createTestApp } from "../support/test-app.ts";

// Issue 11, item 1: every route that takes a body refuses a wrong content type (415) and a declared
// oversized body (413) before reading a byte of it. The routes are read from the real app (`app.routes`),
// so a route added later is walked too.

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A value for each parameter pattern the app declares; an unknown one fails the walk (add it here). */
const PARAMS: Record<string, string> = {
  ":reference{SNU-\\d{4}-\\d{6,}}": "SNU-2026-000001",
  ":id{[1-9][0-9]{0,15}}": "1",
  ":id{[a-z0-9]+(?:-[a-z0-9]+)*}": "astuce-test",
  ":token": "A".repeat(32),
};

/** The follow-up page's forms are urlencoded (they have their own guard); everything else is JSON. */
const contentTypeOf = (path: string) =>
  path.startsWith("/suivi/")
    ? "application/x-www-form-urlencoded"
    : "application/json";

/** Every write route of the app, once each, with a concrete path. */
function writeRoutes(app: ReturnType<typeof createTestApp>["app"]) {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of app.routes) {
    if (!WRITES.has(route.method)) continue;
    let path = route.path;
    for (const [pattern, value] of Object.entries(PARAMS))
      path = path.split(pattern).join(value);
    seen.set(`${route.method} ${route.path}`, { method: route.method, path });
  }
  return [...seen.entries()].map(([name, route]) => ({ name, ...route }));
}

/** A body that records whether anything pulled it: the server must refuse it without reading. */
function watchedBody(bytes: number) {
  const state = { pulled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulled = true;
        controller.enqueue(new Uint8Array(bytes).fill(0x20));
        controller.close();
      },
    },
    // No read-ahead: pull() runs only when someone reads the body.
    { highWaterMark: 0 },
  );
  return { stream, state };
}

async function send(
  app: ReturnType<typeof createTestApp>["app"],
  route: { method: string; path: string },
  contentType: string,
  declaredBytes: number,
  headers: Record<string, string>,
) {
  const body = watchedBody(declaredBytes);
  const response = await app.request(route.path, {
    method: route.method,
    headers: {
      ...CONSOLE_HEADERS,
      ...headers,
      "Content-Type": contentType,
      "Content-Length": String(declaredBytes),
    },
    body: body.stream,
    duplex: "half",
  } as RequestInit);
  return {
    status: response.status,
    pulled: body.state.pulled,
  };
}

describe("body guard on every route that takes a body", () => {
  it("finds the app's write routes, the console login among them", () => {
    const { app } = createTestApp();
    const routes = writeRoutes(app);
    // Each concrete path reaches its own route, not just the area's middleware.
    const matched = routes.filter(({ name, method, path }) =>
      app.router
        .match(method, path)[0]
        .some(([[, route]]) => `${route.method} ${route.path}` === name),
    );
    expect(matched.map((r) => r.name)).toEqual(routes.map((r) => r.name));
    expect(routes.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        "POST /support/api/session",
        "POST /v1/requests",
        "POST /suivi/:token/messages",
      ]),
    );
  });

  it("answers 415 to a text/plain body and 413 to a declared 150 KB body, without reading either, logged in", async () => {
    const { app, store, clock } = createTestApp();
    // An admin passes every role check, so each route's own guards are reached too.
    const { user } = await loginAs(app, store, {
      email: "admin@test.fr",
      role: "admin",
    });
    const results: Record<string, unknown> = {};
    for (const route of writeRoutes(app)) {
      // A session of its own for each route: a logout that took its body would not end the next ones'.
      const token = newSessionToken();
      const now = clock.now();
      await store.createSession(
        hashToken(token),
        user.id,
        new Date(now.getTime() + SESSION_TTL_MS),
        now,
      );
      const headers = { Cookie: `${SESSION_COOKIE}=${token}` };
      results[route.name] = {
        plain: await send(app, route, "text/plain", 11, headers),
        large: await send(
          app,
          route,
          contentTypeOf(route.path),
          150 * 1024,
          headers,
        ),
      };
    }
    const expected = Object.fromEntries(
      Object.keys(results).map((name) => [
        name,
        {
          plain: { status: 415, pulled: false },
          large: { status: 413, pulled: false },
        },
      ]),
    );
    expect(results).toEqual(expected);
  });

  it("never reads the body of an anonymous write either", async () => {
    const { app } = createTestApp();
    for (const route of writeRoutes(app)) {
      for (const [type, bytes] of [
        ["text/plain", 11],
        [contentTypeOf(route.path), 150 * 1024],
      ] as const) {
        const { status, pulled } = await send(app, route, type, bytes, {});
        expect({
          route: route.name,
          refused: [401, 413, 415].includes(status),
          pulled,
        }).toEqual({
          route: route.name,
          refused: true,
          pulled: false,
        });
      }
    }
  });

  it("refuses, unread, the body of a JSON route mounted outside these areas without its guard", async () => {
    const app = new Hono();
    let reached = false;
    app.post("/ailleurs", async (c) => {
      reached = true;
      return c.json((await readJson(c)).value as object);
    });
    app.onError((error, c) =>
      error instanceof ApiError ? respondWithError(c, error) : c.text("", 500),
    );
    const body = watchedBody(11);
    const response = await app.request("/ailleurs", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": "11" },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    expect(reached).toBe(true);
    expect(response.status).toBe(415);
    expect(body.state.pulled).toBe(false);
  });
});
