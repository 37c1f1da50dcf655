import fs from "node:fs";
import path from "node:path";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { complianceTotals } from "../../api/accessibility/compliance.ts";
import { loadRgaaGrid } from "../../api/accessibility/load-grid.ts";
import {
  parseRgaaGrid,
  RGAA_THEME_SIZES,
  RgaaGridError,
} from "../../api/accessibility/rgaa-grid.ts";
import { DECLARED_STATUS } from "../../api/accessibility/statement-link.ts";
import { ACCESSIBILITY_STATUS } from "../../api/console/accessibility-status.ts";
import { escapeHtml } from "../../api/follow-up/html.ts";
import { FOLLOW_UP_CSP } from "../../api/follow-up/page-headers.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { accessibilityPage } from "../../api/routes/accessibility-page.ts";
import { setUp } from "../support/follow-up-page-fixture.ts";
import { createTestApp } from "../support/test-app.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// The accessibility statement (issue 16): its figures come from the RGAA grid tests/a11y/rgaa.md, read by
// the real app; the parser and the totals on small grids written here; the footers that link to it.

const NUMBERS = RGAA_THEME_SIZES.flatMap((size, theme) =>
  Array.from({ length: size }, (_, i) => `${theme + 1}.${i + 1}`),
);

/**
 * A grid of the 106 criteria, not applicable unless `results` gives C, NC or NV (or a raw row), with a
 * plan row for each NC criterion unless `plan` gives the plan's rows.
 */
function grid(
  results: Record<string, string> = {},
  options: { date?: string; plan?: string[] } = {},
): string {
  const rows = NUMBERS.map((number) => {
    const result = results[number];
    if (result?.startsWith("|")) return result;
    return result
      ? `| ${number} | Intitulé ${number} | oui | ${result} | Preuve ${number} |`
      : `| ${number} | Intitulé ${number} | N/A : sans objet | — | — |`;
  });
  const plan =
    options.plan ??
    NUMBERS.filter((number) => results[number] === "NC").map(
      (number) => `| ${number} | Problème ${number}. | Plan ${number}. |`,
    );
  return [
    "# Grille",
    "",
    `Date de l'évaluation : ${options.date ?? "2026-12-04"}`,
    "",
    "## Critères",
    "",
    "| Critère | Intitulé | Applicable | Résultat | Preuve |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "## Non-conformités connues et plan",
    "",
    "| Critère | Problème | Plan |",
    "| --- | --- | --- |",
    ...plan,
    "",
    "## Critères non vérifiés : plan",
    "",
  ].join("\n");
}

const resultsOf = (conform: number, nonConform: number, notVerified = 0) =>
  Object.fromEntries(
    NUMBERS.slice(0, conform + nonConform + notVerified).map((number, i) => [
      number,
      i < conform ? "C" : i < conform + nonConform ? "NC" : "NV",
    ]),
  );

describe("the RGAA grid", () => {
  it("counts applicable, conform, non-conform, not verified and not applicable criteria", () => {
    const parsed = parseRgaaGrid(grid(resultsOf(6, 2, 2)));
    expect(parsed.evaluatedOn).toBe("2026-12-04");
    expect(parsed.criteria).toHaveLength(106);
    expect(parsed.criteria[6]).toEqual({
      number: "1.7",
      title: "Intitulé 1.7",
      result: "NC",
      evidence: "Preuve 1.7",
      problem: "Problème 1.7.",
    });
    expect(parsed.criteria[5]).not.toHaveProperty("problem");
    expect(complianceTotals(parsed)).toEqual({
      applicable: 10,
      conform: 6,
      nonConform: 2,
      notVerified: 2,
      notApplicable: 96,
      ratePercent: 60,
      status: "partiellement conforme",
    });
  });

  it("declares totally conform at 100 %, partially from 50 %, not conform below, a criterion not verified counting as not met", () => {
    const status = (c: number, nc: number, nv = 0) =>
      complianceTotals(parseRgaaGrid(grid(resultsOf(c, nc, nv))));
    expect(status(9, 0)).toMatchObject({
      ratePercent: 100,
      status: "totalement conforme",
    });
    expect(status(5, 5)).toMatchObject({
      ratePercent: 50,
      status: "partiellement conforme",
    });
    expect(status(5, 0, 5)).toMatchObject({
      ratePercent: 50,
      status: "partiellement conforme",
    });
    // 52 of 105 is 49.5 %: shown rounded down, 49 %, with the state that goes with it.
    expect(status(52, 53)).toMatchObject({
      ratePercent: 49,
      status: "non conforme",
    });
    expect(status(4, 0, 5)).toMatchObject({ status: "non conforme" });
  });

  it("reads a cell holding an escaped pipe, and counts only the rows of the criteria table", () => {
    const parsed = parseRgaaGrid(
      grid({ "3.2": "| 3.2 | Contraste a \\| b | oui | C | axe |" }),
    );
    expect(parsed.criteria.find((c) => c.number === "3.2")?.title).toBe(
      "Contraste a | b",
    );
    expect(complianceTotals(parsed).applicable).toBe(1);
  });

  it.each([
    ["a missing date", grid({}, { date: "bientôt" }), /Date de l'évaluation/],
    [
      "an impossible date",
      grid({}, { date: "2026-02-31" }),
      /Date de l'évaluation/,
    ],
    [
      "a criterion missing",
      grid().replace(/^\| 4\.3 .*\n/m, ""),
      /4\.3 attendu/,
    ],
    [
      "criteria out of order",
      grid().replace(/^(\| 1\.1 .*)\n(\| 1\.2 .*)$/m, "$2\n$1"),
      /1\.1 attendu .* trouvé 1\.2/,
    ],
    [
      "an applicable criterion without result",
      grid({ "8.3": "| 8.3 | Langue | oui | conforme | axe |" }),
      /8\.3 : résultat « conforme »/,
    ],
    [
      "a criterion not applicable with a result",
      grid({ "2.1": "| 2.1 | Cadres | N/A : aucun | C | — |" }),
      /2\.1 : un critère non applicable/,
    ],
    [
      "a row without evidence",
      grid({ "9.1": "| 9.1 | Titres | oui | C | |" }),
      /9\.1 : l'intitulé et la preuve/,
    ],
    [
      "no criteria section",
      grid().replace("## Critères", "## Grille"),
      /manque/,
    ],
    [
      "a non-conform criterion without a plan",
      grid({ "7.5": "NC" }, { plan: [] }),
      /7\.5, non conforme, n'a pas de ligne/,
    ],
    [
      "a plan for a criterion that is conform",
      grid({ "7.5": "C" }, { plan: ["| 7.5 | Problème. | Plan. |"] }),
      /7\.5 n'est pas non conforme/,
    ],
  ])("refuses %s with RgaaGridError", (_, markdown, message) => {
    expect(() => parseRgaaGrid(markdown)).toThrow(RgaaGridError);
    expect(() => parseRgaaGrid(markdown)).toThrow(message);
  });

  it("is the repository's grid: its 106 criteria parse, and the footers declare its state", () => {
    const loaded = loadRgaaGrid();
    if (!loaded.ok) throw new Error(loaded.detail);
    const { totals } = loaded;
    expect(loaded.grid.criteria).toHaveLength(106);
    expect(totals.applicable + totals.notApplicable).toBe(106);
    // Every result that is not « conforme » says why, with its evidence or plan.
    for (const criterion of loaded.grid.criteria)
      if (criterion.result !== "NA")
        expect(criterion.evidence.length, criterion.number).toBeGreaterThan(20);
    expect(DECLARED_STATUS).toBe(totals.status);
    expect(ACCESSIBILITY_STATUS).toBe(totals.status);
  });
});

describe("GET /accessibilite", () => {
  it("answers the statement in French, with the official sections and the grid's figures", async () => {
    const loaded = loadRgaaGrid();
    if (!loaded.ok) throw new Error(loaded.detail);
    const { totals, grid: parsed } = loaded;
    const { app } = createTestApp();

    const response = await app.request("/accessibilite");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain(
      "<title>Déclaration d&#39;accessibilité — SNU Aide</title>",
    );
    expect(page).toContain("<h1>Déclaration d'accessibilité</h1>");
    for (const section of [
      "État de conformité",
      "Résultats des tests",
      "Contenus non accessibles",
      "Établissement de cette déclaration",
      "Retour d'information et contact",
      "Voies de recours",
    ])
      expect(page).toContain(`>${section}</h2>`);
    expect(page).toContain(`SNU Aide est <strong>${totals.status}</strong>`);
    expect(page).toContain(`<strong>${totals.ratePercent} %</strong>`);
    expect(page).toContain(`: ${totals.conform} sur ${totals.applicable}.`);
    expect(page).toContain(`Critères applicables : ${totals.applicable}<`);
    expect(page).toContain(`Critères conformes : ${totals.conform}<`);
    expect(page).toContain(`Critères non conformes : ${totals.nonConform}<`);
    expect(page).toContain(
      `Critères non vérifiés, comptés comme non respectés : ${totals.notVerified}<`,
    );
    expect(page).toContain(
      `Critères non applicables : ${totals.notApplicable}<`,
    );
    // Each non-conform criterion is listed with what users meet; each unverified one by its number.
    for (const criterion of parsed.criteria) {
      if (criterion.result === "NC")
        expect(page).toContain(
          `<li>${criterion.number} — ${escapeHtml(criterion.title)} <br>${escapeHtml(criterion.problem!)}</li>`,
        );
      if (criterion.result === "NV")
        expect(page).toContain(
          `<li>${criterion.number} — ${escapeHtml(criterion.title)}</li>`,
        );
    }
    expect(page).toMatch(
      new RegExp(`<time datetime="${parsed.evaluatedOn}T12:00:00.000Z">`),
    );
    expect(page).toContain("Défenseur des droits, Libre réponse 71120");
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it("has the follow-up page's policy: same CSP, no Referer, never framed, no cookie", async () => {
    const { app, token } = await setUp();
    const statement = await app.request("/accessibilite");
    const followUp = await app.request(`/suivi/${token}`);
    for (const name of [
      "Content-Security-Policy",
      "Referrer-Policy",
      "X-Frame-Options",
      "X-Content-Type-Options",
      "Cross-Origin-Resource-Policy",
      "Strict-Transport-Security",
    ])
      expect(statement.headers.get(name), name).toBe(
        followUp.headers.get(name),
      );
    expect(statement.headers.get("Content-Security-Policy")).toBe(
      FOLLOW_UP_CSP,
    );
    expect(statement.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(statement.headers.get("Set-Cookie")).toBeNull();
    // The stylesheet the page links is served under that policy ('self').
    const href = (await statement.text()).match(
      /<link rel="stylesheet" href="([^"]+)">/,
    )?.[1];
    expect((await app.request(href!)).status).toBe(200);
  });

  it("is linked from the footer of the follow-up page and of its error pages, with the declared state", async () => {
    const { app, token } = await setUp();
    const link = `<a href="/accessibilite">Accessibilité : ${DECLARED_STATUS}</a>`;
    const page = await app.request(`/suivi/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(link);
    const missing = await app.request("/suivi/abc");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(link);
    // The link leads to the statement, which declares the same state.
    const statement = await (await app.request("/accessibilite")).text();
    expect(statement).toContain(`<strong>${DECLARED_STATUS}</strong>`);
  });

  it("says so, declares « non conforme » and shows no figures when the grid cannot be read", async () => {
    const logger = createMemoryLogger();
    const app = new Hono().route(
      "/",
      accessibilityPage({
        logger,
        gridFile: path.join(makeTempDir(), "absent.md"),
      }),
    );
    const page = await (await app.request("/accessibilite")).text();
    expect(page).toContain("SNU Aide est <strong>non conforme</strong>");
    expect(page).toContain(
      "Aucun résultat d'évaluation n'est disponible : la grille d&#39;évaluation n&#39;a pas pu être lue sur ce serveur.",
    );
    expect(page).toContain("Les résultats ne sont pas disponibles.");
    expect(page).not.toContain("Critères applicables");
    expect(page).not.toContain(" %</strong>");
    expect(page).toContain(">Voies de recours</h2>");
    expect(logger.lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: "error",
        event: "accessibility_grid_unavailable",
        detail: "ENOENT",
      }),
    ]);
  });

  it("says the grid is malformed rather than show figures from it", async () => {
    const logger = createMemoryLogger();
    const file = path.join(makeTempDir(), "rgaa.md");
    fs.writeFileSync(
      file,
      grid(resultsOf(50, 0)).replace(/^\| 13\.12 .*$/m, ""),
    );
    const app = new Hono().route(
      "/",
      accessibilityPage({ logger, gridFile: file }),
    );
    const page = await (await app.request("/accessibilite")).text();
    expect(page).toContain("SNU Aide est <strong>non conforme</strong>");
    expect(page).toContain("la grille d&#39;évaluation est mal formée");
    expect(page).not.toContain("Critères conformes");
    expect(JSON.parse(logger.lines[0]!)).toMatchObject({
      event: "accessibility_grid_unavailable",
      detail: expect.stringContaining("13.12"),
    });
  });
});
