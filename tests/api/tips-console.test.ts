import { beforeEach, describe, expect, it } from "vitest";
import type { TipSource } from "../../api/contract/tip-source.ts";
import { CONSOLE_HEADERS, loginAs } from "../support/support-session.ts";
import { createTestApp } from "../support/test-app.ts";
import { makeTipSource } from "../support/tip-sources.ts";

// The tips editor's API as an admin uses it: every write names a version, drafts stay private until
// published, and the public API serves a publication on the next request.
let ctx: ReturnType<typeof createTestApp>;
let cookie: string;

beforeEach(async () => {
  ctx = createTestApp();
  cookie = (
    await loginAs(ctx.app, ctx.store, {
      email: "admin@test.fr",
      role: "admin",
    })
  ).cookie;
});

function call(method: string, path: string, body?: unknown) {
  return ctx.app.request(`/support/api${path}`, {
    method,
    headers: {
      ...CONSOLE_HEADERS,
      Cookie: cookie,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const SOURCE = makeTipSource({
  id: "mc-phase1-convocation",
  title: "Où trouver ma convocation",
  markdown: "Elle est dans **votre espace**.",
});

async function create(source: TipSource = SOURCE) {
  const response = await call("POST", "/tips", { source });
  expect(response.status).toBe(201);
  return (await response.json()).tip as { id: string; version: number };
}

async function publicTips(query = "platform=moncompte") {
  return ctx.app.request(`/v1/tips?${query}`);
}

describe("console tips API", () => {
  it("creates a draft only: nothing public, answered in the editor's shape", async () => {
    const response = await call("POST", "/tips", { source: SOURCE });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      tip: {
        id: SOURCE.id,
        version: 1,
        draft: SOURCE,
        published: null,
        updatedAt: "2026-11-29T10:00:00.000Z",
        updatedBy: "admin",
      },
    });
    expect((await (await publicTips()).json()).tips).toEqual([]);
  });

  it("answers 409 tip_exists when the id is taken, and keeps the first tip", async () => {
    await create();
    const response = await call("POST", "/tips", {
      source: { ...SOURCE, title: "Autre titre" },
    });
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("tip_exists");
    const tip = (await (await call("GET", `/tips/${SOURCE.id}`)).json()).tip;
    expect(tip.draft.title).toBe(SOURCE.title);
  });

  it.each([
    ["an unknown route", { routes: ["/nulle-part"] }, "source.routes.0"],
    ["a missing title", { title: undefined }, "source.title"],
    [
      "Markdown outside the subset",
      { markdown: "<b>gras</b>" },
      "source.markdown",
    ],
    ["an unknown field", { couleur: "rouge" }, "source"],
  ])(
    "refuses %s with 400 and a French detail on the field, creating nothing",
    async (_name, change, path) => {
      const response = await call("POST", "/tips", {
        source: { ...SOURCE, ...change },
      });
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe("validation_failed");
      expect(error.details.map((d: { path: string }) => d.path)).toContain(
        path,
      );
      expect(error.details[0].message).not.toMatch(/Invalid|Expected/);
      expect(await ctx.store.countTips()).toBe(0);
    },
  );

  it.each(["new", "anchors"])(
    "refuses the id « %s », which the console's addresses use, with 400",
    async (id) => {
      const response = await call("POST", "/tips", {
        source: { ...SOURCE, id },
      });
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe("validation_failed");
      expect(error.details).toContainEqual({
        path: "source.id",
        message: "Cet identifiant est réservé.",
      });
      expect(await ctx.store.countTips()).toBe(0);
    },
  );

  it("refuses an invalid draft with 400 and changes nothing", async () => {
    await create();
    const before = await ctx.store.getTip(SOURCE.id);
    for (const body of [
      { version: 1, source: { ...SOURCE, title: "x" } },
      { version: 1, source: { ...SOURCE, id: "mc-autre" } },
      { version: 1, source: { ...SOURCE, platform: "admin" } },
      { source: SOURCE },
      { version: "1", source: SOURCE },
    ]) {
      const response = await call("PUT", `/tips/${SOURCE.id}/draft`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(await ctx.store.getTip(SOURCE.id)).toEqual(before);
  });

  it("saves, publishes, and serves the publication at once with a new ETag, drafts never", async () => {
    await create();
    let response = await call("PUT", `/tips/${SOURCE.id}/draft`, {
      version: 1,
      source: { ...SOURCE, title: "Ma convocation" },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).tip).toMatchObject({
      version: 2,
      draft: { title: "Ma convocation" },
    });
    const empty = await publicTips();
    expect((await empty.json()).tips).toEqual([]);

    response = await call("POST", `/tips/${SOURCE.id}/publish`, { version: 2 });
    expect(response.status).toBe(200);
    expect((await response.json()).tip).toMatchObject({
      version: 3,
      draft: null,
      published: { title: "Ma convocation" },
      publishedAt: "2026-11-29T10:00:00.000Z",
    });
    const served = await publicTips("platform=moncompte&route=/phase1");
    expect(served.headers.get("etag")).not.toBe(empty.headers.get("etag"));
    expect(await served.json()).toEqual({
      tips: [
        {
          id: SOURCE.id,
          title: "Ma convocation",
          body: [
            {
              type: "p",
              children: [
                "Elle est dans ",
                { type: "strong", children: ["votre espace"] },
                ".",
              ],
            },
          ],
        },
      ],
    });

    // A new draft of a published tip: the public keeps the published text.
    await call("PUT", `/tips/${SOURCE.id}/draft`, {
      version: 3,
      source: { ...SOURCE, title: "Brouillon privé" },
    });
    const still = await (await publicTips()).json();
    expect(still.tips[0].title).toBe("Ma convocation");
  });

  it("answers 409 version_conflict with the fresh tip to every stale write, changing nothing", async () => {
    await create();
    await call("POST", `/tips/${SOURCE.id}/publish`, { version: 1 });
    const fresh = (await (await call("GET", `/tips/${SOURCE.id}`)).json()).tip;
    for (const [method, path, body] of [
      ["PUT", "/draft", { version: 1, source: SOURCE }],
      ["POST", "/publish", { version: 1 }],
      ["POST", "/unpublish", { version: 1 }],
      ["DELETE", "/draft", { version: 1 }],
      ["POST", "/revert", { version: 1, to: 1 }],
    ] as const) {
      const response = await call(method, `/tips/${SOURCE.id}${path}`, body);
      expect(response.status, `${method} ${path}`).toBe(409);
      const answer = await response.json();
      expect(answer.error.code).toBe("version_conflict");
      expect(answer.tip).toEqual(fresh);
    }
    expect((await ctx.store.getTip(SOURCE.id))?.version).toBe(2);
  });

  it("answers 400 to a publish without draft, a discard of a never-published tip, a revert to nowhere", async () => {
    await create();
    const discard = await call("DELETE", `/tips/${SOURCE.id}/draft`, {
      version: 1,
    });
    expect(discard.status).toBe(400);
    expect((await discard.json()).error.message).toMatch(/jamais été publiée/);
    expect(
      (await call("POST", `/tips/${SOURCE.id}/unpublish`, { version: 1 }))
        .status,
    ).toBe(400);
    const revert = await call("POST", `/tips/${SOURCE.id}/revert`, {
      version: 1,
      to: 9,
    });
    expect(revert.status).toBe(400);
    expect((await revert.json()).error.details[0].path).toBe("to");
    await call("POST", `/tips/${SOURCE.id}/publish`, { version: 1 });
    expect(
      (await call("POST", `/tips/${SOURCE.id}/publish`, { version: 2 })).status,
    ).toBe(400);
    expect((await ctx.store.getTip(SOURCE.id))?.version).toBe(2);
  });

  it("checks the text again on publish and revert: one saved under older rules gets 400 and changes nothing", async () => {
    const { updatedBy } = (await ctx.store.getTip((await create()).id))!;
    await call("POST", `/tips/${SOURCE.id}/publish`, { version: 1 });
    // The store keeps what it is given: a draft saved before values had to be lowercase.
    const old = {
      ...SOURCE,
      routes: ["/inscription/:step"],
      params: { step: ["Documents"] },
    };
    await ctx.store.changeTip(
      SOURCE.id,
      2,
      { action: "edit", source: old },
      updatedBy!,
      new Date("2026-11-29T10:00:00Z"),
    );
    const before = await ctx.store.getTip(SOURCE.id);
    const publish = await call("POST", `/tips/${SOURCE.id}/publish`, {
      version: 3,
    });
    expect(publish.status).toBe(400);
    const refused = (await publish.json()).error;
    expect(refused.code).toBe("validation_failed");
    expect(refused.message).toMatch(/brouillon/);
    expect(refused.details).toEqual([
      {
        path: "source.params.step",
        message: expect.stringMatching(/minuscules/),
      },
    ]);
    await call("DELETE", `/tips/${SOURCE.id}/draft`, { version: 3 });
    const revert = await call("POST", `/tips/${SOURCE.id}/revert`, {
      version: 4,
      to: 3,
    });
    expect(revert.status).toBe(400);
    expect((await revert.json()).error.details[0].path).toBe(
      "source.params.step",
    );
    const after = await ctx.store.getTip(SOURCE.id);
    expect(after).toMatchObject({ version: 4, draft: null, published: SOURCE });
    expect(before?.published).toEqual(SOURCE);
    expect((await ctx.store.listTipVersions(SOURCE.id)).length).toBe(4);
  });

  it("unpublishes: the tip leaves the public API at once and its text becomes the draft", async () => {
    await create();
    await call("POST", `/tips/${SOURCE.id}/publish`, { version: 1 });
    const response = await call("POST", `/tips/${SOURCE.id}/unpublish`, {
      version: 2,
    });
    expect((await response.json()).tip).toMatchObject({
      published: null,
      draft: SOURCE,
    });
    expect((await (await publicTips()).json()).tips).toEqual([]);
    const list = await (await call("GET", "/tips")).json();
    expect(list.tips[0].state).toBe("unpublished");
  });

  it("discards a draft of a published tip", async () => {
    await create();
    await call("POST", `/tips/${SOURCE.id}/publish`, { version: 1 });
    await call("PUT", `/tips/${SOURCE.id}/draft`, {
      version: 2,
      source: { ...SOURCE, title: "Abandonné" },
    });
    const response = await call("DELETE", `/tips/${SOURCE.id}/draft`, {
      version: 3,
    });
    expect(response.status).toBe(200);
    expect((await response.json()).tip).toMatchObject({
      draft: null,
      published: SOURCE,
      version: 4,
    });
  });

  it("reverts to a former version as a draft; publishing stays a separate step", async () => {
    await create();
    await call("POST", `/tips/${SOURCE.id}/publish`, { version: 1 });
    await call("PUT", `/tips/${SOURCE.id}/draft`, {
      version: 2,
      source: { ...SOURCE, title: "Deuxième texte" },
    });
    await call("POST", `/tips/${SOURCE.id}/publish`, { version: 3 });
    const response = await call("POST", `/tips/${SOURCE.id}/revert`, {
      version: 4,
      to: 1,
    });
    expect((await response.json()).tip).toMatchObject({
      version: 5,
      draft: SOURCE,
      published: { title: "Deuxième texte" },
    });
    expect((await (await publicTips()).json()).tips[0].title).toBe(
      "Deuxième texte",
    );
  });

  it("lists versions newest first with who, what and the fields each one changed", async () => {
    await ctx.store.importTips(
      [makeTipSource({ id: SOURCE.id, title: "Du dépôt", roles: ["young"] })],
      new Date("2026-11-01T00:00:00Z"),
    );
    await call("PUT", `/tips/${SOURCE.id}/draft`, {
      version: 1,
      source: {
        ...SOURCE,
        roles: ["young", "admin"],
        anchor: { selector: "#convocation", text: "Ici", placement: "top" },
      },
    });
    await call("POST", `/tips/${SOURCE.id}/publish`, { version: 2 });
    const response = await call("GET", `/tips/${SOURCE.id}/versions`);
    expect(response.status).toBe(200);
    const { versions } = await response.json();
    expect(versions.map((v: { action: string }) => v.action)).toEqual([
      "publish",
      "edit",
      "import",
    ]);
    expect(versions[0]).toEqual({
      version: 3,
      action: "publish",
      at: "2026-11-29T10:00:00.000Z",
      by: "admin",
      changes: [],
    });
    expect(versions[1].changes).toEqual([
      { field: "roles", before: "young", after: "young, admin" },
      { field: "title", before: "Du dépôt", after: SOURCE.title },
      {
        field: "markdown",
        before: "Texte de l'astuce.",
        after: SOURCE.markdown,
      },
      { field: "anchor", after: "#convocation · Ici · top" },
    ]);
    expect(versions[2].by).toBeUndefined();
    expect(versions[2].changes[0]).toEqual({ field: "id", after: SOURCE.id });
    expect((await call("GET", "/tips/mc-inconnue/versions")).status).toBe(404);
  });

  it("lists tips by platform then title, with their state, and filters by platform and words", async () => {
    await ctx.store.importTips(
      [
        makeTipSource({ id: "mc-b", title: "Séjour : les dates" }),
        makeTipSource({
          id: "ad-a",
          platform: "admin",
          routes: ["/dashboard"],
          title: "Tableau de bord",
        }),
      ],
      new Date("2026-11-01T00:00:00Z"),
    );
    await create(
      makeTipSource({
        id: "mc-a",
        title: "Anchored",
        anchor: { selector: "#x" },
        activeTo: "2026-12-31",
      }),
    );
    const { tips } = await (await call("GET", "/tips")).json();
    expect(tips).toEqual([
      {
        id: "ad-a",
        platform: "admin",
        title: "Tableau de bord",
        routes: ["/dashboard"],
        state: "published",
        anchored: false,
        version: 1,
        updatedAt: "2026-11-01T00:00:00.000Z",
      },
      {
        id: "mc-a",
        platform: "moncompte",
        title: "Anchored",
        routes: ["/phase1"],
        state: "draft",
        anchored: true,
        activeTo: "2026-12-31",
        version: 1,
        updatedAt: "2026-11-29T10:00:00.000Z",
        updatedBy: "admin",
      },
      expect.objectContaining({ id: "mc-b", state: "published" }),
    ]);
    const ids = async (query: string) =>
      (await (await call("GET", `/tips?${query}`)).json()).tips.map(
        (t: { id: string }) => t.id,
      );
    expect(await ids("platform=admin")).toEqual(["ad-a"]);
    expect(await ids("q=sejour DATES")).toEqual(["mc-b"]);
    expect((await call("GET", "/tips?platform=intranet")).status).toBe(400);
    await call("PUT", "/tips/mc-b/draft", {
      version: 1,
      source: makeTipSource({ id: "mc-b", title: "Séjour, en cours" }),
    });
    expect(
      (await (await call("GET", "/tips?q=en cours")).json()).tips[0],
    ).toMatchObject({
      state: "published_with_draft",
      title: "Séjour, en cours",
    });
  });

  it("answers 404 for an unknown tip", async () => {
    expect((await call("GET", "/tips/mc-inconnue")).status).toBe(404);
    expect(
      (await call("POST", "/tips/mc-inconnue/publish", { version: 1 })).status,
    ).toBe(404);
  });

  it("previews any source: the wire tip and its problems, never a 400 for content", async () => {
    const response = await call("POST", "/tips/preview", {
      source: { title: "Presque", markdown: "Un texte *en cours*", routes: [] },
    });
    expect(response.status).toBe(200);
    const preview = await response.json();
    expect(preview.tip).toEqual({
      id: "apercu",
      title: "Presque",
      body: [
        {
          type: "p",
          children: ["Un texte ", { type: "em", children: ["en cours"] }],
        },
      ],
    });
    expect(preview.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(["id", "platform", "routes"]),
    );
    const broken = await (
      await call("POST", "/tips/preview", {
        source: { ...SOURCE, markdown: "# Titre" },
      })
    ).json();
    expect(broken.tip).toBeNull();
    expect(broken.problems).toEqual([
      {
        path: "markdown",
        message: expect.stringMatching(/^Ligne 1 : les titres/),
      },
    ]);
    const valid = await (
      await call("POST", "/tips/preview", { source: SOURCE })
    ).json();
    expect(valid.problems).toEqual([]);
    expect(valid.tip.id).toBe(SOURCE.id);
    expect((await call("POST", "/tips/preview", { autre: 1 })).status).toBe(
      400,
    );
  });
});
