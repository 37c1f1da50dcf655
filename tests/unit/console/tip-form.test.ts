import { describe, expect, it } from "vitest";
import { matchRoute } from "../../../api/console/router.ts";
import {
  checkForm,
  EMPTY_TIP_FORM,
  fieldOfPath,
  formOf,
  parseParamLines,
  sameForm,
  sourceOf,
} from "../../../api/console/tip-editor/tip-form.ts";
import {
  TIP_MARKDOWN_MAX,
  TIP_MESSAGES,
  TIP_TITLE_MAX,
  TIP_TITLE_MIN,
} from "../../../api/contract/tip-limits.ts";
import { makeSource } from "../../support/console/tips-fixtures.ts";

describe("tip form", () => {
  it("round-trips a source through the form", () => {
    const source = makeSource({
      link: "https://www.snu.gouv.fr/",
      activeTo: "2026-06-30",
    });
    expect(sourceOf(formOf(source))).toEqual(source);
  });

  it("reads parameter lines with « : » or « = », commas or bars", () => {
    expect(
      parseParamLines(
        "step: documents, televersement\n\n tab=general|fiche-sanitaire ",
      ),
    ).toEqual({
      params: {
        step: ["documents", "televersement"],
        tab: ["general", "fiche-sanitaire"],
      },
    });
    expect(parseParamLines("step documents").problem).toBe(
      "« step documents » : écrivez « nom : valeur1, valeur2 ».",
    );
    expect(parseParamLines("step: a\nstep: b").problem).toBe(
      "Le paramètre « step » est répété.",
    );
  });

  it("leaves the anchor out without a selector and flags text without one", () => {
    const values = {
      ...formOf(makeSource()),
      selector: " ",
      anchorText: "Recto",
    };
    expect(sourceOf(values).anchor).toBeUndefined();
    expect(checkForm(values, false).selector).toMatch(/sélecteur/);
  });

  it("checks the identifier only at creation, and dates in order", () => {
    const values = {
      ...formOf(makeSource()),
      id: "X",
      activeFrom: "2026-05-01",
      activeTo: "2026-04-01",
    };
    expect(Object.keys(checkForm(values, true))).toEqual(["id", "activeTo"]);
    expect(Object.keys(checkForm(values, false))).toEqual(["activeTo"]);
  });

  it("checks the title, text and link with the contract's limits and words", () => {
    const values = {
      ...formOf(makeSource()),
      title: "x".repeat(TIP_TITLE_MAX + 1),
      markdown: "x".repeat(TIP_MARKDOWN_MAX + 1),
      link: "http://snu.gouv.fr",
    };
    const errors = checkForm(values, false);
    expect(errors.title).toBe(
      `Le titre fait de ${TIP_TITLE_MIN} à ${TIP_TITLE_MAX} caractères.`,
    );
    expect(errors.markdown).toBe("Le texte fait 5 000 caractères au plus.");
    expect(errors.link).toBe(TIP_MESSAGES.linkFormat);
    const fitting = {
      ...values,
      title: "x".repeat(TIP_TITLE_MAX),
      markdown: "x".repeat(TIP_MARKDOWN_MAX),
      link: "https://www.snu.gouv.fr/",
    };
    expect(checkForm(fitting, false)).toEqual({});
  });

  it("maps server paths to fields", () => {
    expect(fieldOfPath("routes.0")).toBe("routes");
    expect(fieldOfPath("source.anchor.selector")).toBe("selector");
    expect(fieldOfPath("/anchor/placement")).toBe("placement");
    expect(fieldOfPath("params.step")).toBe("params");
    expect(fieldOfPath("version")).toBeUndefined();
  });

  it("ignores blank lines and outer spaces when telling unsaved changes", () => {
    const saved = formOf(makeSource());
    expect(
      sameForm({ ...saved, routes: "\n /inscription/:step \n" }, saved),
    ).toBe(true);
    expect(sameForm({ ...saved, title: "Autre" }, saved)).toBe(false);
    expect(sameForm(EMPTY_TIP_FORM, { ...EMPTY_TIP_FORM })).toBe(true);
  });

  it("compares texts, parameters and priorities as the server stores them", () => {
    const saved = formOf(makeSource({ priority: 0 }));
    expect(
      sameForm(
        {
          ...saved,
          markdown: `\n${saved.markdown}\r\n\n`,
          params: "step=documents|televersement",
          priority: " ",
        },
        saved,
      ),
    ).toBe(true);
    expect(sameForm({ ...saved, priority: "00" }, saved)).toBe(true);
    expect(sameForm({ ...saved, markdown: `${saved.markdown}!` }, saved)).toBe(
      false,
    );
    expect(sameForm({ ...saved, params: "step=documents" }, saved)).toBe(false);
    expect(sameForm({ ...saved, params: "step documents" }, saved)).toBe(false);
    expect(sameForm({ ...saved, priority: "1" }, saved)).toBe(false);
  });

  it("refuses the ids the console's own addresses use", () => {
    for (const id of ["new", "anchors"])
      expect(checkForm({ ...formOf(makeSource()), id }, true).id).toBe(
        "Cet identifiant est réservé.",
      );
    expect(
      checkForm({ ...formOf(makeSource()), id: "new-anchors" }, true).id,
    ).toBeUndefined();
  });

  it("routes the tips screens, fixed words before ids", () => {
    expect(matchRoute("/tips")).toEqual({ name: "tips" });
    expect(matchRoute("/tips/new")).toEqual({ name: "tip_new" });
    expect(matchRoute("/tips/anchors/")).toEqual({ name: "tip_anchors" });
    expect(matchRoute("/tips/mc-phase1")).toEqual({
      name: "tip_editor",
      id: "mc-phase1",
    });
    expect(matchRoute("/tips/%E0%A4%A")).toEqual({ name: "not_found" });
  });
});
