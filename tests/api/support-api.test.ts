import { describe, expect, it } from "vitest";
import { createAccount } from "../../api/support/accounts.ts";
import { csvCell } from "../../api/contract/csv.ts";
import { makeNewRequest } from "../support/factories.ts";
import {
  CONSOLE_HEADERS,
  loginAs,
  TEST_PASSWORD,
} from "../support/support-session.ts";
import { createTestApp, fromAddress } from "../support/test-app.ts";

const json = (
  body: unknown,
  headers: Record<string, string> = CONSOLE_HEADERS,
) => ({
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** An app with one stored request and an agent logged in; `headers` are a console call's, with its cookie. */
async function setup() {
  const context = createTestApp();
  const { reference } = await context.store.createRequest(
    makeNewRequest(),
    new Date("2026-11-28T10:00:00Z"),
  );
  const { cookie, user } = await loginAs(context.app, context.store, {
    email: "a@test.fr",
    role: "agent",
  });
  const headers = { ...CONSOLE_HEADERS, Cookie: cookie };
  return { ...context, reference, cookie, user, headers };
}

describe("console login", () => {
  it("sets an HttpOnly, SameSite=Strict session cookie limited to /support, and logs no password", async () => {
    const { app, store, logger } = createTestApp();
    await createAccount(
      store,
      { email: "Agent@Test.fr", role: "agent", password: TEST_PASSWORD },
      new Date(),
    );
    const response = await app.request("/support/api/session", {
      method: "POST",
      ...json({ email: "agent@test.fr", password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).user).toMatchObject({
      email: "agent@test.fr",
      role: "agent",
    });
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^snu_support=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/support");
    expect(logger.lines.join("\n")).not.toContain(TEST_PASSWORD);
    expect(logger.lines.join("\n")).not.toContain("agent@test.fr");
  });

  it("answers the same 401 for a wrong password, an unknown e-mail and a disabled account", async () => {
    const { app, store } = createTestApp();
    const user = await createAccount(
      store,
      { email: "a@test.fr", role: "agent", password: TEST_PASSWORD },
      new Date(),
    );
    await createAccount(
      store,
      { email: "off@test.fr", role: "agent", password: TEST_PASSWORD },
      new Date(),
    );
    const off = await store.findUserByEmail("off@test.fr");
    await store.updateUser(off!.id, { disabled: true });
    const bodies = [];
    for (const attempt of [
      { email: "a@test.fr", password: "mauvais mot de passe" },
      { email: "personne@test.fr", password: TEST_PASSWORD },
      { email: "off@test.fr", password: TEST_PASSWORD },
    ]) {
      const response = await app.request("/support/api/session", {
        method: "POST",
        ...json(attempt),
      });
      expect(response.status).toBe(401);
      bodies.push(await response.json());
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(user.role).toBe("agent");
  });

  it("slows down repeated failures with 429 and Retry-After, then lets the right password in after the wait", async () => {
    const { app, store, clock } = createTestApp();
    await createAccount(
      store,
      { email: "a@test.fr", role: "agent", password: TEST_PASSWORD },
      new Date(),
    );
    const attempt = (password: string) =>
      app.request(
        "/support/api/session",
        { method: "POST", ...json({ email: "a@test.fr", password }) },
        fromAddress("203.0.113.9"),
      );
    for (let i = 0; i < 5; i++)
      expect((await attempt("mauvais")).status).toBe(401);
    const slowed = await attempt(TEST_PASSWORD);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("Retry-After"))).toBeGreaterThan(0);
    clock.advance(2000);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
  });

  it("logs out: the cookie no longer opens a session", async () => {
    const { app, store } = createTestApp();
    const { cookie } = await loginAs(app, store, {
      email: "a@test.fr",
      role: "agent",
    });
    const headers = { ...CONSOLE_HEADERS, Cookie: cookie };
    expect(
      (await app.request("/support/api/session", { headers })).status,
    ).toBe(200);
    expect(
      (await app.request("/support/api/session", { method: "DELETE", headers }))
        .status,
    ).toBe(204);
    expect(
      (await app.request("/support/api/session", { headers })).status,
    ).toBe(401);
  });
});

describe("console writes", () => {
  it("refuses a write without the console header or from another origin", async () => {
    const { app, reference, cookie } = await setup();
    const attempts: Record<string, string>[] = [
      { Cookie: cookie, Origin: "http://localhost" },
      { Cookie: cookie, "X-SNU-Support": "1", Origin: "https://evil.example" },
      { Cookie: cookie, "X-SNU-Support": "1", "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of attempts) {
      const response = await app.request(`/support/api/requests/${reference}`, {
        method: "PATCH",
        ...json({ version: 1, status: "closed" }, headers),
      });
      expect(response.status).toBe(403);
    }
  });

  it("changes the status with the version it read, and answers 409 with the fresh request to a stale edit", async () => {
    const { app, reference, headers } = await setup();
    const first = await app.request(`/support/api/requests/${reference}`, {
      method: "PATCH",
      ...json({ version: 1, status: "in_progress" }, headers),
    });
    expect(first.status).toBe(200);
    const stale = await app.request(`/support/api/requests/${reference}`, {
      method: "PATCH",
      ...json({ version: 1, status: "closed" }, headers),
    });
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.error.code).toBe("version_conflict");
    expect(body.current.status).toBe("in_progress");
  });

  it("records who changed what in the timeline, notes included", async () => {
    const { app, reference, headers } = await setup();
    await app.request(`/support/api/requests/${reference}`, {
      method: "PATCH",
      ...json({ version: 1, status: "in_progress" }, headers),
    });
    const noted = await app.request(
      `/support/api/requests/${reference}/notes`,
      { method: "POST", ...json({ text: "Appelé le jeune." }, headers) },
    );
    expect(noted.status).toBe(201);
    const detail = await noted.json();
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      "created",
      "status",
      "note",
    ]);
    expect(detail.events[1]).toMatchObject({
      data: { from: "new", to: "in_progress" },
      actor: { displayName: "a" },
    });
    expect(detail.events[2].data).toEqual({ text: "Appelé le jeune." });
  });

  it("answers 400 with field details for a bad change, and 404 for an unknown reference", async () => {
    const { app, reference, headers } = await setup();
    const bad = await app.request(`/support/api/requests/${reference}`, {
      method: "PATCH",
      ...json({ version: 1, status: "done" }, headers),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe("status");
    const missing = await app.request("/support/api/requests/SNU-2026-999999", {
      headers,
    });
    expect(missing.status).toBe(404);
  });
});

describe("CSV export", () => {
  it("writes RFC 4180 cells and neutralises formulas", () => {
    expect(csvCell('il a dit "bonjour", puis\nest parti')).toBe(
      '"il a dit ""bonjour"", puis\nest parti"',
    );
    expect(csvCell('=HYPERLINK("http://x")')).toBe(
      '"\'=HYPERLINK(""http://x"")"',
    );
    for (const start of ["+", "-", "@", "\t"])
      expect(csvCell(`${start}1`)).toBe(`'${start}1`);
    expect(csvCell(undefined)).toBe("");
  });

  it("streams a UTF-8 file with BOM, a header line and one line per request", async () => {
    const { app, store } = createTestApp();
    await store.createRequest(
      makeNewRequest({ message: "=1+1 mais aussi « séjour »" }),
      new Date("2026-11-28T10:00:00Z"),
    );
    const { cookie } = await loginAs(app, store, {
      email: "a@test.fr",
      role: "agent",
    });
    const response = await app.request("/support/api/export.csv", {
      headers: { Cookie: cookie },
    });
    expect(response.headers.get("content-type")).toBe(
      "text/csv; charset=utf-8",
    );
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await response.arrayBuffer(),
    );
    expect(text.startsWith("\uFEFFRéférence,")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("'=1+1 mais aussi « séjour »");
  });
});

describe("console input the store refuses", () => {
  it("answers 400 with a French detail for a tampered cursor and for an unknown assignee", async () => {
    const { app, reference, headers } = await setup();
    const cursor = await app.request("/support/api/requests?cursor=bm9wZQ", {
      headers,
    });
    expect(cursor.status).toBe(400);
    expect((await cursor.json()).error.details[0].path).toBe("cursor");
    const assign = await app.request(`/support/api/requests/${reference}`, {
      method: "PATCH",
      ...json({ version: 1, assigneeId: 999 }, headers),
    });
    expect(assign.status).toBe(400);
    expect((await assign.json()).error.details[0]).toEqual({
      path: "assigneeId",
      message: "Cette personne ne peut pas recevoir de demande.",
    });
  });
});

describe("status workflow", () => {
  it("goes forward, reopens a closed request, and never goes back to « Nouvelle »", async () => {
    const { app, reference, headers } = await setup();
    let version = 1;
    const move = async (status: string) => {
      const response = await app.request(`/support/api/requests/${reference}`, {
        method: "PATCH",
        ...json({ version, status }, headers),
      });
      if (response.status === 200) version = (await response.json()).version;
      return response;
    };
    for (const status of [
      "in_progress",
      "waiting_user",
      "in_progress",
      "resolved",
      "closed",
      "in_progress",
    ]) {
      expect((await move(status)).status, status).toBe(200);
    }
    const back = await move("new");
    expect(back.status).toBe(400);
    expect((await back.json()).error.details[0]).toEqual({
      path: "status",
      message: "Une demande « En cours » ne peut pas passer à « Nouvelle ».",
    });
  });
});

describe("session cookie over HTTPS", () => {
  it("is Secure behind a trusted proxy that says HTTPS, and not because of an untrusted header", async () => {
    for (const trustProxy of [true, false]) {
      const { app, store } = createTestApp({ trustProxy });
      await createAccount(
        store,
        { email: "a@test.fr", role: "agent", password: TEST_PASSWORD },
        new Date(),
      );
      const response = await app.request("/support/api/session", {
        method: "POST",
        ...json(
          { email: "a@test.fr", password: TEST_PASSWORD },
          { "X-SNU-Support": "1", "X-Forwarded-Proto": "https" },
        ),
      });
      expect(response.status).toBe(200);
      expect(
        response.headers.get("set-cookie")!.includes("Secure"),
        `trustProxy=${trustProxy}`,
      ).toBe(trustProxy);
    }
  });
});
