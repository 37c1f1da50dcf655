import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import {
  TIP_CONFLICT_MESSAGE,
  TIP_REFRESHED_MESSAGE,
} from "../../../api/console/components/TipEditorNotice.tsx";
import type { TipSource } from "../../../api/contract/tip-source.ts";
import {
  apiUrl,
  COLLEAGUE,
  NOW,
  WRITER,
} from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import { seedTip } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";
import { makeSource } from "../../support/console/tips-fixtures.ts";

const { server, api } = useConsoleServer();
const ID = "mc-inscription-piece-identite";

beforeEach(() => api.signIn(WRITER));

/** The tip as the store now holds it. */
const stored = async (id = ID) => (await api.store.getTip(id))!;
/** Its history, newest first: version, action and author's account. */
const history = async () =>
  (await api.store.listTipVersions(ID)).map((v) => [
    v.version,
    v.action,
    v.userId,
  ]);
/** Sophie Laurent saves a draft meanwhile. */
const savedBySophie = async (source: TipSource) =>
  api.store.changeTip(
    ID,
    (await stored()).version,
    { action: "edit", source },
    COLLEAGUE.id,
    NOW,
  );

/** A field by its label, « (facultatif) » or not. */
const field = (label: string) =>
  screen.getByLabelText(
    new RegExp(`^${label}( \\(facultatif\\))?$`),
  ) as HTMLInputElement;
const type = (label: string, value: string) =>
  fireEvent.input(field(label), { target: { value } });
const click = (name: string | RegExp) =>
  fireEvent.click(screen.getByRole("button", { name }));
const liveStatus = () => document.querySelector(".live")!.textContent;
const meta = () => document.querySelector(".detail-meta")!.textContent;
const focused = () => document.activeElement?.textContent;
const openEditor = async (id = ID) => {
  openConsole(`/support/tips/${id}`);
  await screen.findByRole("heading", { name: "Versions" });
};

describe("new tip", () => {
  it("creates a draft from the form, then reloads it under its own address", async () => {
    openConsole("/support/tips/new");
    await screen.findByRole("heading", { level: 1, name: "Nouvelle astuce" });

    // A blank form asks for no preview: its problems would only be noise.
    screen.getByText("L'aperçu s'affichera dès que vous écrirez l'astuce.");
    type("Identifiant", "mc-phase1-trousseau");
    type("Routes", "/phase1");
    fireEvent.click(screen.getByRole("checkbox", { name: "Volontaire" }));
    type("Titre", "Que mettre dans ma valise ?");
    type("Texte", "Prévoyez **une tenue de sport**.");
    type("Lien vers l'article", "https://www.snu.gouv.fr/trousseau");
    type("Priorité", "5");
    click("Enregistrer le brouillon");

    await screen.findByRole("heading", {
      level: 1,
      name: "Astuce mc-phase1-trousseau",
    });
    const [post] = api.sent("POST", "/tips");
    expect(post!.headers.get("X-SNU-Support")).toBe("1");
    const created = await stored("mc-phase1-trousseau");
    expect(created.draft).toEqual({
      id: "mc-phase1-trousseau",
      platform: "moncompte",
      routes: ["/phase1"],
      params: {},
      roles: ["young"],
      statuses: [],
      title: "Que mettre dans ma valise ?",
      markdown: "Prévoyez **une tenue de sport**.",
      link: "https://www.snu.gouv.fr/trousseau",
      priority: 5,
    });
    expect(created.published).toBeNull();
    expect(currentPath()).toBe("/support/tips/mc-phase1-trousseau");
    expect(liveStatus()).toBe(
      "Brouillon enregistré. L'astuce n'est pas encore publiée.",
    );
    await screen.findByText("Brouillon", { selector: ".badge" });
    expect(field("Titre").value).toBe("Que mettre dans ma valise ?");
    // The saved tip is previewed once typing has paused.
    await waitFor(() =>
      expect(
        api
          .sent("POST", "/tips/preview")
          .map((c) => (c.body as { source: { id?: string } }).source.id),
      ).toEqual(["mc-phase1-trousseau"]),
    );
  });

  it("ties each error to its field and sends nothing while the form is incomplete", async () => {
    openConsole("/support/tips/new");
    await screen.findByRole("heading", { level: 1, name: "Nouvelle astuce" });
    type("Identifiant", "Pas Valide");
    type("Titre", "Ok ?");

    click("Enregistrer le brouillon");

    const alert = await screen.findByRole("alert");
    expect(
      within(alert)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["Identifiant", "Routes", "Texte"]);
    const id = field("Identifiant");
    expect(id.getAttribute("aria-invalid")).toBe("true");
    const errorId = id.getAttribute("aria-describedby")!.split(" ").at(-1)!;
    expect(document.getElementById(errorId)!.textContent).toMatch(
      /lettres minuscules/,
    );
    expect(field("Titre").getAttribute("aria-invalid")).toBeNull();
    expect(api.sent("POST", "/tips")).toEqual([]);

    fireEvent.click(within(alert).getByRole("link", { name: "Routes" }));
    expect(document.activeElement).toBe(field("Routes"));
  });

  it("keeps what was typed and marks the identifier when it is already taken", async () => {
    await seedTip(api.store, { published: makeSource() });
    openConsole("/support/tips/new");
    await screen.findByRole("heading", { level: 1, name: "Nouvelle astuce" });
    type("Identifiant", ID);
    type("Routes", "/inscription/:step");
    type("Titre", "Un autre titre");
    type("Texte", "Mon texte long et précieux.");

    click("Enregistrer le brouillon");

    expect((await screen.findByRole("alert")).textContent).toMatch(
      /Une astuce porte déjà cet identifiant/,
    );
    expect(field("Identifiant").getAttribute("aria-invalid")).toBe("true");
    expect(field("Texte").value).toBe("Mon texte long et précieux.");
    expect(currentPath()).toBe("/support/tips/new");
  });
});

describe("editing a tip", () => {
  it("loads the draft over the published text and shows both states", async () => {
    await seedTip(api.store, {
      draft: makeSource({ title: "Titre en cours" }),
      published: makeSource(),
    });
    await openEditor();

    expect(field("Titre").value).toBe("Titre en cours");
    expect(field("Routes").value).toBe("/inscription/:step");
    expect(field("Paramètres").value).toBe("step: documents, televersement");
    expect(field("Sélecteur CSS").value).toBe("#piece-identite-recto");
    expect((field("Position") as unknown as HTMLSelectElement).value).toBe(
      "bottom",
    );
    expect(
      (screen.getByRole("checkbox", { name: "Volontaire" }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect(screen.queryByLabelText(/^Identifiant/)).toBeNull();
    expect((field("Plateforme") as unknown as HTMLSelectElement).disabled).toBe(
      true,
    );
    screen.getByText("Publiée, brouillon en cours", { selector: ".badge" });
  });

  it("saves the typed text as the draft, then publishes it with the new version", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    expect(screen.queryByRole("button", { name: "Publier" })).toBeNull();

    type("Titre", "Quelle pièce d'identité fournir ?");
    click("Publier");

    await waitFor(() => expect(liveStatus()).toMatch(/Astuce publiée/));
    expect(await history()).toEqual([
      [3, "publish", WRITER.id],
      [2, "edit", WRITER.id],
      [1, "import", undefined],
    ]);
    expect((await stored()).published!.title).toBe(
      "Quelle pièce d'identité fournir ?",
    );
    expect(
      screen.queryByText("Publiée", { selector: ".badge" }),
    ).not.toBeNull();
    expect(screen.queryByRole("button", { name: "Publier" })).toBeNull();
  });

  it("keeps the typed text on a version conflict, then overwrites on request", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    // Someone else saves first.
    await savedBySophie(makeSource({ title: "Titre de Sophie" }));
    type("Texte", "Mon texte à moi, tapé longuement.");

    click("Enregistrer le brouillon");

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(TIP_CONFLICT_MESSAGE);
    expect(alert.textContent).toContain(
      "Votre texte diffère de la version à jour sur : Titre, Texte.",
    );
    expect(field("Texte").value).toBe("Mon texte à moi, tapé longuement.");
    expect(field("Titre").value).toBe("Quelle pièce d'identité téléverser ?");

    click("Remplacer par mon texte");

    await waitFor(() => expect(liveStatus()).toBe("Brouillon enregistré."));
    expect(await history()).toEqual([
      [3, "edit", WRITER.id],
      [2, "edit", COLLEAGUE.id],
      [1, "import", undefined],
    ]);
    expect((await stored()).draft!.markdown).toBe(
      "Mon texte à moi, tapé longuement.",
    );
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows the other person's text after a conflict when asked to", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    await savedBySophie(makeSource({ title: "Titre de Sophie" }));
    type("Titre", "Mon titre");
    click("Enregistrer le brouillon");
    await screen.findByRole("alert");

    click("Afficher la version à jour");

    expect(field("Titre").value).toBe("Titre de Sophie");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("withdraws the published text and drops a draft back to the published one", async () => {
    await seedTip(api.store, {
      draft: makeSource({ title: "Brouillon à jeter" }),
      published: makeSource(),
    });
    await openEditor();

    click("Abandonner le brouillon");
    await waitFor(() =>
      expect(field("Titre").value).toBe("Quelle pièce d'identité téléverser ?"),
    );

    click("Retirer de la publication");
    await screen.findByText("Retirée", { selector: ".badge" });
    expect(liveStatus()).toMatch(/Astuce retirée de la publication/);
    // Each on the version the previous one left (else a 409).
    expect((await history()).map(([, action]) => action)).toEqual([
      "unpublish",
      "discard",
      "edit",
      "import",
    ]);
  });

  it("shows the text as stored after a save, so nothing is left unsaved", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    type("Texte", "Un texte neuf.\n");
    type("Paramètres", "step=documents|televersement");
    type("Priorité", "");
    expect(meta()).toContain("modifications non enregistrées");

    click("Enregistrer le brouillon");

    await waitFor(() => expect(liveStatus()).toBe("Brouillon enregistré."));
    expect(field("Texte").value).toBe("Un texte neuf.");
    expect(field("Paramètres").value).toBe("step: documents, televersement");
    expect(field("Priorité").value).toBe("0");
    expect(meta()).not.toContain("modifications non enregistrées");

    click("Publier");
    await waitFor(() => expect(liveStatus()).toMatch(/Astuce publiée/));
    expect((await history()).map(([, action]) => action)).toEqual([
      "publish",
      "edit",
      "import",
    ]);
  });

  it("keeps what was typed while a save was out", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    type("Titre", "Titre enregistré");
    click("Enregistrer le brouillon");
    type("Titre", "Titre tapé pendant l'envoi");

    await waitFor(() => expect(liveStatus()).toBe("Brouillon enregistré."));
    expect(field("Titre").value).toBe("Titre tapé pendant l'envoi");
    expect(meta()).toContain("modifications non enregistrées");
  });

  it("does not count a trailing line break as a difference in a conflict", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    await savedBySophie(makeSource({ title: "Titre de Sophie" }));
    type("Titre", "Mon titre");
    type("Texte", `${makeSource().markdown}\n`);

    click("Enregistrer le brouillon");

    expect((await screen.findByRole("alert")).textContent).toContain(
      "Votre texte diffère de la version à jour sur : Titre.",
    );
  });

  it("shows the fresh text after a conflict when nothing was typed", async () => {
    await seedTip(api.store, {
      draft: makeSource({ title: "Mon brouillon" }),
      published: makeSource(),
    });
    await openEditor();
    await savedBySophie(makeSource({ title: "Titre de Sophie" }));

    click("Publier");

    expect((await screen.findByRole("alert")).textContent).toBe(
      TIP_REFRESHED_MESSAGE,
    );
    expect(field("Titre").value).toBe("Titre de Sophie");
    expect(meta()).not.toContain("modifications non enregistrées");
    expect(api.sent("PUT", `/tips/${ID}/draft`)).toEqual([]);
  });

  it("moves focus to « Enregistrer le brouillon » when the clicked button goes away", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    type("Titre", "Quelle pièce d'identité fournir ?");
    screen.getByRole("button", { name: "Publier" }).focus();
    click("Publier");
    await waitFor(() => expect(liveStatus()).toMatch(/Astuce publiée/));
    expect(screen.queryByRole("button", { name: "Publier" })).toBeNull();
    expect(focused()).toBe("Enregistrer le brouillon");

    type("Titre", "Un brouillon");
    click("Enregistrer le brouillon");
    await screen.findByRole("button", { name: "Abandonner le brouillon" });
    screen.getByRole("button", { name: "Abandonner le brouillon" }).focus();
    click("Abandonner le brouillon");
    await waitFor(() => expect(liveStatus()).toMatch(/Brouillon abandonné/));
    expect(focused()).toBe("Enregistrer le brouillon");

    screen.getByRole("button", { name: "Retirer de la publication" }).focus();
    click("Retirer de la publication");
    await screen.findByText("Retirée", { selector: ".badge" });
    expect(focused()).toBe("Enregistrer le brouillon");
  });

  it("moves focus to « Enregistrer le brouillon » after either way out of a conflict", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    const conflict = async (title: string) => {
      await savedBySophie(makeSource({ title: `${title} de Sophie` }));
      type("Titre", title);
      click("Enregistrer le brouillon");
      await screen.findByRole("button", { name: "Remplacer par mon texte" });
    };

    await conflict("Premier");
    screen.getByRole("button", { name: "Afficher la version à jour" }).focus();
    click("Afficher la version à jour");
    expect(focused()).toBe("Enregistrer le brouillon");

    await conflict("Second");
    screen.getByRole("button", { name: "Remplacer par mon texte" }).focus();
    click("Remplacer par mon texte");
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(focused()).toBe("Enregistrer le brouillon");
  });

  it("asks before « Abandonner le brouillon » replaces unsaved typing", async () => {
    await seedTip(api.store, {
      draft: makeSource({ title: "Brouillon à jeter" }),
      published: makeSource(),
    });
    await openEditor();
    type("Texte", "Pas encore enregistré");

    click("Abandonner le brouillon");

    expect((await screen.findByRole("alert")).textContent).toMatch(
      /Vos modifications non enregistrées seront remplacées par le texte publié/,
    );
    expect(api.sent("DELETE", `/tips/${ID}/draft`)).toEqual([]);
    click("Annuler");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(field("Texte").value).toBe("Pas encore enregistré");
    expect(focused()).toBe("Abandonner le brouillon");

    click("Abandonner le brouillon");
    click("Abandonner le brouillon et mes modifications");
    await waitFor(() =>
      expect(field("Titre").value).toBe("Quelle pièce d'identité téléverser ?"),
    );
    expect(field("Texte").value).toBe(makeSource().markdown);
    expect((await history()).map(([, action]) => action)).toEqual([
      "discard",
      "edit",
      "import",
    ]);
  });

  it("shows the server's refusal under the field it is about", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    type("Routes", "/inscription/:step\n/phase3/x");

    click("Enregistrer le brouillon");

    expect((await screen.findByRole("alert")).textContent).toMatch(
      /^Certains champs sont à corriger\./,
    );
    const routes = field("Routes");
    expect(routes.getAttribute("aria-invalid")).toBe("true");
    expect(routes.value).toBe("/inscription/:step\n/phase3/x");
    expect(
      document.getElementById(
        routes.getAttribute("aria-describedby")!.split(" ").at(-1)!,
      )!.textContent,
    ).toBe("La route « /phase3/x » n'existe pas pour moncompte.");
  });

  it("says so when the tip does not exist", async () => {
    openConsole("/support/tips/mc-inconnue");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Cette astuce n'existe pas.",
    );
  });
});

describe("preview", () => {
  it("lists the server's problems with links to their fields", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    await screen.findByRole("article", {
      name: "Astuce telle que l'usager la verra",
    });

    type("Titre", "Ab");

    const problems = await screen.findByRole("list", {
      name: "1 problème à corriger",
    });
    expect(problems.textContent).toBe(
      "Titre : Le titre fait au moins 3 caractères.",
    );
    expect(screen.queryByRole("article")).toBeNull();
    const body = api.sent("POST", "/tips/preview").at(-1)!.body as {
      source: { title: string };
    };
    expect(body.source.title).toBe("Ab");
    fireEvent.click(within(problems).getByRole("link", { name: "Titre" }));
    expect(document.activeElement).toBe(field("Titre"));
  });

  it("renders the node tree as elements, never as HTML, and drops non-https links", async () => {
    await seedTip(api.store, { published: makeSource() });
    // The real preview refuses such a text (its Markdown has no HTML nor javascript: links): the answer
    // is made up to check the console's own defence.
    server.use(
      http.post(apiUrl("/tips/preview"), () =>
        HttpResponse.json({
          tip: {
            id: ID,
            title: "<img src=x onerror=alert(1)>",
            body: [
              {
                type: "p",
                children: [
                  "Un ",
                  { type: "strong", children: ["recto"] },
                  " <b>net</b>",
                ],
              },
              {
                type: "ul",
                items: [["Carte"], [{ type: "em", children: ["Passeport"] }]],
              },
              {
                type: "p",
                children: [
                  {
                    type: "a",
                    href: "https://www.snu.gouv.fr/",
                    children: ["Le site"],
                  },
                  {
                    type: "a",
                    href: "javascript:alert(1)",
                    children: ["piège"],
                  },
                ],
              },
            ],
            link: "https://www.snu.gouv.fr/aide",
          },
          problems: [],
        }),
      ),
    );
    await openEditor();

    const card = await screen.findByRole("article", {
      name: "Astuce telle que l'usager la verra",
    });
    expect(within(card).getByRole("heading").textContent).toBe(
      "<img src=x onerror=alert(1)>",
    );
    expect(card.querySelector("strong")!.textContent).toBe("recto");
    expect(card.querySelector("em")!.textContent).toBe("Passeport");
    expect(card.querySelectorAll("li")).toHaveLength(2);
    expect(
      within(card)
        .getAllByRole("link")
        .map((a) => a.getAttribute("href")),
    ).toEqual(["https://www.snu.gouv.fr/", "https://www.snu.gouv.fr/aide"]);
    expect(card.textContent).toContain("piège");
    expect(document.querySelector("img, b")).toBeNull();
    screen.getByText("Aucun problème : l'astuce peut être publiée.");
  });
});

describe("route check", () => {
  it("says which lines are known patterns and which pages they cover", async () => {
    openConsole("/support/tips/new");
    await screen.findByRole("heading", { level: 1, name: "Nouvelle astuce" });

    type(
      "Routes",
      "/inscription/:step\n/inscription/documents\n/volontaire/:id",
    );
    type("Paramètres", "step: documents, televersement");

    const check = screen.getByRole("heading", {
      name: "Vérification des routes",
    }).parentElement!;
    const lines = within(check)
      .getAllByRole("listitem")
      .filter((li) => li.parentElement!.classList.contains("route-lines"));
    expect(
      lines.map((li) => li.querySelector(".route-verdict")!.textContent),
    ).toEqual([
      "/inscription/:step : page connue de moncompte",
      "/inscription/documents : route inconnue de moncompte",
      "/volontaire/:id : route inconnue de moncompte",
    ]);
    expect(
      [...lines[0]!.querySelectorAll(".examples li")].map(
        (li) => li.textContent,
      ),
    ).toEqual(["/inscription/documents", "/inscription/televersement"]);
    expect(lines[0]!.textContent).toContain(
      "« step » : seulement documents, televersement.",
    );
    expect(lines[1]!.textContent).toContain(
      "Cette adresse est une page « /inscription/:step » : écrivez le modèle, pas l'adresse.",
    );
    expect(lines[2]!.textContent).toContain(
      "Cette route existe sur admin, pas sur moncompte.",
    );

    type("Routes", "/inscription/:step\n/phase1");
    expect(check.textContent).toContain(
      "La route « /phase1 » n'a pas de paramètre « step ».",
    );
  });

  it("lists known values of an unrestricted parameter and an example id", async () => {
    openConsole("/support/tips/new");
    await screen.findByRole("heading", { level: 1, name: "Nouvelle astuce" });
    fireEvent.change(field("Plateforme"), { target: { value: "admin" } });
    type("Routes", "/centre/:id/:sessionId/:tab");

    const check = screen.getByRole("heading", {
      name: "Vérification des routes",
    }).parentElement!;
    expect(check.textContent).toContain(
      "« tab » : toutes les valeurs (connues : general, tableau-de-pointage, fiche-sanitaire).",
    );
    expect(check.textContent).toContain(
      "« id » est un identifiant : l'astuce s'affiche quel qu'il soit.",
    );
    within(check).getByText(
      /^\/centre\/64f1c2a9e4b0d1a2b3c4d5e6\/64f1c2a9e4b0d1a2b3c4d5e6\/general$/,
    );
  });

  it("tells whether the tip would show on an address", async () => {
    await seedTip(api.store, {
      published: makeSource({ params: { step: ["documents"] } }),
    });
    await openEditor();
    const test = (address: string) => {
      type("Tester une adresse", address);
      return document.getElementById("tip-address-test-result")!.textContent;
    };

    expect(test("/inscription/Documents")).toBe(
      "Oui. L'astuce s'affiche sur cette page « /inscription/:step » (step = documents). Seulement pour les rôles cochés.",
    );
    expect(test("/inscription/coordonnee")).toBe(
      "Non. Cette adresse est la page « /inscription/:step » (step = coordonnee), mais l'astuce ne vise que step = documents.",
    );
    expect(test("https://moncompte.snu.gouv.fr/phase1?token=secret")).toBe(
      "Non. Cette adresse est la page « /phase1 », que l'astuce ne vise pas.",
    );
    expect(test("/nulle-part/64f1c2a9e4b0d1a2b3c4d5e6")).toBe(
      "Non. Cette adresse ne correspond à aucune page connue de moncompte (« /:id/:id »).",
    );
  });
});

describe("versions", () => {
  it("lists versions newest first with their changes, and restores one into the draft", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    type("Titre", "Nouveau titre");
    click("Enregistrer le brouillon");
    await waitFor(() =>
      expect(
        screen.getAllByText(/^Version \d/).map((p) => p.textContent),
      ).toEqual([
        "Version 2 · Brouillon modifié",
        "Version 1 · Import depuis les fichiers du dépôt",
      ]),
    );
    const versions = screen.getByRole("heading", {
      name: "Versions",
    }).parentElement!;
    expect(versions.querySelector(".changes")!.textContent).toBe(
      "TitreAvant : Quelle pièce d'identité téléverser ?Après : Nouveau titre",
    );
    expect(versions.textContent).toContain("Par Claire Dubois, le");
    expect(versions.textContent).toContain("Par les fichiers du dépôt, le");
    expect(
      within(versions).getAllByRole("button", {
        name: /Restaurer cette version/,
      }),
    ).toHaveLength(1);

    click("Restaurer cette version (version 1)");

    await waitFor(() =>
      expect(field("Titre").value).toBe("Quelle pièce d'identité téléverser ?"),
    );
    expect((await history())[0]).toEqual([3, "revert", WRITER.id]);
    expect(
      screen.getByText(/La version 1 est maintenant le brouillon/).textContent,
    ).toContain("cliquez sur « Publier »");
    expect((await stored()).published!.title).toBe(
      "Quelle pièce d'identité téléverser ?",
    );
    await waitFor(() =>
      expect(screen.getAllByText(/^Version 3/)).toHaveLength(1),
    );
  });

  it("asks before a restore replaces unsaved typing", async () => {
    await seedTip(api.store, { published: makeSource() });
    await openEditor();
    type("Titre", "Nouveau titre");
    click("Enregistrer le brouillon");
    await screen.findByText("Version 2 · Brouillon modifié");
    type("Texte", "Pas encore enregistré");

    click("Restaurer cette version (version 1)");

    expect((await screen.findByRole("alert")).textContent).toMatch(
      /Vos modifications non enregistrées seront remplacées/,
    );
    expect(api.sent("POST", `/tips/${ID}/revert`)).toEqual([]);
    click("Annuler");
    expect(field("Texte").value).toBe("Pas encore enregistré");
    expect(focused()).toBe("Restaurer cette version (version 1)");

    click("Restaurer cette version (version 1)");
    click(/Restaurer et remplacer mes modifications/);
    await waitFor(async () =>
      expect((await history())[0]).toEqual([3, "revert", WRITER.id]),
    );
  });
});
