import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  AGENT,
  apiUrl,
  REFERENT,
  WRITER,
} from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import { seedAnchorReport, seedTip } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";
import { makeSource } from "../../support/console/tips-fixtures.ts";

const { api, server } = useConsoleServer();

beforeEach(() => api.signIn(WRITER));

/** Two anchored tips published, whose anchors were not found: one tip on two app versions. */
async function seedReports() {
  await seedTip(api.store, { published: makeSource() });
  await seedTip(api.store, {
    published: makeSource({
      id: "ad-volontaire-valider",
      platform: "admin",
      routes: ["/volontaire/:id"],
      params: {},
      roles: [],
      title: "Valider un dossier",
      anchor: { selector: "#valider-dossier" },
    }),
  });
  await seedAnchorReport(api.store, {
    tipId: "mc-inscription-piece-identite",
    appVersion: "2026.11.3",
    count: 7,
    firstSeen: "2026-03-01T08:00:00.000Z",
    lastSeen: "2026-03-02T10:30:00.000Z",
  });
  await seedAnchorReport(api.store, {
    tipId: "mc-inscription-piece-identite",
    count: 2,
    firstSeen: "2026-02-28T08:00:00.000Z",
    lastSeen: "2026-03-01T08:00:00.000Z",
  });
  await seedAnchorReport(api.store, {
    tipId: "ad-volontaire-valider",
    route: "/volontaire/:id",
    appVersion: "2026.11.3",
    firstSeen: "2026-02-27T08:00:00.000Z",
  });
}

const rows = async () =>
  within(await screen.findByRole("table"))
    .getAllByRole("row")
    .slice(1);

describe("« Ancres cassées »", () => {
  it("shows one row per tip, route and app version, with counts, dates, selector and editor link", async () => {
    await seedReports();
    openConsole("/support/tips/anchors");

    const found = await rows();
    expect(
      found.map((row) => [...row.children].map((cell) => cell.textContent)),
    ).toEqual([
      [
        "Quelle pièce d'identité téléverser ? : modifier l'astucemc-inscription-piece-identite",
        "moncompte",
        "/inscription/:step",
        "2026.11.3",
        "7",
        expect.stringContaining("1 mars 2026"),
        expect.stringContaining("2 mars 2026"),
        "#piece-identite-recto",
      ],
      [
        expect.stringContaining("Quelle pièce"),
        "moncompte",
        "/inscription/:step",
        "Non précisée",
        "2",
        expect.stringContaining("28 février 2026"),
        expect.stringContaining("1 mars 2026"),
        "#piece-identite-recto",
      ],
      [
        "Valider un dossier : modifier l'astucead-volontaire-valider",
        "admin",
        "/volontaire/:id",
        "2026.11.3",
        "1",
        expect.any(String),
        expect.stringContaining("27 février 2026"),
        "#valider-dossier",
      ],
    ]);
    expect(
      screen.getByRole("heading", { level: 1, name: "Ancres cassées" }),
    ).toBeDefined();

    fireEvent.click(within(found[2]!).getByRole("link"));
    expect(currentPath()).toBe("/support/tips/ad-volontaire-valider");
  });

  it("filters by platform through the address bar", async () => {
    await seedReports();
    openConsole("/support/tips/anchors");
    await rows();

    fireEvent.change(screen.getByLabelText("Plateforme"), {
      target: { value: "admin" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Filtrer" }));

    await waitFor(() =>
      expect(currentPath()).toBe("/support/tips/anchors?platform=admin"),
    );
    await waitFor(async () => expect(await rows()).toHaveLength(1));
    expect(api.sent("GET", "/anchor-reports").at(-1)!.url.search).toBe(
      "?platform=admin",
    );
    expect(screen.queryByLabelText("Recherche")).toBeNull();
  });

  it("says when no anchor is broken", async () => {
    openConsole("/support/tips/anchors");
    expect(
      await screen.findByText("Aucune ancre cassée signalée."),
    ).toBeDefined();
  });

  it("is open to every agent, like its API: titles without editor links for one who may not write tips", async () => {
    await seedReports();
    await api.signIn(AGENT);
    openConsole("/support/tips/anchors");
    const found = await rows();
    expect(found).toHaveLength(3);
    // The title is the row header's own text, not a link inside it.
    expect(within(found[0]!).queryByText(/Quelle pièce/)?.tagName).toBe("TH");
    expect(within(found[0]!).queryByRole("link")).toBeNull();
    const nav = screen.getByRole("navigation", {
      name: "Navigation principale",
    });
    expect(
      within(nav).getByRole("link", { name: "Ancres cassées" }),
    ).toBeDefined();
    expect(within(nav).queryByRole("link", { name: "Astuces" })).toBeNull();
  });

  it("is closed to referents, with no link to it", async () => {
    await api.signIn(REFERENT);
    openConsole("/support/tips/anchors");
    expect(
      await screen.findByText(/réservée à l'équipe nationale/),
    ).toBeDefined();
    expect(api.sent("GET", "/anchor-reports")).toEqual([]);
    expect(screen.queryByRole("link", { name: "Ancres cassées" })).toBeNull();
  });

  it("follows the session's canEditTips as the server sends it, role aside", async () => {
    await seedReports();
    await api.signIn(ADMIN);
    // The real API lets an admin always write tips: this session answer is made up, to check that the
    // console follows the flag rather than the role.
    server.use(
      http.get(apiUrl("/session"), () =>
        HttpResponse.json({ user: { ...ADMIN, canEditTips: false } }),
      ),
    );
    openConsole("/support/tips/anchors");
    await rows();
    expect(screen.queryByRole("link", { name: "Astuces" })).toBeNull();
    expect(within((await rows())[0]!).queryByRole("link")).toBeNull();
  });
});

describe("« Afficher plus »", () => {
  /**
   * `count` rows reported a minute apart, newest first: app versions 1.0, 1.1… of tips counted on 20
   * versions each (MAX_APP_VERSIONS_PER_ROUTE).
   */
  const manyReports = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const tipId = `mc-astuce-${Math.floor(i / 20)}`;
      if (i % 20 === 0)
        await seedTip(api.store, { published: makeSource({ id: tipId }) });
      await seedAnchorReport(api.store, {
        tipId,
        appVersion: `1.${i}`,
        firstSeen: new Date(
          Date.UTC(2026, 2, 2, 10, 0) - i * 60_000,
        ).toISOString(),
      });
    }
  };
  const versions = (count: number) =>
    Array.from({ length: count }, (_, i) => `1.${i}`);
  /** What the API answers to a query of « Ancres cassées ». */
  const answer = async (query: string) =>
    (await (await fetch(apiUrl(`/anchor-reports?${query}`))).json()) as {
      nextCursor: string;
    };

  it("loads the next page with the cursor and appends it, until the last page", async () => {
    // The API answers 50 rows a page.
    await manyReports(101);
    openConsole("/support/tips/anchors?platform=moncompte");
    expect(await rows()).toHaveLength(50);
    expect(
      screen.getByRole("table").querySelector("caption")!.textContent,
    ).toBe(
      "Ancres introuvables, de la plus récemment signalée à la plus ancienne : 50 affichées sur 101",
    );

    fireEvent.click(screen.getByRole("button", { name: "Afficher plus" }));
    await waitFor(async () => expect(await rows()).toHaveLength(100));
    expect(screen.getByRole("status").textContent).toBe(
      "50 ancres de plus affichées.",
    );
    // The focus goes to the first new row, where reading goes on.
    const firstNew = within((await rows())[50]!).getByRole("rowheader");
    await waitFor(() => expect(document.activeElement).toBe(firstNew));

    fireEvent.click(screen.getByRole("button", { name: "Afficher plus" }));
    await waitFor(async () => expect(await rows()).toHaveLength(101));
    expect((await rows()).map((row) => row.children[3]!.textContent)).toEqual(
      versions(101),
    );
    expect(screen.queryByRole("button", { name: "Afficher plus" })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe(
      "1 ancre de plus affichée.",
    );
    const calls = api
      .sent("GET", "/anchor-reports")
      .map((call) => Object.fromEntries(call.url.searchParams));
    const first = await answer("platform=moncompte");
    const second = await answer(
      `platform=moncompte&cursor=${first.nextCursor}`,
    );
    expect(calls).toEqual([
      { platform: "moncompte" },
      { platform: "moncompte", cursor: first.nextCursor },
      { platform: "moncompte", cursor: second.nextCursor },
    ]);
  });

  it("shows no button when everything fits in one page", async () => {
    await manyReports(3);
    openConsole("/support/tips/anchors");
    expect(await rows()).toHaveLength(3);
    expect(
      screen.getByRole("table").querySelector("caption")!.textContent,
    ).toBe(
      "Ancres introuvables, de la plus récemment signalée à la plus ancienne : 3 affichées sur 3",
    );
    expect(screen.queryByRole("button", { name: "Afficher plus" })).toBeNull();
  });

  it("keeps the rows shown and the button when a page fails, and never shows a row twice", async () => {
    await manyReports(52);
    openConsole("/support/tips/anchors");
    expect(await rows()).toHaveLength(50);
    // A store outage, which the real app answers so but cannot have on demand.
    server.use(
      http.get(
        apiUrl("/anchor-reports"),
        () =>
          HttpResponse.json(
            {
              error: {
                code: "unavailable",
                message: "Le service est momentanément indisponible.",
              },
            },
            { status: 503 },
          ),
        { once: true },
      ),
    );

    fireEvent.click(screen.getByRole("button", { name: "Afficher plus" }));
    expect(
      await screen.findByText("Le service est momentanément indisponible."),
    ).toBeDefined();
    expect(await rows()).toHaveLength(50);

    // The row seen last is reported again meanwhile: it moves up, out of the next pages (their cursor is
    // its former place), and stays shown once, where it was.
    await seedAnchorReport(api.store, {
      tipId: "mc-astuce-2",
      appVersion: "1.49",
      firstSeen: "2026-03-02T11:00:00.000Z",
    });
    fireEvent.click(screen.getByRole("button", { name: "Afficher plus" }));
    await waitFor(async () => expect(await rows()).toHaveLength(52));
    expect((await rows()).map((row) => row.children[3]!.textContent)).toEqual(
      versions(52),
    );
    expect(screen.queryByRole("button", { name: "Afficher plus" })).toBeNull();
  });
});
