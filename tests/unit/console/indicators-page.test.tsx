import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  formatDuration,
  formatShare,
} from "../../../api/console/indicators/indicator-format.ts";
import { parisToday } from "../../../api/console/indicators/indicators-view.ts";
import {
  AGENT,
  apiUrl,
  makeRequest,
  REFERENT,
} from "../../support/console/fixtures.ts";
import {
  seedRequestLife,
  seedWidgetCounts,
} from "../../support/console/indicator-seed.ts";
import {
  closeConsole,
  currentPath,
  openConsole,
} from "../../support/console/mount.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api, server } = useConsoleServer();

/** Two full weeks, Monday 16 February to Sunday 1 March 2026; the previous period: 2 to 15 February. */
const PERIOD =
  "/support/indicateurs?period=custom&from=2026-02-16&to=2026-03-01";
const INSCRIPTION = {
  platform: "moncompte",
  route: "/inscription/:step",
} as const;
const PHASE1 = { platform: "moncompte", route: "/phase1" } as const;
const PHASE2 = { platform: "admin", route: "/volontaire/:id/phase2" } as const;
const COMMENT = "<b>Trop lent</b> ; =1+1";

/**
 * Times are UTC; Paris is UTC+1 in February, so every request falls on the same day in Paris. The store
 * numbers the references in this order: A = SNU-2026-000001 … C4 = SNU-2026-000006.
 *
 * Previous period:
 * - A: Mon 9 Feb 09:00, /inscription/:step (75); reply 10:00 (1 h); resolved 10 Feb 09:00 (1 j); rated 4.
 * - B: Tue 10 Feb, /phase1 (75); never answered: open at the end of both periods.
 * Current period:
 * - C1: Mon 16 Feb 09:00, /inscription/:step (75); reply 12:20 (3 h 20 min = 12 000 s); resolved 17 Feb
 *   09:00 (86 400 s = 1 j); rated 5 on 18 Feb with a comment.
 * - C2: Tue 17 Feb 09:00, /inscription/:step (92); reply Thu 19 Feb 13:00 (2 j 4 h = 187 200 s, before the
 *   end of the 2nd working day after Tuesday: Thursday); resolved 24 Feb 09:00 (7 j = 604 800 s); rated 2
 *   on 25 Feb with COMMENT.
 * - C3: Fri 20 Feb 09:00, admin /volontaire/:id/phase2, a departmental referent (92); reply Wed 25 Feb
 *   09:00 (5 j = 432 000 s, after Mon 23 and Tue 24: late); waits for the user: open.
 * - C4: Thu 26 Feb, /phase1 (13, outside the referent's départements); never answered: open.
 */
async function seedIndicators() {
  const { store } = api;
  const young = (
    page: typeof INSCRIPTION | typeof PHASE1,
    department: string,
  ) => makeRequest({ ...page, department, role: "young" });
  await seedRequestLife(store, young(INSCRIPTION, "75"), {
    at: "2026-02-09T09:00:00Z",
    replyAt: "2026-02-09T10:00:00Z",
    resolvedAt: "2026-02-10T09:00:00Z",
    rating: { at: "2026-02-11T09:00:00Z", score: 4 },
  });
  await seedRequestLife(store, young(PHASE1, "75"), {
    at: "2026-02-10T09:00:00Z",
  });
  await seedRequestLife(store, young(INSCRIPTION, "75"), {
    at: "2026-02-16T09:00:00Z",
    replyAt: "2026-02-16T12:20:00Z",
    resolvedAt: "2026-02-17T09:00:00Z",
    rating: {
      at: "2026-02-18T10:00:00Z",
      score: 5,
      comment: "Merci, c'est réglé.",
    },
  });
  await seedRequestLife(store, young(INSCRIPTION, "92"), {
    at: "2026-02-17T09:00:00Z",
    replyAt: "2026-02-19T13:00:00Z",
    resolvedAt: "2026-02-24T09:00:00Z",
    rating: { at: "2026-02-25T10:00:00Z", score: 2, comment: COMMENT },
  });
  await seedRequestLife(
    store,
    makeRequest({ ...PHASE2, department: "92", role: "referent_department" }),
    { at: "2026-02-20T09:00:00Z", replyAt: "2026-02-25T09:00:00Z" },
  );
  await seedRequestLife(store, young(PHASE1, "13"), {
    at: "2026-02-26T09:00:00Z",
  });
  // The widget's counters: 50 openings of /inscription/:step before; 40 of it and 10 of /phase1 now.
  await seedWidgetCounts(store, "2026-02-09", [
    { ...INSCRIPTION, event: "panel_open", count: 50 },
  ]);
  const tip = "mc-inscription-documents";
  await seedWidgetCounts(store, "2026-02-16", [
    { ...INSCRIPTION, event: "panel_open", count: 40 },
    { ...INSCRIPTION, event: "tip_read", tip, count: 12 },
    { ...INSCRIPTION, event: "tip_helpful", tip, count: 7 },
    { ...INSCRIPTION, event: "tip_not_helpful", tip, count: 2 },
    { ...INSCRIPTION, event: "tip_then_request", tip, count: 1 },
    { ...INSCRIPTION, event: "contact_open", count: 5 },
  ]);
  await seedWidgetCounts(store, "2026-02-20", [
    { ...PHASE1, event: "panel_open", count: 10 },
    { ...PHASE1, event: "contact_open", count: 1 },
    { ...PHASE1, event: "search_empty", term: "affectation", count: 4 },
    // Fewer than 3: the API leaves it out.
    { ...PHASE1, event: "search_empty", term: "bus", count: 2 },
  ]);
}

/** The lines of a figure's card: value, previous value, change, note. */
const figure = (name: string) =>
  [...screen.getByRole("group", { name }).querySelectorAll("p")].map(
    (p) => p.textContent,
  );
const cellsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent));
const tableNamed = (caption: string | RegExp) =>
  screen.getByRole("table", { name: caption });
const lastQuery = () =>
  Object.fromEntries(api.sent("GET", "/indicators").at(-1)!.url.searchParams);
const loaded = () => screen.findByRole("heading", { name: "Par semaine" });

describe("« Indicateurs » for the national team", () => {
  beforeEach(() => api.signIn(AGENT));

  it("shows each figure with the previous period's value and the change in words", async () => {
    await seedIndicators();
    openConsole(PERIOD);
    await loaded();

    expect(lastQuery()).toEqual({ from: "2026-02-16", to: "2026-03-01" });
    expect(screen.getByText(/^Période du 16 février/).textContent).toBe(
      "Période du 16 février au 1 mars 2026, comparée à la période du 2 février au 15 février 2026.",
    );
    // C1–C4 against A and B.
    expect(figure("Demandes reçues")).toEqual([
      "4",
      "Période précédente : 2",
      "Évolution : en hausse de 2 (+100\u00a0%)",
    ]);
    // C1 and C2 resolved against A.
    expect(figure("Demandes traitées").slice(0, 3)).toEqual([
      "2",
      "Période précédente : 1",
      "Évolution : en hausse de 1 (+100\u00a0%)",
    ]);
    // Open on 1 March: B, C3, C4; on 15 February: B.
    expect(figure("Demandes ouvertes en fin de période")).toEqual([
      "3",
      "Période précédente : 1",
      "Évolution : en hausse de 2 (+200\u00a0%)",
      "nouvelles, en cours ou en attente de l'usager le 1 mars 2026",
    ]);
    // Sorted [12 000, 187 200, 432 000]: rank ⌈3/2⌉ = 2 → 187 200 s = 2 j 4 h; before, A's 3 600 s = 1 h;
    // 187 200 − 3 600 = 183 600 s = 2 j 3 h.
    expect(figure("Délai médian de première réponse")).toEqual([
      "2\u00a0j 4\u00a0h",
      "Période précédente : 1\u00a0h",
      "Évolution : plus long de 2\u00a0j 3\u00a0h",
    ]);
    // Rank ⌈0.9 × 3⌉ = 3 → 432 000 s = 5 j.
    expect(figure("Délai de première réponse, 90e centile")[0]).toBe(
      "5\u00a0j",
    );
    // C1 and C2 within 2 working days, C3 not: 2/3 = 67 %; before 1/1 = 100 %: 33 points less.
    expect(figure("Premières réponses en 2 jours ouvrés")).toEqual([
      "67\u00a0%",
      "Période précédente : 100\u00a0%",
      "Évolution : en baisse de 33\u00a0points",
      "avant la fin du 2e jour ouvré après la réception (jours ouvrés : du lundi au vendredi, hors jours fériés en métropole)",
    ]);
    // [86 400, 604 800]: median rank 1 → 1 j, as A's; 90th percentile rank 2 → 7 j.
    expect(figure("Délai médian de résolution").slice(0, 3)).toEqual([
      "1\u00a0j",
      "Période précédente : 1\u00a0j",
      "Évolution : stable",
    ]);
    expect(figure("Délai de résolution, 90e centile").slice(0, 3)).toEqual([
      "7\u00a0j",
      "Période précédente : 1\u00a0j",
      "Évolution : plus long de 6\u00a0j",
    ]);
    // Scores 5 and 2: 1/2 satisfied; before, A's 4: 1/1. Ratings 2 ÷ resolutions 2 = 100 %, as 1 ÷ 1.
    expect(figure("Usagers satisfaits").slice(0, 3)).toEqual([
      "50\u00a0%",
      "Période précédente : 100\u00a0%",
      "Évolution : en baisse de 50\u00a0points",
    ]);
    expect(figure("Taux de réponse à l'enquête").slice(0, 3)).toEqual([
      "100\u00a0%",
      "Période précédente : 100\u00a0%",
      "Évolution : stable",
    ]);
    // The figures replaced « Chargement… » where the focus is not: the status region says so.
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Indicateurs affichés, du 16 février au 1 mars 2026.",
      ),
    );
  });

  it("draws the weekly series as described images, each with its data table", async () => {
    await seedIndicators();
    openConsole(PERIOD);
    await loaded();

    // Week 1 (16–22): C1, C2, C3 received, C1 resolved (1 j), C1 rated 5. Week 2: C4, C2 (7 j), C2 rated 2.
    expect(
      screen
        .getByRole("img", { name: /^Demandes reçues/ })
        .getAttribute("aria-label"),
    ).toBe(
      "Demandes reçues (barres pleines) et traitées (barres hachurées) par semaine, du 16 février au 1 mars 2026 : 4 reçues et 2 traitées au total. Semaine la plus chargée : du 16 février au 22 février 2026, 3 demandes reçues. Valeurs détaillées dans le tableau suivant.",
    );
    expect(
      cellsOf(tableNamed("Demandes reçues et traitées par semaine")),
    ).toEqual([
      ["du 16 février au 22 février 2026", "3", "1"],
      ["du 23 février au 1 mars 2026", "1", "1"],
    ]);
    expect(
      screen
        .getByRole("img", { name: /^Délai médian/ })
        .getAttribute("aria-label"),
    ).toBe(
      "Délai médian de résolution par semaine, du 16 février au 1 mars 2026. De 1\u00a0j à 7\u00a0j selon les semaines. Valeurs détaillées dans le tableau suivant.",
    );
    expect(
      cellsOf(tableNamed("Délai médian de résolution par semaine")),
    ).toEqual([
      ["du 16 février au 22 février 2026", "1\u00a0j"],
      ["du 23 février au 1 mars 2026", "7\u00a0j"],
    ]);
    expect(cellsOf(tableNamed("Avis de satisfaction par semaine"))).toEqual([
      ["du 16 février au 22 février 2026", "1", "100\u00a0%"],
      ["du 23 février au 1 mars 2026", "1", "0\u00a0%"],
    ]);
    const headers = within(tableNamed("Avis de satisfaction par semaine"))
      .getAllByRole("columnheader")
      .map((th) => th.getAttribute("scope"));
    expect(headers).toEqual(["col", "col", "col"]);
  });

  it("lists pages worst first, and sorts them by a column with aria-sort", async () => {
    await seedIndicators();
    openConsole(PERIOD);
    await loaded();
    const table = tableNamed(/^Indicateurs par page/);

    // Contact rates: /phase1 1 request ÷ 10 openings = 10; /inscription/:step 2 ÷ 40 = 5 (before:
    // 1 ÷ 50 = 2, so 3 more); the admin page has no opening: no rate, last.
    expect(cellsOf(table)).toEqual([
      [
        "moncompte",
        "/phase1 sur moncompte : voir les demandes",
        "10",
        "0",
        "1",
        "1",
        "10",
        "pas de comparaison possible",
      ],
      [
        "moncompte",
        "/inscription/:step sur moncompte : voir les demandes",
        "40",
        "12",
        "5",
        "2",
        "5",
        "en hausse de 3 (2 avant)",
      ],
      [
        "admin",
        "/volontaire/:id/phase2 sur admin : voir les demandes",
        "0",
        "0",
        "0",
        "1",
        "—",
        "pas de comparaison possible",
      ],
    ]);
    expect(table.querySelector("[aria-sort]")).toBeNull();
    expect(table.querySelector("caption")!.textContent).toBe(
      "Indicateurs par page, les pages au plus fort taux de contact en premier",
    );

    fireEvent.click(within(table).getByRole("button", { name: /^Demandes/ }));

    // Most requests first; the two pages with 1 keep the API's order.
    expect(cellsOf(table).map((row) => row[1])).toEqual([
      "/inscription/:step sur moncompte : voir les demandes",
      "/phase1 sur moncompte : voir les demandes",
      "/volontaire/:id/phase2 sur admin : voir les demandes",
    ]);
    const requests = within(table).getByRole("columnheader", {
      name: /^Demandes/,
    });
    expect(requests.getAttribute("aria-sort")).toBe("descending");
    expect(table.querySelector("caption")!.textContent).toBe(
      "Indicateurs par page, triés par « Demandes », ordre décroissant",
    );

    fireEvent.click(
      within(table).getByRole("button", { name: /^Taux de contact/ }),
    );

    expect(cellsOf(table).map((row) => row[6])).toEqual(["10", "5", "—"]);
    expect(requests.getAttribute("aria-sort")).toBeNull();
    fireEvent.click(
      within(table).getByRole("button", { name: /^Taux de contact/ }),
    );
    // Ascending; a page without a rate stays last.
    expect(cellsOf(table).map((row) => row[6])).toEqual(["5", "10", "—"]);
    expect(
      within(table)
        .getByRole("columnheader", { name: /^Taux de contact/ })
        .getAttribute("aria-sort"),
    ).toBe("ascending");
  });

  it("lists tips, searches without result, pages without a tip and the latest comments", async () => {
    await seedIndicators();
    openConsole(PERIOD);
    await loaded();

    expect(
      cellsOf(tableNamed("Lectures et avis par astuce et par page")),
    ).toEqual([
      [
        "mc-inscription-documents",
        "moncompte",
        "/inscription/:step",
        "12",
        "7",
        "2",
        "1",
      ],
    ]);
    // « bus » was searched twice only.
    expect(cellsOf(tableNamed("Recherches sans résultat par page"))).toEqual([
      ["moncompte", "/phase1", "affectation", "4"],
    ]);
    // No tip is published in this store: every page, role and file status that asked is listed.
    expect(cellsOf(tableNamed(/^Pages sans astuce/))).toEqual([
      [
        "moncompte",
        "/inscription/:step",
        "Volontaire",
        "En attente de correction",
        "2",
      ],
      ["moncompte", "/phase1", "Volontaire", "En attente de correction", "1"],
      [
        "admin",
        "/volontaire/:id/phase2",
        "Référent départemental",
        "En attente de correction",
        "1",
      ],
    ]);
    const comments = screen
      .getAllByRole("listitem")
      .filter((item) => item.classList.contains("comment"));
    expect(
      comments.map((c) => c.querySelector(".comment-score")!.textContent),
    ).toEqual(["2/5 — Peu satisfait(e)", "5/5 — Très satisfait(e)"]);
    // The requester's text is text: no <b> element comes out of it.
    const text = comments[0]!.querySelector(".comment-text")!;
    expect(text.textContent).toBe(COMMENT);
    expect(text.querySelector("b")).toBeNull();

    fireEvent.click(
      within(comments[0]!).getByRole("link", {
        name: "Voir la demande SNU-2026-000004",
      }),
    );

    expect(currentPath()).toBe("/support/requests/SNU-2026-000004");
  });

  it("builds the CSV export from the answer: BOM, « ; », every figure of both periods and the tables", async () => {
    const created = vi.spyOn(URL, "createObjectURL");
    await seedIndicators();
    openConsole(PERIOD);
    await loaded();

    const link = await screen.findByRole("link", { name: "Exporter en CSV" });
    expect(link.getAttribute("download")).toBe(
      "indicateurs-snu-2026-02-16-2026-03-01.csv",
    );
    const blob = created.mock.calls.at(-1)![0] as Blob;
    expect(link.getAttribute("href")).toBe(created.mock.results.at(-1)!.value);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);

    // Durations in hours (187 200 s = 52 h, 432 000 s = 120 h, 86 400 s = 24 h, 604 800 s = 168 h), shares
    // in percent with a decimal comma (2/3 → 66,7).
    expect(parseCsv(text, ";")).toEqual([
      ["Indicateurs SNU Aide"],
      ["Période", "2026-02-16", "2026-03-01"],
      ["Période précédente", "2026-02-02", "2026-02-15"],
      ["Plateforme", "Toutes"],
      ["Département", "Tous"],
      ["Rôle du demandeur", "Tous"],
      ["Compteurs du widget", "inclus"],
      [""],
      ["Chiffres clés"],
      ["Indicateur", "Unité", "Période", "Période précédente"],
      ["Demandes reçues", "nombre", "4", "2"],
      ["Demandes traitées", "nombre", "2", "1"],
      ["Demandes ouvertes en fin de période", "nombre", "3", "1"],
      ["Premières réponses", "nombre", "3", "1"],
      ["Délai médian de première réponse", "heures", "52", "1"],
      ["Délai de première réponse, 90e centile", "heures", "120", "1"],
      ["Premières réponses en 2 jours ouvrés", "%", "66,7", "100"],
      ["Demandes résolues", "nombre", "2", "1"],
      ["Délai médian de résolution", "heures", "24", "24"],
      ["Délai de résolution, 90e centile", "heures", "168", "24"],
      ["Avis reçus", "nombre", "2", "1"],
      ["Usagers satisfaits", "%", "50", "100"],
      ["Taux de réponse à l'enquête", "%", "100", "100"],
      [""],
      ["Par semaine"],
      [
        "Du",
        "Au",
        "Demandes reçues",
        "Demandes traitées",
        "Délai médian de résolution (heures)",
        "Avis reçus",
        "Usagers satisfaits (%)",
      ],
      ["2026-02-16", "2026-02-22", "3", "1", "24", "1", "100"],
      ["2026-02-23", "2026-03-01", "1", "1", "168", "1", "0"],
      [""],
      ["Par page"],
      [
        "Plateforme",
        "Page",
        "Ouvertures du panneau",
        "Astuces lues",
        "Formulaires de contact ouverts",
        "Demandes",
        "Taux de contact (pour 100 ouvertures)",
        "Taux de contact, période précédente",
      ],
      ["moncompte", "/phase1", "10", "0", "1", "1", "10", ""],
      ["moncompte", "/inscription/:step", "40", "12", "5", "2", "5", "2"],
      ["admin", "/volontaire/:id/phase2", "0", "0", "0", "1", "", ""],
      [""],
      ["Par astuce"],
      [
        "Astuce",
        "Plateforme",
        "Page",
        "Lectures",
        "Oui",
        "Non",
        "Demandes après lecture",
      ],
      [
        "mc-inscription-documents",
        "moncompte",
        "/inscription/:step",
        "12",
        "7",
        "2",
        "1",
      ],
      [""],
      ["Recherches sans résultat"],
      ["Plateforme", "Page", "Terme recherché", "Recherches"],
      ["moncompte", "/phase1", "affectation", "4"],
      [""],
      ["Pages sans astuce"],
      [
        "Plateforme",
        "Page",
        "Rôle du demandeur",
        "Statut du dossier",
        "Demandes",
      ],
      [
        "moncompte",
        "/inscription/:step",
        "Volontaire",
        "En attente de correction",
        "2",
      ],
      ["moncompte", "/phase1", "Volontaire", "En attente de correction", "1"],
      [
        "admin",
        "/volontaire/:id/phase2",
        "Référent départemental",
        "En attente de correction",
        "1",
      ],
      [""],
      ["Derniers commentaires"],
      [
        "Date",
        "Référence",
        "Note",
        "Appréciation",
        "Plateforme",
        "Page",
        "Commentaire",
      ],
      // After the « ; » a spreadsheet would start a field « =1+1 »: a « ' » keeps it text.
      [
        "2026-02-25T10:00:00.000Z",
        "SNU-2026-000004",
        "2",
        "Peu satisfait(e)",
        "moncompte",
        "/inscription/:step",
        "<b>Trop lent</b> ;' =1+1",
      ],
      [
        "2026-02-18T10:00:00.000Z",
        "SNU-2026-000003",
        "5",
        "Très satisfait(e)",
        "moncompte",
        "/inscription/:step",
        "Merci, c'est réglé.",
      ],
    ]);
  });

  it("writes decimals with a point when the user chose the « , » separator", async () => {
    const created = vi.spyOn(URL, "createObjectURL");
    await seedIndicators();
    openConsole(PERIOD);
    await loaded();

    fireEvent.change(screen.getByLabelText("Séparateur du fichier CSV"), {
      target: { value: "comma" },
    });

    await waitFor(() => expect(created).toHaveBeenCalledTimes(2));
    const text = await (created.mock.calls[1]![0] as Blob).text();
    expect(parseCsv(text, ",")[16]).toEqual([
      "Premières réponses en 2 jours ouvrés",
      "%",
      "66.7",
      "100",
    ]);
    expect(window.localStorage.getItem("snu-aide.console.csv-separator")).toBe(
      "comma",
    );
  });

  it("keeps the period and the filters in the address bar, and asks for them again on reload", async () => {
    await seedIndicators();
    openConsole(`${PERIOD}&platform=moncompte&department=75&role=young`);
    await loaded();

    expect(lastQuery()).toEqual({
      from: "2026-02-16",
      to: "2026-03-01",
      platform: "moncompte",
      department: "75",
      role: "young",
    });
    expect((screen.getByLabelText("Du") as HTMLInputElement).value).toBe(
      "2026-02-16",
    );
    expect(
      (screen.getByLabelText("Département") as HTMLInputElement).value,
    ).toBe("75");
    expect(
      (screen.getByLabelText("Rôle du demandeur") as HTMLSelectElement).value,
    ).toBe("young");

    fireEvent.click(screen.getByRole("radio", { name: "7 derniers jours" }));
    fireEvent.change(screen.getByLabelText("Rôle du demandeur"), {
      target: { value: "none" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Afficher" }));

    // 7 days ending today in Paris (NOW: 2 March 2026, 13:00 there).
    const wanted = {
      from: "2026-02-24",
      to: "2026-03-02",
      platform: "moncompte",
      department: "75",
      role: "none",
    };
    expect(currentPath()).toBe(
      "/support/indicateurs?period=7&platform=moncompte&department=75&role=none",
    );
    await waitFor(() => expect(lastQuery()).toEqual(wanted));

    const path = currentPath();
    closeConsole();
    const asked = api.sent("GET", "/indicators").length;
    openConsole(path);
    await waitFor(() =>
      expect(api.sent("GET", "/indicators").length).toBe(asked + 1),
    );
    expect(lastQuery()).toEqual(wanted);
    expect(
      (
        screen.getByRole("radio", {
          name: "7 derniers jours",
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
  });

  it("asks for the last 30 days by default and opens from the main navigation", async () => {
    openConsole("/support/");
    const nav = await screen.findByRole("navigation", {
      name: "Navigation principale",
    });

    fireEvent.click(within(nav).getByRole("link", { name: "Indicateurs" }));

    await screen.findByText(/^Aucune demande, aucun avis/);
    // The page's code arrives after the click: its title still gets the focus, as any new screen's.
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole("heading", { level: 1, name: "Indicateurs" }),
      ),
    );
    expect(lastQuery()).toEqual({ from: "2026-02-01", to: "2026-03-02" });
    // Nothing to draw nor list, but the zeros are shown.
    expect(figure("Demandes reçues")).toEqual([
      "0",
      "Période précédente : 0",
      "Évolution : stable",
    ]);
    expect(screen.queryByRole("heading", { name: "Par semaine" })).toBeNull();
    expect(
      within(nav)
        .getByRole("link", { name: "Indicateurs" })
        .getAttribute("aria-current"),
    ).toBe("page");
    expect(screen.queryByRole("link", { name: "Exporter en CSV" })).toBeNull();
  });

  it("refuses chosen dates covering more than 366 days without asking the API", async () => {
    openConsole(PERIOD);
    await screen.findByText(/^Aucune demande, aucun avis/);
    const asked = api.sent("GET", "/indicators").length;

    fireEvent.input(screen.getByLabelText("Du"), {
      target: { value: "2025-01-01" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Afficher" }));

    const from = screen.getByLabelText("Du");
    expect(document.activeElement).toBe(from);
    expect(from.getAttribute("aria-invalid")).toBe("true");
    expect(
      document.getElementById(from.getAttribute("aria-describedby")!)!
        .textContent,
    ).toBe("Choisissez une période de 366 jours au plus.");
    expect(currentPath()).toBe(
      "/support/indicateurs?period=custom&from=2026-02-16&to=2026-03-01",
    );
    expect(api.sent("GET", "/indicators").length).toBe(asked);
  });

  it("says what failed and loads again with « Réessayer »", async () => {
    await seedIndicators();
    server.use(
      http.get(apiUrl("/indicators"), () => HttpResponse.error(), {
        once: true,
      }),
    );
    openConsole(PERIOD);

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(
      "Les indicateurs n'ont pas pu être chargés. Le serveur ne répond pas. Vérifiez votre connexion, puis réessayez.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));

    expect(document.activeElement).toBe(
      screen.getByRole("heading", { level: 1, name: "Indicateurs" }),
    );
    await loaded();
    expect(figure("Demandes reçues")[0]).toBe("4");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("« Indicateurs » for a departmental referent", () => {
  beforeEach(() => api.signIn(REFERENT));

  it("replaces the widget's figures with one sentence, and counts only their départements' requests", async () => {
    await seedIndicators();
    openConsole(PERIOD);
    await loaded();

    expect(
      screen.getByText(/^Les compteurs du widget sont anonymes/).textContent,
    ).toBe(
      "Les compteurs du widget sont anonymes : ils ne sont pas ventilés par département ni par rôle, et ne sont donc pas affichés pour ce périmètre.",
    );
    // C1 (75), C2 and C3 (92); C4 is in the 13. Before: A and B (75).
    expect(figure("Demandes reçues")[0]).toBe("3");
    const table = tableNamed(/^Indicateurs par page/);
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent?.trim()),
    ).toEqual(["Plateforme ↕", "Page ↕", "Demandes ↕"]);
    // No rate without counters: most requests first.
    expect(cellsOf(table)).toEqual([
      [
        "moncompte",
        "/inscription/:step sur moncompte : voir les demandes",
        "2",
      ],
      ["admin", "/volontaire/:id/phase2 sur admin : voir les demandes", "1"],
    ]);
    expect(screen.queryByRole("heading", { name: "Astuces" })).toBeNull();
    expect(
      screen.queryByRole("heading", { name: "Recherches sans résultat" }),
    ).toBeNull();
    expect(
      [
        ...(screen.getByLabelText("Département") as HTMLSelectElement).options,
      ].map((o) => o.text),
    ).toEqual(["Tous mes départements", "75", "92"]);
  });
});

describe("formatting", () => {
  it.each([
    [45, "45\u00a0s"],
    [12 * 60 + 59, "12\u00a0min"],
    [3 * 3600, "3\u00a0h"],
    [3 * 3600 + 20 * 60, "3\u00a0h 20\u00a0min"],
    [2 * 86_400 + 4 * 3600 + 59 * 60, "2\u00a0j 4\u00a0h"],
    [null, "—"],
  ])("writes %s seconds as « %s »", (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it("writes shares as whole percents in French", () => {
    expect(formatShare(0.85)).toBe("85\u00a0%");
    expect(formatShare(2 / 3)).toBe("67\u00a0%");
    expect(formatShare(null)).toBe("—");
  });

  it("counts days in Paris: 23:30 UTC on 1 March is already 2 March there", () => {
    expect(parisToday(new Date("2026-03-01T23:30:00Z"))).toBe("2026-03-02");
    expect(parisToday(new Date("2026-03-01T22:30:00Z"))).toBe("2026-03-01");
  });
});

afterEach(() => vi.restoreAllMocks());

/** RFC 4180 reading: quoted fields may hold the separator, quotes (doubled) and line breaks. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) (row.push(cell), (cell = ""));
    else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      ((row = []), (cell = ""), i++);
    } else cell += char;
  }
  return rows;
}
