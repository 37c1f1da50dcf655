import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { apiUrl } from "../../support/console/fixtures.ts";
import { errorResponse } from "../../support/console/handlers.ts";
import { AGENT, REFERENT } from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import {
  ADMIN,
  makeAnchorReport,
  WRITER,
} from "../../support/console/tips-fixtures.ts";
import { useTipsConsoleServer } from "../../support/console/tips-server.ts";

const { fake, tips, server } = useTipsConsoleServer();

beforeEach(() => {
  fake.user = WRITER;
  tips.anchors = [
    makeAnchorReport(),
    makeAnchorReport({
      appVersion: undefined,
      count: 2,
      firstSeen: "2026-02-28T08:00:00.000Z",
      lastSeen: "2026-03-01T08:00:00.000Z",
    }),
    makeAnchorReport({
      tipId: "ad-volontaire-valider",
      title: "Valider un dossier",
      platform: "admin",
      route: "/volontaire/:id",
      selector: "#valider-dossier",
      count: 1,
      lastSeen: "2026-02-27T08:00:00.000Z",
    }),
  ];
});

const rows = async () =>
  within(await screen.findByRole("table"))
    .getAllByRole("row")
    .slice(1);

describe("« Ancres cassées »", () => {
  it("shows one row per tip, route and app version, with counts, dates, selector and editor link", async () => {
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
    expect(fake.callsTo("GET", "/anchor-reports").at(-1)!.url.search).toBe(
      "?platform=admin",
    );
    expect(screen.queryByLabelText("Recherche")).toBeNull();
  });

  it("says when no anchor is broken", async () => {
    tips.anchors = [];
    openConsole("/support/tips/anchors");
    expect(
      await screen.findByText("Aucune ancre cassée signalée."),
    ).toBeDefined();
  });

  it("is open to every agent, like its API: titles without editor links for one who may not write tips", async () => {
    fake.user = AGENT;
    openConsole("/support/tips/anchors");
    const found = await rows();
    expect(found).toHaveLength(3);
    expect(within(found[0]!).getByText(/Quelle pièce/)).toBeDefined();
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
    fake.user = REFERENT;
    openConsole("/support/tips/anchors");
    expect(
      await screen.findByText(/réservée à l'équipe nationale/),
    ).toBeDefined();
    expect(fake.callsTo("GET", "/anchor-reports")).toEqual([]);
    expect(screen.queryByRole("link", { name: "Ancres cassées" })).toBeNull();
  });

  it("follows the session's canEditTips as the server sends it, role aside", async () => {
    fake.user = { ...ADMIN, canEditTips: false };
    openConsole("/support/tips/anchors");
    await rows();
    expect(screen.queryByRole("link", { name: "Astuces" })).toBeNull();
    expect(within((await rows())[0]!).queryByRole("link")).toBeNull();
  });
});

describe("« Afficher plus »", () => {
  const manyReports = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      makeAnchorReport({ appVersion: `1.${i}`, count: n - i }),
    );

  it("loads the next page with the cursor and appends it, until the last page", async () => {
    tips.anchors = manyReports(5);
    tips.anchorPageSize = 2;
    openConsole("/support/tips/anchors?platform=moncompte");
    expect(await rows()).toHaveLength(2);
    expect(
      screen.getByRole("table").querySelector("caption")!.textContent,
    ).toBe(
      "Ancres introuvables, de la plus récemment signalée à la plus ancienne : 2 affichées sur 5",
    );

    fireEvent.click(screen.getByRole("button", { name: "Afficher plus" }));
    await waitFor(async () => expect(await rows()).toHaveLength(4));
    expect(screen.getByRole("status").textContent).toBe(
      "2 ancres de plus affichées.",
    );
    // The focus goes to the first new row, where reading goes on.
    const third = within((await rows())[2]!).getByRole("rowheader");
    await waitFor(() => expect(document.activeElement).toBe(third));

    fireEvent.click(screen.getByRole("button", { name: "Afficher plus" }));
    await waitFor(async () => expect(await rows()).toHaveLength(5));
    expect((await rows()).map((row) => row.children[3]!.textContent)).toEqual([
      "1.0",
      "1.1",
      "1.2",
      "1.3",
      "1.4",
    ]);
    expect(screen.queryByRole("button", { name: "Afficher plus" })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe(
      "1 ancre de plus affichée.",
    );
    const calls = fake
      .callsTo("GET", "/anchor-reports")
      .map((call) => Object.fromEntries(call.url.searchParams));
    expect(calls).toEqual([
      { platform: "moncompte" },
      { platform: "moncompte", cursor: "2" },
      { platform: "moncompte", cursor: "4" },
    ]);
  });

  it("shows no button when everything fits in one page", async () => {
    tips.anchors = manyReports(3);
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
    tips.anchors = manyReports(4);
    tips.anchorPageSize = 2;
    openConsole("/support/tips/anchors");
    expect(await rows()).toHaveLength(2);
    server.use(
      http.get(
        apiUrl("/anchor-reports"),
        () =>
          errorResponse(
            503,
            "unavailable",
            "Le service est momentanément indisponible.",
          ),
        { once: true },
      ),
    );

    fireEvent.click(screen.getByRole("button", { name: "Afficher plus" }));
    expect(
      await screen.findByText("Le service est momentanément indisponible."),
    ).toBeDefined();
    expect(await rows()).toHaveLength(2);

    // The row seen last is reported again meanwhile: the next page starts with it, shown once only.
    server.use(
      http.get(
        apiUrl("/anchor-reports"),
        () =>
          HttpResponse.json({
            anchors: tips.anchors.slice(1, 4),
            total: 4,
          }),
        { once: true },
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: "Afficher plus" }));
    await waitFor(async () => expect(await rows()).toHaveLength(4));
    expect((await rows()).map((row) => row.children[3]!.textContent)).toEqual([
      "1.0",
      "1.1",
      "1.2",
      "1.3",
    ]);
    expect(screen.queryByRole("button", { name: "Afficher plus" })).toBeNull();
  });
});
