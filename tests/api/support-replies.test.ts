import { beforeEach, describe, expect, it } from "vitest";
import { makeRequestBody } from "../support/factories.ts";
import { CONSOLE_HEADERS, loginAs } from "../support/support-session.ts";
import { createTestApp, postJson } from "../support/test-app.ts";

// Issue 10 through the real app and SQLite: replies, their e-mail queued in the same step, the requester's
// answer seen in the console, reply templates, and the widget's status endpoint.

let env: ReturnType<typeof createTestApp>;
let admin: string;

beforeEach(async () => {
  env = createTestApp();
  admin = (
    await loginAs(env.app, env.store, { email: "admin@test.fr", role: "admin" })
  ).cookie;
});

function call(cookie: string, method: string, path: string, body?: unknown) {
  return env.app.request(path, {
    method,
    headers: {
      ...CONSOLE_HEADERS,
      Cookie: cookie,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function submit(body = makeRequestBody()) {
  const response = await env.app.request("/v1/requests", postJson(body));
  expect(response.status).toBe(201);
  return (await response.json()) as { reference: string; followUpUrl: string };
}
const tokenOf = (url: string) => url.split("/").pop()!;

describe("replies from the console", () => {
  it("stores the reply signed by the team, moves the status, queues one e-mail", async () => {
    const { reference } = await submit();
    const response = await call(
      admin,
      "POST",
      `/support/api/requests/${reference}/replies`,
      {
        text: "  Bonjour, votre dossier est complet.  ",
        status: "waiting_user",
      },
    );
    expect(response.status).toBe(201);
    const detail = await response.json();
    expect(detail.status).toBe("waiting_user");
    expect(detail.messages).toEqual([
      expect.objectContaining({
        author: "agent",
        text: "Bonjour, votre dossier est complet.",
        signature: "L'équipe support du SNU",
        mail: expect.objectContaining({ state: "pending" }),
      }),
    ]);
    expect(await env.store.countPendingMails()).toBe(1);
  });

  it("adds the author's name to the signature when asked", async () => {
    const { reference } = await submit();
    const detail = await (
      await call(admin, "POST", `/support/api/requests/${reference}/replies`, {
        text: "Bonjour",
        status: "resolved",
        signWithName: true,
      })
    ).json();
    expect(detail.messages[0].signature).toMatch(
      /^L'équipe support du SNU — .+/,
    );
    expect(detail.status).toBe("resolved");
  });

  it("refuses an empty or oversized reply, an unknown status or key, changing nothing", async () => {
    const { reference } = await submit();
    for (const body of [
      { text: "   ", status: "unchanged" },
      { text: "x".repeat(5001), status: "unchanged" },
      { text: "Bonjour", status: "closed" },
      { text: "Bonjour", status: "unchanged", bcc: "x@y.fr" },
    ]) {
      const response = await call(
        admin,
        "POST",
        `/support/api/requests/${reference}/replies`,
        body,
      );
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe("validation_failed");
    }
    const after = await (
      await call(admin, "GET", `/support/api/requests/${reference}`)
    ).json();
    expect(after.messages).toEqual([]);
    expect(after.version).toBe(1);
    expect(await env.store.countPendingMails()).toBe(0);
  });

  it("reopens a closed request that a reply leaves waiting for the user", async () => {
    const { reference } = await submit();
    const detail = await (
      await call(admin, "GET", `/support/api/requests/${reference}`)
    ).json();
    await call(admin, "PATCH", `/support/api/requests/${reference}`, {
      version: detail.version,
      status: "closed",
    });
    const reopened = await call(
      admin,
      "POST",
      `/support/api/requests/${reference}/replies`,
      { text: "Pouvez-vous préciser ?", status: "waiting_user" },
    );
    expect(reopened.status).toBe(201);
    const body = await reopened.json();
    expect(body.status).toBe("waiting_user");
    expect(body.events.at(-1).data).toEqual({
      from: "closed",
      to: "waiting_user",
    });
  });

  it("shows the requester's answer as unread in the inbox until the request is opened", async () => {
    const { reference, followUpUrl } = await submit();
    await call(admin, "POST", `/support/api/requests/${reference}/replies`, {
      text: "Quel est votre département ?",
      status: "waiting_user",
    });
    const hash = (
      await import("../../api/follow-up/tokens.ts")
    ).hashFollowUpToken(tokenOf(followUpUrl));
    await env.store.addAnswer(hash, "Le 75.", env.clock.now());
    const unread = await (
      await call(admin, "GET", "/support/api/requests?unread=1")
    ).json();
    expect(
      unread.items.map((i: { reference: string; unreadAnswer: boolean }) => [
        i.reference,
        i.unreadAnswer,
      ]),
    ).toEqual([[reference, true]]);
    expect(
      (await call(admin, "POST", `/support/api/requests/${reference}/read`))
        .status,
    ).toBe(204);
    const after = await (
      await call(admin, "GET", "/support/api/requests?unread=1")
    ).json();
    expect(after.items).toEqual([]);
    expect(
      (await call(admin, "GET", "/support/api/requests?unread=2")).status,
    ).toBe(400);
  });

  it("puts a failed e-mail back in the queue on « Réessayer »", async () => {
    const { reference } = await submit();
    await call(admin, "POST", `/support/api/requests/${reference}/replies`, {
      text: "Bonjour",
      status: "unchanged",
    });
    const [mail] = await env.store.claimDueMails(env.clock.now(), 10, 60_000);
    await env.store.markMailFailed(mail!.id, env.clock.now(), {
      permanent: true,
      error: "Adresse refusée par le serveur (550)",
    });
    const retried = await call(
      admin,
      "POST",
      `/support/api/requests/${reference}/mails/${mail!.id}/retry`,
    );
    expect(retried.status).toBe(200);
    expect((await retried.json()).messages[0].mail.state).toBe("pending");
    expect(await env.store.countPendingMails()).toBe(1);
  });
});

describe("reply templates", () => {
  const template = {
    title: "Convocation",
    text: "Votre demande {reference} ({page}).",
    category: "QUESTION",
  };

  it("lets admins write them and every account read them", async () => {
    const created = await call(
      admin,
      "POST",
      "/support/api/reply-templates",
      template,
    );
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const referent = (
      await loginAs(env.app, env.store, {
        email: "ref@test.fr",
        role: "referent",
        departments: "75",
      })
    ).cookie;
    const list = await (
      await call(referent, "GET", "/support/api/reply-templates")
    ).json();
    expect(list.templates).toEqual([
      expect.objectContaining({ id, ...template }),
    ]);
    for (const [method, path, body] of [
      ["POST", "/support/api/reply-templates", template],
      ["PUT", `/support/api/reply-templates/${id}`, template],
      ["DELETE", `/support/api/reply-templates/${id}`, undefined],
    ] as const) {
      const response = await call(referent, method, path, body);
      expect(response.status, method).toBe(403);
    }
    const agent = (
      await loginAs(env.app, env.store, {
        email: "agent@test.fr",
        role: "agent",
      })
    ).cookie;
    expect(
      (await call(agent, "POST", "/support/api/reply-templates", template))
        .status,
    ).toBe(403);
    const updated = await call(
      admin,
      "PUT",
      `/support/api/reply-templates/${id}`,
      {
        ...template,
        text: "Nouveau",
      },
    );
    expect((await updated.json()).text).toBe("Nouveau");
    expect(
      (await call(admin, "DELETE", `/support/api/reply-templates/${id}`))
        .status,
    ).toBe(204);
    expect(
      (await call(admin, "DELETE", `/support/api/reply-templates/${id}`))
        .status,
    ).toBe(404);
  });

  it("refuses an incomplete template with field details", async () => {
    const response = await call(admin, "POST", "/support/api/reply-templates", {
      title: "",
      text: "x",
    });
    expect(response.status).toBe(400);
    expect(
      (await response.json()).error.details.map(
        (d: { path: string }) => d.path,
      ),
    ).toEqual(["title"]);
  });
});

describe("POST /v1/follow-ups/status", () => {
  const status = (body: unknown, headers: Record<string, string> = {}) =>
    env.app.request("/v1/follow-ups/status", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("answers the known tokens' statuses in order and leaves unknown ones out", async () => {
    const a = await submit();
    const b = await submit();
    await call(admin, "POST", `/support/api/requests/${b.reference}/replies`, {
      text: "Réponse",
      status: "waiting_user",
    });
    const unknown = "A".repeat(32);
    const response = await status({
      tokens: [tokenOf(b.followUpUrl), unknown, tokenOf(a.followUpUrl)],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.json();
    expect(
      body.requests.map(
        (r: {
          token: string;
          reference: string;
          status: string;
          replies: number;
        }) => [r.token, r.reference, r.status, r.replies],
      ),
    ).toEqual([
      [tokenOf(b.followUpUrl), b.reference, "waiting_user", 1],
      [tokenOf(a.followUpUrl), a.reference, "new", 0],
    ]);
    // Nothing internal or personal travels: no message, no e-mail.
    expect(JSON.stringify(body)).not.toContain("@");
  });

  it("refuses malformed lists with 400 and foreign origins with 403", async () => {
    for (const body of [
      { tokens: [] },
      { tokens: ["short"] },
      { tokens: Array(11).fill("A".repeat(32)) },
      { tokens: ["A".repeat(32)], x: 1 },
    ]) {
      expect((await status(body)).status).toBe(400);
    }
    expect(
      (
        await status(
          { tokens: ["A".repeat(32)] },
          { Origin: "https://evil.example" },
        )
      ).status,
    ).toBe(403);
  });
});
