import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import { AGENT, makeRequest } from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import { seedRequest } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api } = useConsoleServer();
beforeEach(() => api.signIn(AGENT));

/** Requests per page and category: on 1 March (this week, this month) and on 10 January (the month before). */
const PAGES = [
  ["moncompte", "/inscription/:step", "TECHNICAL", "UPLOAD", 9, 8],
  ["moncompte", "/inscription/:step", "QUESTION", "PHASE_1_AFFECTATION", 3, 0],
  ["moncompte", "/phase1", "QUESTION", "PHASE_1_AFFECTATION", 5, 0],
  ["admin", "/volontaire/:id/phase2", "SPECIAL_CASE", "PHASE_2", 3, 4],
] as const;
async function seedPages() {
  for (const [platform, route, category, subject, count, before] of PAGES) {
    const request = makeRequest({ platform, route, category, subject });
    for (let i = 0; i < count; i++)
      await seedRequest(api.store, request, { at: "2026-03-01T10:00:00Z" });
    for (let i = 0; i < before; i++)
      await seedRequest(api.store, request, { at: "2026-01-10T10:00:00Z" });
  }
}

const lastPagesQuery = () =>
  Object.fromEntries(api.sent("GET", "/pages").at(-1)!.url.searchParams);
const bodyRows = async () =>
  within(await screen.findByRole("table"))
    .getAllByRole("row")
    .slice(1);

describe("« Par page »", () => {
  it("lists pages by number of requests with their evolution and main categories", async () => {
    await seedPages();
    openConsole("/support/pages");

    const rows = (await bodyRows()).map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      [
        "moncompte",
        "/inscription/:step sur moncompte : voir les demandes",
        "12",
        "+50\u00a0% (8 avant)",
        "J'ai un problème technique (9), J'ai une question (3)",
      ],
      [
        "moncompte",
        "/phase1 sur moncompte : voir les demandes",
        "5",
        "nouveau (0 avant)",
        "J'ai une question (5)",
      ],
      [
        "admin",
        "/volontaire/:id/phase2 sur admin : voir les demandes",
        "3",
        "-25\u00a0% (4 avant)",
        "J'ai un cas particulier (volontaire) (3)",
      ],
    ]);
  });

  it("asks for the last 30 days by default, today included", async () => {
    await seedPages();
    openConsole("/support/pages");
    await bodyRows();

    expect(lastPagesQuery()).toEqual({ from: "2026-02-01", to: "2026-03-02" });
    expect(
      screen.getByRole("table").querySelector("caption")!.textContent,
    ).toBe(
      "Demandes par page du 1 février 2026 au 2 mars 2026, comparées à la période du 2 janvier 2026 au 31 janvier 2026",
    );
  });

  it("asks for the chosen period and platform and keeps them in the address bar", async () => {
    await seedPages();
    openConsole("/support/pages");
    await bodyRows();

    fireEvent.click(screen.getByRole("radio", { name: "7 derniers jours" }));
    fireEvent.change(screen.getByLabelText("Plateforme"), {
      target: { value: "moncompte" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Afficher" }));

    expect(currentPath()).toBe("/support/pages?period=7&platform=moncompte");
    await waitFor(() =>
      expect(lastPagesQuery()).toEqual({
        from: "2026-02-24",
        to: "2026-03-02",
        platform: "moncompte",
      }),
    );
  });

  it("accepts chosen dates", async () => {
    await seedPages();
    openConsole("/support/pages?period=custom&from=2026-01-05&to=2026-01-18");
    await bodyRows();

    expect(lastPagesQuery()).toEqual({ from: "2026-01-05", to: "2026-01-18" });
    expect((screen.getByLabelText("Du") as HTMLInputElement).value).toBe(
      "2026-01-05",
    );
    expect(
      (
        screen.getByRole("radio", {
          name: "Dates choisies",
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
  });

  it("opens the inbox filtered on the page's platform, route and period", async () => {
    await seedPages();
    openConsole("/support/pages?period=7");
    const [first] = await bodyRows();

    fireEvent.click(within(first!).getByRole("link"));

    expect(currentPath()).toBe(
      "/support/?platform=moncompte&route=%2Finscription%2F%3Astep&from=2026-02-24&to=2026-03-02",
    );
    await waitFor(() =>
      expect(
        Object.fromEntries(
          api.sent("GET", "/requests").at(-1)!.url.searchParams,
        ),
      ).toEqual({
        platform: "moncompte",
        route: "/inscription/:step",
        from: "2026-02-24",
        to: "2026-03-02",
        limit: "50",
      }),
    );
  });

  it("says so when the period has no request", async () => {
    openConsole("/support/pages");

    await screen.findByText("Aucune demande sur cette période.");
  });
});
