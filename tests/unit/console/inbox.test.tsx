import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import {
  AGENT,
  makeRequest,
  REFERENCE,
  REFERENT,
} from "../../support/console/fixtures.ts";
import {
  closeConsole,
  currentPath,
  openConsole,
} from "../../support/console/mount.ts";
import { seedRequest, seedRequests } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api } = useConsoleServer();
beforeEach(() => api.signIn(AGENT));

const table = () => screen.findByRole("table", { name: /^Demandes/ });
const rows = async () =>
  within(await table())
    .getAllByRole("row")
    .slice(1);
const lastListQuery = () =>
  Object.fromEntries(api.sent("GET", "/requests").at(-1)!.url.searchParams);
const field = (label: string) =>
  screen.getByLabelText(label) as HTMLInputElement | HTMLSelectElement;

describe("inbox rows", () => {
  it("shows each request with labels, not ids, and its age with the full date", async () => {
    await seedRequest(
      api.store,
      makeRequest({
        platform: "admin",
        route: "/volontaire/:id/phase2",
        category: "SPECIAL_CASE",
        subject: "PHASE_2",
        role: "referent_department",
        department: "92",
      }),
      { status: "waiting_user" },
    );
    // The newest, listed first.
    const reference = await seedRequest(
      api.store,
      makeRequest({
        message: "Je n'arrive pas à téléverser ma carte d'identité.",
      }),
    );
    openConsole("/support/");

    const [first, second] = await rows();
    const cells = within(first!)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(within(first!).getByRole("link").textContent).toBe(reference);
    expect(cells).toEqual([
      "il y a 3\u00a0h",
      "moncompte",
      "/inscription/:step",
      "J'ai un problème technique › Je n'arrive pas à téléverser un document",
      "Volontaire · 75",
      "Je n'arrive pas à téléverser ma carte d'identité.",
      "Nouvelle",
    ]);
    const time = first!.querySelector("time")!;
    expect(time.getAttribute("datetime")).toBe("2026-03-02T09:00:00.000Z");
    expect(time.getAttribute("title")).toMatch(/^2 mars 2026 à \d\d:\d\d$/);
    within(second!).getByText(
      "J'ai un cas particulier (volontaire) › Phase 2 — mission d'intérêt général",
    );
    within(second!).getByText("Référent départemental · 92");
    expect(
      within(second!).queryByText("En attente de l'usager")?.className,
    ).toBe("badge badge-waiting_user");
  });

  it("links a reference to its detail page without reloading", async () => {
    await seedRequest(api.store);
    openConsole("/support/");

    const link = within((await rows())[0]!).getByRole("link");
    expect(link.getAttribute("href")).toBe(`/support/requests/${REFERENCE}`);
    fireEvent.click(link);

    expect(currentPath()).toBe(`/support/requests/${REFERENCE}`);
  });

  it("shows the counts per status for the current filters", async () => {
    await seedRequest(api.store);
    await seedRequest(api.store, makeRequest(), { status: "resolved" });
    openConsole("/support/");

    await table();
    screen.getByRole("button", { name: "Tous les statuts 2" });
    expect(
      screen
        .getByRole("button", { name: "Nouvelle 1" })
        .getAttribute("aria-pressed"),
    ).toBe("false");
    expect(screen.queryByRole("button", { name: "Résolue 1" })).not.toBeNull();
  });

  it("says so when no request matches the filters", async () => {
    openConsole("/support/?status=closed");

    await screen.findByText("Aucune demande ne correspond à ces filtres.");
    expect(
      screen
        .getByRole("link", { name: "Voir toutes les demandes" })
        .getAttribute("href"),
    ).toBe("/support/");
  });
});

describe("filters and the address bar", () => {
  it("asks the API with the filters written in the address bar", async () => {
    openConsole(
      "/support/?status=new,in_progress&platform=moncompte&route=%2Fphase1&category=QUESTION&subject=PHASE_1_AFFECTATION&department=75&role=young&from=2026-02-01&to=2026-02-28&q=s%C3%A9jour&assignee=none&bogus=1",
    );

    await screen.findByText("Aucune demande ne correspond à ces filtres.");
    expect(lastListQuery()).toEqual({
      status: "new,in_progress",
      platform: "moncompte",
      route: "/phase1",
      category: "QUESTION",
      subject: "PHASE_1_AFFECTATION",
      department: "75",
      role: "young",
      from: "2026-02-01",
      to: "2026-02-28",
      q: "séjour",
      assignee: "none",
      limit: "50",
    });
    // The form shows the filters of the address.
    expect(field("Plateforme").value).toBe("moncompte");
    expect(field("Sujet").value).toBe("PHASE_1_AFFECTATION");
    expect(field("Recherche").value).toBe("séjour");
    expect(
      (screen.getByRole("checkbox", { name: "En cours" }) as HTMLInputElement)
        .checked,
    ).toBe(true);
  });

  it("writes the applied filters to the address bar and asks the API with them", async () => {
    openConsole("/support/");
    await screen.findByText("Aucune demande pour le moment.");

    fireEvent.click(screen.getByRole("checkbox", { name: "Nouvelle" }));
    fireEvent.change(field("Plateforme"), { target: { value: "admin" } });
    fireEvent.change(field("Catégorie"), { target: { value: "TECHNICAL" } });
    fireEvent.change(field("Sujet"), { target: { value: "LOGIN" } });
    fireEvent.input(field("Page"), { target: { value: "/dashboard" } });
    fireEvent.input(field("Du"), { target: { value: "2026-02-01" } });
    fireEvent.change(field("Assignation"), { target: { value: "me" } });
    fireEvent.input(field("Recherche"), { target: { value: "mot de passe" } });
    fireEvent.click(screen.getByRole("button", { name: "Filtrer" }));

    expect(currentPath()).toBe(
      "/support/?status=new&platform=admin&route=%2Fdashboard&category=TECHNICAL&subject=LOGIN&from=2026-02-01&q=mot+de+passe&assignee=me",
    );
    await waitFor(() =>
      expect(lastListQuery()).toEqual({
        status: "new",
        platform: "admin",
        route: "/dashboard",
        category: "TECHNICAL",
        subject: "LOGIN",
        from: "2026-02-01",
        q: "mot de passe",
        assignee: "me",
        limit: "50",
      }),
    );
  });

  it("offers the categories and subjects of the chosen platform, by label", async () => {
    openConsole("/support/?platform=admin");
    await screen.findByText(/Aucune demande/);

    const categories = within(field("Catégorie"))
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(categories).toEqual([
      "Toutes",
      "J'ai un problème technique",
      "J'ai une question sur la plateforme",
      "J'ai un cas particulier (volontaire)",
      "J'ai une question",
      "Autre",
    ]);
    expect((field("Sujet") as HTMLSelectElement).disabled).toBe(true);
    fireEvent.change(field("Catégorie"), { target: { value: "TECHNICAL" } });
    within(field("Sujet")).getByRole("option", {
      name: "Connexion à mon compte",
    });
  });

  it("filters on one status when its count is pressed, keeping the other filters", async () => {
    await seedRequest(api.store);
    openConsole("/support/?platform=moncompte");
    await table();

    fireEvent.click(screen.getByRole("button", { name: "Nouvelle 1" }));

    expect(currentPath()).toBe("/support/?status=new&platform=moncompte");
    await waitFor(() => expect(lastListQuery().status).toBe("new"));
  });

  it("goes back to the previous filters with the browser's Back button", async () => {
    openConsole("/support/?platform=admin");
    await screen.findByText(/Aucune demande/);
    fireEvent.change(field("Plateforme"), { target: { value: "moncompte" } });
    fireEvent.click(screen.getByRole("button", { name: "Filtrer" }));
    await waitFor(() => expect(lastListQuery().platform).toBe("moncompte"));

    window.history.back();

    await waitFor(() => expect(lastListQuery().platform).toBe("admin"));
    await waitFor(() => expect(field("Plateforme").value).toBe("admin"));
  });

  it("folds the less common filters, unfolded when one of them is set", async () => {
    openConsole("/support/?q=s%C3%A9jour");
    await screen.findByText(/Aucune demande/);
    const fold = () => screen.getByText(/^Plus de filtres/).closest("details")!;
    expect(fold().open).toBe(false);

    window.history.pushState(null, "", "/support/?role=young&from=2026-02-01");
    window.dispatchEvent(new PopStateEvent("popstate"));

    await waitFor(() => expect(fold().open).toBe(true));
    expect(fold().querySelector("summary")!.textContent).toBe(
      "Plus de filtres (2 actifs)",
    );
  });

  it("offers a referent only their départements", async () => {
    await api.signIn(REFERENT);
    openConsole("/support/");
    await screen.findByText(/Aucune demande/);

    expect(
      within(field("Département"))
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Tous mes départements", "75", "92"]);
    screen.getByText("Référent départemental · départements 75, 92");
  });

  it("points the CSV export at the current filters", async () => {
    openConsole("/support/?status=new&platform=moncompte");
    await screen.findByText(/Aucune demande/);

    expect(
      screen
        .getByRole("link", { name: "Exporter en CSV" })
        .getAttribute("href"),
    ).toBe(
      `${window.location.origin}/support/api/export.csv?status=new&platform=moncompte&separator=semicolon`,
    );
  });

  it("exports with semicolons by default, or with commas once chosen, and remembers the choice", async () => {
    openConsole("/support/?status=new");
    await screen.findByText(/Aucune demande/);
    const href = () =>
      new URL(
        screen
          .getByRole("link", { name: "Exporter en CSV" })
          .getAttribute("href")!,
      ).searchParams;
    const separator = screen.getByLabelText(
      "Séparateur du fichier CSV",
    ) as HTMLSelectElement;
    expect(separator.value).toBe("semicolon");
    expect(href().get("separator")).toBe("semicolon");

    fireEvent.change(separator, { target: { value: "comma" } });
    expect(href().get("separator")).toBe("comma");
    expect(href().get("status")).toBe("new");

    closeConsole();
    openConsole("/support/");
    await screen.findByText(/Aucune demande/);
    expect(
      (screen.getByLabelText("Séparateur du fichier CSV") as HTMLSelectElement)
        .value,
    ).toBe("comma");
    expect(href().get("separator")).toBe("comma");
  });
});

describe("« Suivantes »", () => {
  it("loads the next page with the cursor and appends it, until the last page", async () => {
    // The API answers 50 rows a page (the console asks for that many).
    const references = await seedRequests(api.store, 52);
    openConsole("/support/?status=new");
    expect(await rows()).toHaveLength(50);

    fireEvent.click(screen.getByRole("button", { name: "Suivantes" }));

    await waitFor(async () => expect(await rows()).toHaveLength(52));
    const [first, second] = api.sent("GET", "/requests");
    expect(first!.url.searchParams.has("cursor")).toBe(false);
    const { nextCursor } = (await api.store.listRequests(
      { kind: "all" },
      { status: ["new"] },
      { limit: 50 },
    ))!;
    expect(Object.fromEntries(second!.url.searchParams)).toEqual({
      status: "new",
      limit: "50",
      cursor: nextCursor,
    });
    expect(screen.queryByRole("button", { name: "Suivantes" })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe(
      "2 demandes de plus affichées.",
    );
    await waitFor(() =>
      expect(document.activeElement?.textContent).toBe(references[50]),
    );
  });
});

describe("new answers of the requester", () => {
  const unreadRequests = async () => {
    await seedRequest(api.store);
    await seedRequest(api.store, makeRequest(), {
      unreadAnswer: true,
      status: "in_progress",
    });
  };

  it("marks the rows whose requester answered since anyone opened them", async () => {
    await unreadRequests();
    openConsole("/support/");

    const [unread, read] = await rows();
    expect(
      within(unread!).getByText("Nouvelle réponse de l'usager").tagName,
    ).toBe("SPAN");
    expect(
      within(read!).queryByText("Nouvelle réponse de l'usager"),
    ).toBeNull();
    // The row's link carries the marker for keyboard users going from link to link.
    const link = within(unread!).getByRole("link");
    expect(
      document.getElementById(link.getAttribute("aria-describedby")!)!
        .textContent,
    ).toBe("Nouvelle réponse de l'usager");
    expect(
      within(read!).getByRole("link").hasAttribute("aria-describedby"),
    ).toBe(false);
  });

  it("filters on them with a checkbox written as unread=1 in the address bar", async () => {
    await unreadRequests();
    openConsole("/support/?platform=moncompte");
    expect(await rows()).toHaveLength(2);
    const box = screen.getByRole("checkbox", {
      name: "Nouvelles réponses de l'usager seulement",
    }) as HTMLInputElement;
    expect(box.checked).toBe(false);

    fireEvent.click(box);
    fireEvent.click(screen.getByRole("button", { name: "Filtrer" }));

    expect(currentPath()).toBe("/support/?platform=moncompte&unread=1");
    await waitFor(() =>
      expect(lastListQuery()).toEqual({
        platform: "moncompte",
        unread: "1",
        limit: "50",
      }),
    );
    await waitFor(async () => expect(await rows()).toHaveLength(1));
    expect(
      (
        screen.getByRole("checkbox", {
          name: "Nouvelles réponses de l'usager seulement",
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    expect(
      screen
        .getByRole("link", { name: "Exporter en CSV" })
        .getAttribute("href"),
    ).toContain("unread=1");
  });
});
