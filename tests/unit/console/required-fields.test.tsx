import { fireEvent, screen, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, makeTemplate, WRITER } from "../../support/console/fixtures.ts";
import { openConsole } from "../../support/console/mount.ts";
import { seedTemplates, seedTip } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";
import { makeSource } from "../../support/console/tips-fixtures.ts";

// RGAA 11.10 (issue 16): the tip editor and the reply template form say, before anything is sent, which
// fields must be filled in — the widget's way: one sentence at the top of the form, « (facultatif) » in the
// label of each optional field, and `aria-required` on the others.

const { api } = useConsoleServer();
const NOTE = "Tous les champs sont obligatoires, sauf mention « facultatif ».";
const OPTIONAL = / \(facultatif\)$/;

/** The sentence that describes the form (its `aria-describedby`), shown at its top. */
function noteOf(form: HTMLElement): string {
  const ids = form.getAttribute("aria-describedby")?.split(" ") ?? [];
  const note = ids.map((id) => document.getElementById(id)?.textContent);
  expect(form.querySelector("p")?.textContent).toBe(NOTE);
  return note.join(" ");
}

/** Each text field of the form: its label's text and whether it is `aria-required`. */
function textFields(form: HTMLElement) {
  return [
    ...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      "input:not([type=checkbox]):not([type=radio]), textarea",
    ),
  ].map((control) => ({
    label: control.labels?.[0]?.textContent ?? "",
    required: control.getAttribute("aria-required") === "true",
  }));
}

/** The labels (or legends) of the form that say « (facultatif) ». */
const optionalLabels = (form: HTMLElement) =>
  [...form.querySelectorAll("label, legend")]
    .map((label) => label.textContent ?? "")
    .filter((text) => OPTIONAL.test(text));

describe("required fields in the tip editor", () => {
  beforeEach(() => api.signIn(WRITER));

  it("says at the top of a new tip that every field is required unless marked « facultatif »", async () => {
    openConsole("/support/tips/new");
    const form = await screen.findByRole("form", { name: "Nouvelle astuce" });

    expect(noteOf(form)).toBe(NOTE);
    expect(optionalLabels(form)).toEqual([
      "Paramètres (facultatif)",
      "Rôles (facultatif)",
      "Statuts (facultatif)",
      "Lien vers l'article (facultatif)",
      "Ancre (facultatif)",
      "Texte à trouver (facultatif)",
      "Priorité (facultatif)",
      "Active du (facultatif)",
      "Active au (facultatif)",
    ]);
    // Every text field is either marked optional or required for assistive technologies — never neither.
    expect(textFields(form)).toEqual([
      { label: "Identifiant", required: true },
      { label: "Routes", required: true },
      { label: "Paramètres (facultatif)", required: false },
      { label: "Titre", required: true },
      { label: "Texte", required: true },
      { label: "Lien vers l'article (facultatif)", required: false },
      // Required once there is an anchor: its fieldset « Ancre (facultatif) » says so.
      { label: "Sélecteur CSS", required: false },
      { label: "Texte à trouver (facultatif)", required: false },
      { label: "Priorité (facultatif)", required: false },
      { label: "Active du (facultatif)", required: false },
      { label: "Active au (facultatif)", required: false },
    ]);
  });

  it("says it on an existing tip too, whose identifier is no longer a field", async () => {
    await seedTip(api.store, { published: makeSource() });
    openConsole(`/support/tips/${makeSource().id}`);
    const form = await screen.findByRole("form", { name: "Modifier l'astuce" });

    expect(noteOf(form)).toBe(NOTE);
    expect(
      textFields(form)
        .filter((field) => field.required)
        .map((field) => field.label),
    ).toEqual(["Routes", "Titre", "Texte"]);
  });
});

describe("required fields in the reply template form", () => {
  beforeEach(async () => {
    await seedTemplates(api.store, [makeTemplate()]);
    await api.signIn(ADMIN);
  });

  it("says it at the top of a new template; category and subject are « (facultatif) »", async () => {
    openConsole("/support/reponses-types");
    fireEvent.click(
      await screen.findByRole("button", { name: "Nouvelle réponse type" }),
    );
    const form = screen.getByRole("form", { name: "Nouvelle réponse type" });

    expect(noteOf(form)).toBe(NOTE);
    expect(optionalLabels(form)).toEqual([
      "Catégorie (facultatif)",
      "Sujet (facultatif)",
    ]);
    expect(textFields(form)).toEqual([
      { label: "Titre", required: true },
      { label: "Texte", required: true },
    ]);
    expect(
      within(form)
        .getByLabelText("Sujet (facultatif)")
        .getAttribute("aria-required"),
    ).toBeNull();
  });

  it("says it when a template is changed", async () => {
    openConsole("/support/reponses-types");
    fireEvent.click(
      await screen.findByRole("button", { name: /^Modifier « / }),
    );
    const form = screen.getByRole("form", {
      name: /^Modifier la réponse type/,
    });

    expect(noteOf(form)).toBe(NOTE);
    expect(optionalLabels(form)).toEqual([
      "Catégorie (facultatif)",
      "Sujet (facultatif)",
    ]);
  });
});
