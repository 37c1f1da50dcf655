import { describe, expect, it } from "vitest";
import {
  chooseTemplates,
  pageLabel,
  templateTargetLabel,
} from "../../../api/console/replies/reply-templates.ts";
import { SATISFACTION_LABELS } from "../../../api/contract/satisfaction.ts";
import { makeTemplate } from "../../support/console/fixtures.ts";

describe("reply template helpers", () => {
  it("names a request's page with its parameter values, ids left as :id", () => {
    expect(pageLabel("/inscription/:step", { step: "documents" })).toBe(
      "/inscription/documents",
    );
    expect(
      pageLabel("/centre/:id/:sessionId/:tab", {
        id: "64f1c2a9e4b0d1a2b3c4d5e6",
        sessionId: "abc",
        tab: "general",
      }),
    ).toBe("/centre/:id/:sessionId/general");
    expect(pageLabel("/phase1")).toBe("/phase1");
    expect(pageLabel("/inscription/:step")).toBe("/inscription/:step");
  });

  it("ranks templates: same subject, same category without subject, general, then the others", () => {
    const choice = chooseTemplates(
      [
        makeTemplate({ id: 1, title: "B autre sujet", subject: "LOGIN" }),
        makeTemplate({
          id: 2,
          title: "C générale",
          category: undefined,
          subject: undefined,
        }),
        makeTemplate({ id: 3, title: "A catégorie", subject: undefined }),
        makeTemplate({ id: 4, title: "Z exacte" }),
        makeTemplate({
          id: 5,
          title: "D autre catégorie",
          category: "QUESTION",
          subject: undefined,
        }),
      ],
      { category: "TECHNICAL", subject: "UPLOAD" },
    );

    expect({
      suited: choice.suited.map((t) => t.id),
      general: choice.general.map((t) => t.id),
      others: choice.others.map((t) => t.id),
    }).toEqual({ suited: [4, 3], general: [2], others: [1, 5] });
  });

  it("says which requests a template suits, by label", () => {
    expect(templateTargetLabel({})).toBe("Toutes les demandes");
    expect(templateTargetLabel({ category: "QUESTION" })).toBe(
      "J'ai une question",
    );
    expect(
      templateTargetLabel({
        category: "QUESTION",
        subject: "PHASE_1_AFFECTATION",
      }),
    ).toBe("J'ai une question › Mon affectation au séjour");
    expect(templateTargetLabel({ category: "RETIRED", subject: "OLD" })).toBe(
      "RETIRED › OLD",
    );
  });

  it("labels the five satisfaction scores", () => {
    expect(Object.entries(SATISFACTION_LABELS)).toEqual([
      ["1", "Pas du tout satisfait(e)"],
      ["2", "Peu satisfait(e)"],
      ["3", "Moyennement satisfait(e)"],
      ["4", "Satisfait(e)"],
      ["5", "Très satisfait(e)"],
    ]);
  });
});
