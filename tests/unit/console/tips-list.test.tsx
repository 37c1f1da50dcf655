import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  AGENT,
  COLLEAGUE,
  REFERENT,
  WRITER,
} from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import { seedTip } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";
import {
  ADMIN_SOURCE,
  makeSource,
} from "../../support/console/tips-fixtures.ts";

const { api } = useConsoleServer();

beforeEach(async () => {
  // An admin allowed Claire Dubois to write tips.
  await api.store.updateUser(AGENT.id, { canEditTips: true });
  await seedTip(api.store, { published: makeSource() });
  await seedTip(api.store, {
    draft: { ...ADMIN_SOURCE, title: "Demander une correction (révisé)" },
    published: ADMIN_SOURCE,
    by: COLLEAGUE.id,
  });
  await seedTip(api.store, {
    draft: makeSource({
      id: "mc-phase1-convocation",
      routes: ["/phase1"],
      params: {},
      anchor: undefined,
      title: "Où trouver ma convocation ?",
    }),
    by: AGENT.id,
  });
});

const nav = () =>
  screen.getByRole("navigation", { name: "Navigation principale" });
const rows = async () =>
  within(await screen.findByRole("table"))
    .getAllByRole("row")
    .slice(1)
    // Intl separates « il y a 1 j » with no-break spaces.
    .map((row) =>
      [...row.children].map((cell) =>
        cell.textContent!.replace(/[\u00a0\u202f]/g, " "),
      ),
    );

describe("« Astuces » list", () => {
  it("lists every tip with platform, routes, state, anchor, activity and last change", async () => {
    await api.signIn(WRITER);
    openConsole("/support/tips");

    expect(await rows()).toEqual([
      [
        "Demander une correction (révisé)ad-volontaire-demande-correction",
        "admin",
        "/volontaire/:id",
        "Publiée, brouillon en cours",
        "Non",
        "Du 1 janvier 2026 au 30 juin 2026",
        "Sophie Laurent, il y a 1 j",
      ],
      [
        "Où trouver ma convocation ?mc-phase1-convocation",
        "moncompte",
        "/phase1",
        "Brouillon",
        "Non",
        "Toujours",
        "Claire Dubois, il y a 1 j",
      ],
      [
        "Quelle pièce d'identité téléverser ?mc-inscription-piece-identite",
        "moncompte",
        "/inscription/:step",
        "Publiée",
        "Oui",
        "Toujours",
        "Fichiers du dépôt, il y a 1 j",
      ],
    ]);
    expect(
      screen
        .getByRole("link", { name: "Quelle pièce d'identité téléverser ?" })
        .getAttribute("href"),
    ).toBe("/support/tips/mc-inscription-piece-identite");
    screen.getByRole("heading", { level: 1, name: "Astuces" });
    // Only admins choose who may write.
    expect(
      screen.queryByRole("heading", { name: /Agents autorisés/ }),
    ).toBeNull();
  });

  it("shows the tips links in the navigation to writers only", async () => {
    await api.signIn(WRITER);
    openConsole("/support/tips");
    await screen.findByRole("table");
    expect(
      within(nav())
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual([
      "Demandes",
      "Par page",
      "Indicateurs",
      "Réponses types",
      "Astuces",
      "Nouvelle astuce",
      "Ancres cassées",
    ]);
    expect(
      within(nav())
        .getByRole("link", { name: "Astuces" })
        .getAttribute("aria-current"),
    ).toBe("page");
  });

  it("filters by platform and text through the address bar, and back", async () => {
    await api.signIn(WRITER);
    openConsole("/support/tips");
    await screen.findByRole("table");

    fireEvent.change(screen.getByLabelText("Plateforme"), {
      target: { value: "moncompte" },
    });
    fireEvent.input(screen.getByLabelText("Recherche"), {
      target: { value: "convocation" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Filtrer" }));

    await waitFor(() =>
      expect(currentPath()).toBe(
        "/support/tips?platform=moncompte&q=convocation",
      ),
    );
    await waitFor(async () =>
      expect((await rows()).map((r) => r[0])).toEqual([
        "Où trouver ma convocation ?mc-phase1-convocation",
      ]),
    );
    const query = api.sent("GET", "/tips").at(-1)!.url.searchParams;
    expect(Object.fromEntries(query)).toEqual({
      platform: "moncompte",
      q: "convocation",
    });
  });

  it("reads the filters of a bookmarked address and says when nothing matches", async () => {
    await api.signIn(WRITER);
    openConsole("/support/tips?platform=admin&q=introuvable");

    await screen.findByText("Aucune astuce ne correspond à ces filtres.");
    expect(
      (screen.getByLabelText("Plateforme") as HTMLSelectElement).value,
    ).toBe("admin");
    expect((screen.getByLabelText("Recherche") as HTMLInputElement).value).toBe(
      "introuvable",
    );
  });

  it("tells a referent the account has no access, without calling the tips API or showing the links", async () => {
    await api.signIn(REFERENT);
    openConsole("/support/tips");

    await screen.findByText(/Votre compte n'a pas accès aux astuces/);
    expect(within(nav()).queryByRole("link", { name: "Astuces" })).toBeNull();
    expect(api.sent("GET", "/tips")).toEqual([]);
  });

  it("tells an agent without the permission the same, on every tips screen but « Ancres cassées »", async () => {
    await api.signIn(AGENT);
    for (const path of ["/support/tips/new", "/support/tips/x-y-z"]) {
      openConsole(path);
      await screen.findByText(/Votre compte n'a pas accès aux astuces/);
      document.body.replaceChildren();
    }
    expect(api.sent().filter((c) => c.url.pathname.includes("tip"))).toEqual(
      [],
    );
  });
});

describe("writers permission (admins)", () => {
  it("lists the agents with a checkbox each and saves a change at once", async () => {
    await api.signIn(ADMIN);
    openConsole("/support/tips");

    const section = (
      await screen.findByRole("heading", {
        name: "Agents autorisés à rédiger des astuces",
      })
    ).parentElement!;
    const box = (name: string) =>
      within(within(section).getByRole("group", { name })).getByRole(
        "checkbox",
        {
          name: "Peut rédiger des astuces",
        },
      ) as HTMLInputElement;
    await waitFor(() => expect(box("Sophie Laurent")).toBeDefined());
    expect(
      within(section)
        .getAllByRole("group")
        .map((g) => g.querySelector("legend")!.textContent),
    ).toEqual(["Claire Dubois", "Sophie Laurent"]);
    expect(box("Claire Dubois").checked).toBe(true);
    expect(box("Sophie Laurent").checked).toBe(false);

    fireEvent.click(box("Sophie Laurent"));

    await waitFor(() => expect(box("Sophie Laurent").checked).toBe(true));
    expect((await api.store.getUser(COLLEAGUE.id))!.canEditTips).toBe(true);
    const [patch] = api.sent("PATCH", `/users/${COLLEAGUE.id}`);
    expect(patch!.headers.get("X-SNU-Support")).toBe("1");
    expect(screen.getByRole("status").textContent).toBe(
      "Sophie Laurent peut rédiger des astuces.",
    );
  });

  it("keeps the box as saved and says why when the server refuses", async () => {
    await api.signIn(ADMIN);
    openConsole("/support/tips");
    const group = await screen.findByRole("group", { name: "Sophie Laurent" });
    const box = within(group).getByRole("checkbox") as HTMLInputElement;
    // Meanwhile another admin closed her account.
    await api.store.updateUser(COLLEAGUE.id, { disabled: true });

    fireEvent.click(box);

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Sophie Laurent : Ce compte n'existe pas.",
    );
    expect(box.checked).toBe(false);
  });
});
