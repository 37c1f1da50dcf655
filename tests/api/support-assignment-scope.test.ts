import { beforeAll, describe, expect, it } from "vitest";
import type { SupportUser } from "../../api/store/support-types.ts";
import { makeSpecRequest } from "../support/support-store-contract.ts";
import { CONSOLE_HEADERS, loginAs } from "../support/support-session.ts";
import { createTestApp } from "../support/test-app.ts";

// Issue 11: a request goes only to a colleague who can see it, and the colleagues list shows a referent no
// other département's referent — neither answer may enumerate accounts.
const { app, store } = createTestApp();
const cookies: Record<string, string> = {};
const accounts: Record<string, SupportUser> = {};
let reference = "";

beforeAll(async () => {
  const now = new Date("2026-11-20T10:00:00Z");
  for (const [name, account] of Object.entries({
    admin: { email: "admin@test.fr", role: "admin" as const },
    referent13: {
      email: "ref13@test.fr",
      role: "referent" as const,
      departments: "13",
    },
  })) {
    const { user, cookie } = await loginAs(app, store, account);
    accounts[name] = user;
    cookies[name] = cookie;
  }
  const add = (
    name: string,
    role: SupportUser["role"],
    departments: string[] = [],
  ) =>
    store
      .createUser(
        {
          email: `${name}@test.fr`,
          displayName: `Compte ${name}`,
          role,
          departments,
          passwordHash: "unused",
        },
        now,
      )
      .then((user) => (accounts[name] = user));
  await add("agent", "agent");
  await add("referent92and13", "referent", ["92", "13"]);
  await add("referent75", "referent", ["75"]);
  await add("gone13", "referent", ["13"]);
  await store.updateUser(accounts.gone13!.id, { disabled: true });
  reference = (
    await store.createRequest(makeSpecRequest({ department: "13" }), now)
  ).reference;
});

function call(actor: string, method: string, path: string, body?: unknown) {
  return app.request(path, {
    method,
    headers: {
      ...CONSOLE_HEADERS,
      Cookie: cookies[actor]!,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function assign(actor: string, assigneeId: number) {
  const current = await (
    await call("admin", "GET", `/support/api/requests/${reference}`)
  ).json();
  return call(actor, "PATCH", `/support/api/requests/${reference}`, {
    version: current.version,
    assigneeId,
  });
}

describe("PATCH /support/api/requests/:reference with assigneeId", () => {
  it("assigns a request of the 13 to the national team and the 13's referents, and refuses anyone else with the answer an unknown account gets", async () => {
    for (const actor of ["referent13", "admin"]) {
      for (const name of ["agent", "admin", "referent92and13", "referent13"]) {
        const response = await assign(actor, accounts[name]!.id);
        expect(response.status, `${actor} → ${name}`).toBe(200);
        expect((await response.json()).assignee.displayName).toBe(
          accounts[name]!.displayName,
        );
      }
      const unknown = await assign(actor, 99_999);
      expect(unknown.status).toBe(400);
      const expected = await unknown.json();
      for (const name of ["referent75", "gone13"]) {
        const response = await assign(actor, accounts[name]!.id);
        expect(response.status, `${actor} → ${name}`).toBe(400);
        const body = await response.json();
        expect(body).toEqual(expected);
        expect(JSON.stringify(body)).not.toContain(accounts[name]!.displayName);
      }
    }
  });
});

describe("GET /support/api/users", () => {
  const names = async (actor: string) => {
    const response = await call(actor, "GET", "/support/api/users");
    expect(response.status).toBe(200);
    return (await response.json()).users as {
      displayName: string;
      departments?: string[];
    }[];
  };

  it("lists for a referent the national team, itself and the referents sharing a département — no one else", async () => {
    const users = await names("referent13");
    expect(users.map((u) => u.displayName).sort()).toEqual(
      ["admin", "agent", "referent92and13", "referent13"]
        .map((name) => accounts[name]!.displayName)
        .sort(),
    );
    // A shared referent's other départements are not the viewer's business.
    expect(
      users.find((u) => u.displayName === accounts.referent92and13!.displayName)
        ?.departments,
    ).toEqual(["13"]);
  });

  it("lists every active account for the national team, with referents' départements", async () => {
    const users = await names("admin");
    expect(users.map((u) => u.displayName).sort()).toEqual(
      ["admin", "agent", "referent92and13", "referent75", "referent13"]
        .map((name) => accounts[name]!.displayName)
        .sort(),
    );
    expect(
      users.find((u) => u.displayName === accounts.referent92and13!.displayName)
        ?.departments,
    ).toEqual(["92", "13"]);
  });
});
