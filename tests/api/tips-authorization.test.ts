import { beforeAll, describe, expect, it } from "vitest";
import { TIP_ID_RE } from "../../api/contract/tip-limits.ts";
import { TIP_PATH } from "../../api/support/routes/tip-route-helpers.ts";
import { CONSOLE_HEADERS, loginAs } from "../support/support-session.ts";
import { createTestApp } from "../support/test-app.ts";
import { makeTipSource } from "../support/tip-sources.ts";

// Every tips endpoint × every kind of caller: admins always, agents once an admin allowed them,
// referents never (403 forbidden), nobody without a session (401).
const { app, store } = createTestApp();
const actors: Record<string, string | undefined> = { anonymous: undefined };
const ids: Record<string, number> = {};

beforeAll(async () => {
  for (const [name, account] of Object.entries({
    admin: { email: "admin@test.fr", role: "admin" as const },
    agent: { email: "agent@test.fr", role: "agent" as const },
    editor: { email: "editor@test.fr", role: "agent" as const },
    referent: {
      email: "ref@test.fr",
      role: "referent" as const,
      departments: "75",
    },
  })) {
    const { user, cookie } = await loginAs(app, store, account);
    actors[name] = cookie;
    ids[name] = user.id;
  }
  const allowed = await call("admin", "PATCH", `/users/${ids.editor}`, {
    canEditTips: true,
  });
  expect(allowed.status).toBe(200);
});

function call(actor: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { ...CONSOLE_HEADERS };
  if (actors[actor]) headers.Cookie = actors[actor]!;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return app.request(`/support/api${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Every tips endpoint in an order that works on a fresh tip `id`, with the status an editor gets. */
const steps = (id: string) =>
  [
    ["POST", "/tips", { source: makeTipSource({ id }) }, 201],
    ["GET", "/tips", undefined, 200],
    ["GET", `/tips/${id}`, undefined, 200],
    ["POST", "/tips/preview", { source: makeTipSource({ id }) }, 200],
    [
      "PUT",
      `/tips/${id}/draft`,
      { version: 1, source: makeTipSource({ id, title: "Deux" }) },
      200,
    ],
    ["POST", `/tips/${id}/publish`, { version: 2 }, 200],
    [
      "PUT",
      `/tips/${id}/draft`,
      { version: 3, source: makeTipSource({ id, title: "Quatre" }) },
      200,
    ],
    ["DELETE", `/tips/${id}/draft`, { version: 4 }, 200],
    ["POST", `/tips/${id}/unpublish`, { version: 5 }, 200],
    ["POST", `/tips/${id}/revert`, { version: 6, to: 1 }, 200],
    ["GET", `/tips/${id}/versions`, undefined, 200],
  ] as const;

describe("tips authorization matrix", () => {
  for (const actor of ["admin", "editor"]) {
    it(`lets ${actor} use every tips endpoint`, async () => {
      for (const [method, path, body, status] of steps(`mc-${actor}`)) {
        const response = await call(actor, method, path, body);
        expect(response.status, `${method} ${path}`).toBe(status);
      }
      expect((await store.getTip(`mc-${actor}`))?.version).toBe(7);
    });
  }

  for (const [actor, status, code] of [
    ["anonymous", 401, "unauthenticated"],
    ["referent", 403, "forbidden"],
    ["agent", 403, "forbidden"],
  ] as const) {
    it(`answers ${status} ${code} to ${actor} on every tips endpoint, changing nothing`, async () => {
      const id = "mc-admin-refus";
      await call("admin", "POST", "/tips", { source: makeTipSource({ id }) });
      const before = await store.getTip(id);
      for (const [method, path, body] of steps(id)) {
        const response = await call(actor, method, path, body);
        expect(response.status, `${method} ${path}`).toBe(status);
        const answer = await response.json();
        expect(answer.error.code).toBe(code);
        expect(JSON.stringify(answer)).not.toContain("Astuce");
      }
      expect(await store.getTip(id)).toEqual(before);
    });
  }

  it("shows anchor reports to admins and agents, not to referents or anonymous callers", async () => {
    for (const [actor, status] of [
      ["admin", 200],
      ["agent", 200],
      ["editor", 200],
      ["referent", 403],
      ["anonymous", 401],
    ] as const) {
      const response = await call(actor, "GET", "/anchor-reports");
      expect(response.status, actor).toBe(status);
    }
  });

  it("says in the session and the colleagues list who may edit tips", async () => {
    for (const [actor, may] of [
      ["admin", true],
      ["editor", true],
      ["agent", false],
      ["referent", false],
    ] as const) {
      const { user } = await (await call(actor, "GET", "/session")).json();
      expect(user.canEditTips, actor).toBe(may);
    }
    const { users } = await (await call("admin", "GET", "/users")).json();
    expect(
      Object.fromEntries(
        users.map((u: { displayName: string; canEditTips: boolean }) => [
          u.displayName,
          u.canEditTips,
        ]),
      ),
    ).toEqual({ admin: true, agent: false, editor: true, ref: false });
  });
});

describe("PATCH /support/api/users/:id", () => {
  it("is for admins only", async () => {
    for (const [actor, status] of [
      ["agent", 403],
      ["editor", 403],
      ["referent", 403],
      ["anonymous", 401],
    ] as const) {
      const response = await call(actor, "PATCH", `/users/${ids.agent}`, {
        canEditTips: true,
      });
      expect(response.status, actor).toBe(status);
    }
    expect((await store.getUser(ids.agent!))?.canEditTips).toBe(false);
  });

  it("allows and denies an agent at once, without a new login", async () => {
    const id = ids.agent!;
    const response = await call("admin", "PATCH", `/users/${id}`, {
      canEditTips: true,
    });
    expect(await response.json()).toEqual({
      user: { id, displayName: "agent", role: "agent", canEditTips: true },
    });
    expect((await call("agent", "GET", "/tips")).status).toBe(200);
    await call("admin", "PATCH", `/users/${id}`, { canEditTips: false });
    expect((await call("agent", "GET", "/tips")).status).toBe(403);
  });

  it("refuses other roles, unknown accounts and bad bodies", async () => {
    for (const [target, body, status] of [
      [ids.referent, { canEditTips: true }, 400],
      [ids.admin, { canEditTips: false }, 400],
      [999, { canEditTips: true }, 404],
      [ids.agent, { canEditTips: "oui" }, 400],
      [ids.agent, { canEditTips: true, role: "admin" }, 400],
      [ids.agent, {}, 400],
    ] as const) {
      const response = await call("admin", "PATCH", `/users/${target}`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
    }
    expect((await store.getUser(ids.referent!))?.canEditTips).toBe(false);
    expect((await store.getUser(ids.agent!))?.role).toBe("agent");
  });
});

describe("tip URLs", () => {
  it("match ids with the contract's own pattern (TIP_ID_RE)", () => {
    expect(TIP_PATH).toBe(
      `/support/api/tips/:id{${TIP_ID_RE.source.replace(/^\^|\$$/g, "")}}`,
    );
  });
});
