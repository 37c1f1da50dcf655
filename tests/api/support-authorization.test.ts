import { beforeAll, describe, expect, it } from "vitest";
import { makeNewRequest } from "../support/factories.ts";
import { CONSOLE_HEADERS, loginAs } from "../support/support-session.ts";
import { createTestApp } from "../support/test-app.ts";

// Every console endpoint × every kind of caller. A referent of 75 must get 404 — not 403, which would
// confirm the request exists — for a request of the 13, on every endpoint.
const { app, store, clock } = createTestApp();
const actors: Record<string, string | undefined> = { anonymous: undefined };
const refs: Record<string, string> = {};

beforeAll(async () => {
  const at = new Date("2026-11-20T10:00:00Z");
  const withDepartment = (department: string | undefined, message: string) => {
    const request = makeNewRequest({ message });
    if (department)
      request.context = {
        ...request.context,
        identity: { role: "young", department },
      };
    else delete request.context.identity;
    return request;
  };
  refs["75"] = (
    await store.createRequest(
      withDepartment("75", "Question parisienne sur le séjour"),
      at,
    )
  ).reference;
  refs["13"] = (
    await store.createRequest(
      withDepartment("13", "Question marseillaise sur le séjour"),
      at,
    )
  ).reference;
  refs.none = (
    await store.createRequest(
      withDepartment(undefined, "Question d'un parent sans compte"),
      at,
    )
  ).reference;
  clock.set("2026-11-29T10:00:00Z");
  for (const [name, account] of Object.entries({
    admin: { email: "admin@test.fr", role: "admin" as const },
    agent: { email: "agent@test.fr", role: "agent" as const },
    referent75: {
      email: "ref75@test.fr",
      role: "referent" as const,
      departments: "75",
    },
    referent13: {
      email: "ref13@test.fr",
      role: "referent" as const,
      departments: "13",
    },
  })) {
    actors[name] = (await loginAs(app, store, account)).cookie;
  }
});

function call(actor: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { ...CONSOLE_HEADERS };
  if (actors[actor]) headers.Cookie = actors[actor]!;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function versionOf(reference: string) {
  const response = await call(
    "admin",
    "GET",
    `/support/api/requests/${reference}`,
  );
  return ((await response.json()) as { version: number }).version;
}

/** Which of the three requests each caller may see. */
const VISIBLE: Record<string, string[]> = {
  admin: ["75", "13", "none"],
  agent: ["75", "13", "none"],
  referent75: ["75"],
  referent13: ["13"],
};

describe("console authorization matrix", () => {
  it.each([
    "GET /support/api/session",
    "GET /support/api/requests",
    "GET /support/api/pages",
    "GET /support/api/users",
    "GET /support/api/export.csv",
    "DELETE /support/api/session",
  ])(
    "answers 401 unauthenticated to %s without a session",
    async (endpoint) => {
      const [method, path] = endpoint.split(" ") as [string, string];
      const response = await call("anonymous", method, path);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthenticated");
    },
  );

  it("answers 401 to detail, update and notes without a session", async () => {
    for (const [method, suffix, body] of [
      ["GET", "", undefined],
      ["PATCH", "", { version: 1, status: "in_progress" }],
      ["POST", "/notes", { text: "note" }],
    ] as const) {
      const response = await call(
        "anonymous",
        method,
        `/support/api/requests/${refs["75"]}${suffix}`,
        body,
      );
      expect(response.status, `${method} ${suffix}`).toBe(401);
    }
  });

  for (const actor of Object.keys(VISIBLE)) {
    describe(actor, () => {
      it("lists exactly the requests in its scope, with counts to match", async () => {
        const response = await call(actor, "GET", "/support/api/requests");
        expect(response.status).toBe(200);
        const body = await response.json();
        const seen = body.items
          .map((item: { reference: string }) => item.reference)
          .sort();
        expect(seen).toEqual(VISIBLE[actor]!.map((key) => refs[key]).sort());
        const total = Object.values(
          body.counts as Record<string, number>,
        ).reduce((a, b) => a + b, 0);
        expect(total).toBe(VISIBLE[actor]!.length);
      });

      it("finds by text only the requests in its scope", async () => {
        const body = await (
          await call(actor, "GET", "/support/api/requests?q=sejour")
        ).json();
        const expected = VISIBLE[actor]!.filter((key) => key !== "none")
          .map((key) => refs[key])
          .sort();
        expect(
          body.items
            .map((item: { reference: string }) => item.reference)
            .sort(),
        ).toEqual(expected);
      });

      it("reads, updates and annotates in scope, and gets 404 out of scope", async () => {
        for (const key of ["75", "13", "none"]) {
          const reference = refs[key]!;
          const allowed = VISIBLE[actor]!.includes(key);
          const detail = await call(
            actor,
            "GET",
            `/support/api/requests/${reference}`,
          );
          expect(detail.status, `GET ${key}`).toBe(allowed ? 200 : 404);
          const version = await versionOf(reference);
          const update = await call(
            actor,
            "PATCH",
            `/support/api/requests/${reference}`,
            { version, tags: [actor] },
          );
          expect(update.status, `PATCH ${key}`).toBe(allowed ? 200 : 404);
          const note = await call(
            actor,
            "POST",
            `/support/api/requests/${reference}/notes`,
            { text: `vu par ${actor}` },
          );
          expect(note.status, `notes ${key}`).toBe(allowed ? 201 : 404);
          if (!allowed) expect(await detail.text()).not.toContain("Question");
        }
      });

      it("replies, marks read and retries e-mails in scope, and gets 404 out of scope (issue 10)", async () => {
        for (const key of ["75", "13", "none"]) {
          const reference = refs[key]!;
          const allowed = VISIBLE[actor]!.includes(key);
          const reply = await call(
            actor,
            "POST",
            `/support/api/requests/${reference}/replies`,
            { text: `Réponse de ${actor}`, status: "unchanged" },
          );
          expect(reply.status, `reply ${key}`).toBe(allowed ? 201 : 404);
          const read = await call(
            actor,
            "POST",
            `/support/api/requests/${reference}/read`,
          );
          expect(read.status, `read ${key}`).toBe(allowed ? 204 : 404);
          const retry = await call(
            actor,
            "POST",
            `/support/api/requests/${reference}/mails/1/retry`,
          );
          // Nothing failed yet: 404 everywhere, with the same body in scope or not.
          expect(retry.status, `retry ${key}`).toBe(404);
          if (!allowed) expect(await reply.text()).not.toContain("Question");
        }
        const stored = await store.getRequestDetail(
          { kind: "all" },
          refs["13"]!,
        );
        expect(
          stored!.messages.some((m) => m.text === `Réponse de ${actor}`),
        ).toBe(VISIBLE[actor]!.includes("13"));
      });

      it("exports only the requests in its scope", async () => {
        const response = await call(actor, "GET", "/support/api/export.csv");
        expect(response.status).toBe(200);
        const csv = await response.text();
        for (const key of ["75", "13", "none"]) {
          expect(csv.includes(refs[key]!), key).toBe(
            VISIBLE[actor]!.includes(key),
          );
        }
      });

      it("counts per page only the requests in its scope", async () => {
        const body = await (
          await call(
            actor,
            "GET",
            "/support/api/pages?from=2026-11-01&to=2026-11-29",
          )
        ).json();
        const total = body.pages.reduce(
          (sum: number, page: { count: number }) => sum + page.count,
          0,
        );
        expect(total).toBe(VISIBLE[actor]!.length);
      });
    });
  }

  it("never lets a referent's list filter reach another département", async () => {
    const body = await (
      await call("referent75", "GET", "/support/api/requests?department=13")
    ).json();
    expect(body.items).toEqual([]);
  });
});
