import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  AGENT,
  makeTemplate,
  REFERENT,
  WRITER,
} from "../../support/console/fixtures.ts";
import {
  closeConsole,
  currentPath,
  openConsole,
} from "../../support/console/mount.ts";
import { seedTemplates } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api } = useConsoleServer();
beforeEach(() =>
  seedTemplates(api.store, [
    makeTemplate(),
    makeTemplate({
      id: 2,
      title: "Accusé de réception",
      text: "Nous avons bien reçu votre demande {reference}.",
      category: undefined,
      subject: undefined,
    }),
  ]),
);
/** The templates as the store now holds them, by id. */
const stored = async () =>
  new Map((await api.store.listReplyTemplates()).map((t) => [t.id, t]));

const openTemplates = async () => {
  openConsole("/support/reponses-types");
  return screen.findByRole("list", { name: "Réponses types" });
};
const titles = (list: HTMLElement) =>
  within(list)
    .getAllByRole("heading", { level: 2 })
    .map((h) => h.textContent);
const field = (label: RegExp | string) =>
  screen.getByLabelText(label) as HTMLInputElement;

describe("« Réponses types » page", () => {
  it("is linked from the header for every account, referents included", async () => {
    await api.signIn(REFERENT);
    openConsole("/support/");
    const nav = await screen.findByRole("navigation", {
      name: "Navigation principale",
    });

    fireEvent.click(within(nav).getByRole("link", { name: "Réponses types" }));

    expect(currentPath()).toBe("/support/reponses-types");
    expect((await screen.findByRole("heading", { level: 1 })).textContent).toBe(
      "Réponses types",
    );
  });

  it("lists the templates read-only for a referent", async () => {
    await api.signIn(REFERENT);
    const list = await openTemplates();

    expect(titles(list)).toEqual([
      "Accusé de réception",
      "Téléversement : format du document",
    ]);
    expect(within(list).getByText("Pour : Toutes les demandes")).toBeTruthy();
    expect(
      within(list).getByText(
        "Pour : J'ai un problème technique › Je n'arrive pas à téléverser un document",
      ),
    ).toBeTruthy();
    expect(
      screen.queryByRole("button", { name: "Nouvelle réponse type" }),
    ).toBeNull();
    expect(screen.queryByRole("button", { name: /^Modifier/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Supprimer/ })).toBeNull();
    expect(
      screen.getByText(/Vous pouvez insérer ces réponses types/),
    ).toBeTruthy();
  });

  it("is read-only for an agent who may not write tips, writable for one who may", async () => {
    await api.signIn(AGENT);
    await openTemplates();
    expect(
      screen.queryByRole("button", { name: "Nouvelle réponse type" }),
    ).toBeNull();

    closeConsole();
    await api.signIn(WRITER);
    await openTemplates();
    expect(
      screen.getAllByRole("button", { name: "Nouvelle réponse type" }),
    ).toHaveLength(1);
  });

  it("lets an admin create a template for a category and subject", async () => {
    await api.signIn(ADMIN);
    await openTemplates();

    fireEvent.click(
      screen.getByRole("button", { name: "Nouvelle réponse type" }),
    );
    const form = screen.getByRole("form", { name: "Nouvelle réponse type" });
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(form).getByLabelText(/^Titre/),
      ),
    );
    fireEvent.input(within(form).getByLabelText(/^Titre/), {
      target: { value: "  Point de rassemblement  " },
    });
    fireEvent.input(within(form).getByLabelText(/^Texte/), {
      target: { value: "Votre point de rassemblement est indiqué sur {page}." },
    });
    fireEvent.change(within(form).getByLabelText(/^Catégorie/), {
      target: { value: "QUESTION" },
    });
    fireEvent.change(within(form).getByLabelText(/^Sujet/), {
      target: { value: "PHASE_1_MEETING_POINT" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Enregistrer" }));

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Réponse type « Point de rassemblement » créée.",
      ),
    );
    expect((await stored()).get(3)).toMatchObject({
      title: "Point de rassemblement",
      text: "Votre point de rassemblement est indiqué sur {page}.",
      category: "QUESTION",
      subject: "PHASE_1_MEETING_POINT",
    });
    const [call] = api.sent("POST", "/reply-templates");
    expect(call!.headers.get("X-SNU-Support")).toBe("1");
    expect(
      titles(screen.getByRole("list", { name: "Réponses types" })),
    ).toEqual([
      "Accusé de réception",
      "Point de rassemblement",
      "Téléversement : format du document",
    ]);
    expect(
      screen.queryByRole("form", { name: "Nouvelle réponse type" }),
    ).toBeNull();
  });

  it("asks for a title and a text before saving, next to the fields", async () => {
    await api.signIn(ADMIN);
    await openTemplates();
    fireEvent.click(
      screen.getByRole("button", { name: "Nouvelle réponse type" }),
    );
    const form = screen.getByRole("form", { name: "Nouvelle réponse type" });

    fireEvent.click(within(form).getByRole("button", { name: "Enregistrer" }));

    const title = within(form).getByLabelText(/^Titre/);
    expect(title.getAttribute("aria-invalid")).toBe("true");
    expect(
      document.getElementById(
        title.getAttribute("aria-describedby")!.split(" ").at(-1)!,
      )!.textContent,
    ).toBe("Donnez un titre.");
    expect(within(form).getByText("Écrivez le texte.")).toBeTruthy();
    expect(document.activeElement).toBe(title);
    expect(api.sent("POST", "/reply-templates")).toHaveLength(0);
  });

  it("lets an admin change a template", async () => {
    await api.signIn(ADMIN);
    await openTemplates();

    fireEvent.click(
      screen.getByRole("button", {
        name: "Modifier « Accusé de réception »",
      }),
    );
    const form = screen.getByRole("form", {
      name: "Modifier la réponse type « Accusé de réception »",
    });
    expect(
      (within(form).getByLabelText(/^Texte/) as HTMLTextAreaElement).value,
    ).toBe("Nous avons bien reçu votre demande {reference}.");
    fireEvent.input(within(form).getByLabelText(/^Titre/), {
      target: { value: "Accusé de réception (court)" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Enregistrer" }));

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Réponse type « Accusé de réception (court) » enregistrée.",
      ),
    );
    const saved = (await stored()).get(2)!;
    expect(saved).toMatchObject({
      title: "Accusé de réception (court)",
      text: "Nous avons bien reçu votre demande {reference}.",
    });
    expect([saved.category, saved.subject]).toEqual([undefined, undefined]);
    expect(
      titles(screen.getByRole("list", { name: "Réponses types" })),
    ).toContain("Accusé de réception (court)");
  });

  it("deletes a template only once confirmed", async () => {
    await api.signIn(ADMIN);
    await openTemplates();

    fireEvent.click(
      screen.getByRole("button", { name: "Supprimer « Accusé de réception »" }),
    );
    expect(screen.getByRole("alert").textContent).toContain(
      "Supprimer la réponse type « Accusé de réception » ?",
    );
    fireEvent.click(screen.getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect((await stored()).has(2)).toBe(true);

    fireEvent.click(
      screen.getByRole("button", { name: "Supprimer « Accusé de réception »" }),
    );
    fireEvent.click(
      screen.getByRole("button", { name: "Supprimer définitivement" }),
    );

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Réponse type « Accusé de réception » supprimée.",
      ),
    );
    expect((await stored()).has(2)).toBe(false);
    expect(
      titles(screen.getByRole("list", { name: "Réponses types" })),
    ).toEqual(["Téléversement : format du document"]);
  });
});
