import { rowCells, sectionLines } from "./markdown-table.ts";

// The RGAA 4.1 self-assessment grid (tests/a11y/rgaa.md, issue 16) read as data: the accessibility statement
// takes its figures from it, so the grid is the one place where a criterion's result is written.

/** How many criteria each of the 13 themes of RGAA 4.1 has (106 in all), in theme order. */
export const RGAA_THEME_SIZES = [
  9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12,
] as const;

/** C conforme, NC non conforme, NV non vérifié (counted as not met), NA non applicable. */
export type CriterionResult = "C" | "NC" | "NV" | "NA";

export interface GridCriterion {
  /** « 10.11 ». */
  number: string;
  title: string;
  result: CriterionResult;
  /** Why it is not applicable, what checks it, or what is wrong: the grid's last column. */
  evidence: string;
  /** For a non-conform criterion: what users meet, in plain words (the plan table's « Problème »). */
  problem?: string;
}

export interface RgaaGrid {
  /** `Date de l'évaluation : AAAA-MM-JJ`, as written. */
  evaluatedOn: string;
  criteria: GridCriterion[];
}

/** A grid that cannot be read as 106 well-formed rows: the statement then shows no figures. */
export class RgaaGridError extends Error {
  override name = "RgaaGridError";
}

const CRITERIA = "Critères";
const PLAN = "Non-conformités connues et plan";
const ROW = /^\|\s*\d{1,2}\.\d{1,2}\s*\|/;
const DATE = /^Date de l'évaluation\s*:\s*(\d{4}-\d{2}-\d{2})\s*$/m;
// The result column: C, NC or NV for an applicable criterion, « — » for a criterion not applicable.
const RESULTS: Record<string, CriterionResult> = { C: "C", NC: "NC", NV: "NV" };

/**
 * Parses the grid's Markdown: in its « ## Critères » section, one table row per criterion, all 106 in
 * order (`| 1.1 | title | oui | C | evidence |`, or `| 2.1 | title | N/A : why | — | evidence |`); in its
 * « ## Non-conformités connues et plan » section, one row per non-conform criterion (`| 7.5 | problem |
 * plan |`). Throws RgaaGridError naming the first problem, so a typo never turns into a wrong figure.
 */
export function parseRgaaGrid(markdown: string): RgaaGrid {
  const date = DATE.exec(markdown)?.[1];
  if (!date || !isCalendarDate(date))
    throw new RgaaGridError(
      "La ligne « Date de l'évaluation : AAAA-MM-JJ » manque ou n'est pas une date.",
    );
  const criteria = tableRows(markdown, CRITERIA).map(parseCriterion);
  const expected = RGAA_THEME_SIZES.flatMap((size, theme) =>
    Array.from({ length: size }, (_, i) => `${theme + 1}.${i + 1}`),
  );
  expected.forEach((number, index) => {
    const found = criteria[index]?.number;
    if (found !== number)
      throw new RgaaGridError(
        `Critère ${number} attendu à la ligne ${index + 1} du tableau, ${found ? `trouvé ${found}` : "absent"}.`,
      );
  });
  if (criteria.length !== expected.length)
    throw new RgaaGridError(
      `${criteria.length} critères dans le tableau, ${expected.length} attendus.`,
    );
  addProblems(criteria, tableRows(markdown, PLAN));
  return { evaluatedOn: date, criteria };
}

// `2026-02-31` parses (as 3 March): a real date reads back the same.
function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}

// Only the rows of the section's table that name a criterion (not its header).
function tableRows(markdown: string, heading: string): string[][] {
  const lines = sectionLines(markdown, heading);
  if (!lines) throw new RgaaGridError(`La section « ## ${heading} » manque.`);
  return lines.filter((line) => ROW.test(line)).map(rowCells);
}

function parseCriterion(cells: string[]): GridCriterion {
  const [number, title, applicable, result, evidence] = cells;
  const where = `Critère ${number}`;
  if (cells.length !== 5)
    throw new RgaaGridError(
      `${where} : 5 colonnes attendues, ${cells.length} trouvées.`,
    );
  if (!title || !evidence)
    throw new RgaaGridError(
      `${where} : l'intitulé et la preuve sont obligatoires.`,
    );
  if (/^oui$/i.test(applicable!)) {
    const known = RESULTS[result!];
    if (!known)
      throw new RgaaGridError(
        `${where} : résultat « ${result} » ; C, NC ou NV attendu pour un critère applicable.`,
      );
    return { number: number!, title, result: known, evidence };
  }
  if (/^N\/A\b/.test(applicable!)) {
    if (result !== "—")
      throw new RgaaGridError(
        `${where} : un critère non applicable a « — » pour résultat.`,
      );
    return { number: number!, title, result: "NA", evidence };
  }
  throw new RgaaGridError(
    `${where} : colonne « Applicable » : « oui » ou « N/A : raison » attendu.`,
  );
}

// Every non-conformity has its problem and plan, and the plan names non-conform criteria only.
function addProblems(criteria: GridCriterion[], plan: string[][]) {
  for (const [number, problem, remedy] of plan) {
    const criterion = criteria.find((c) => c.number === number);
    if (criterion?.result !== "NC")
      throw new RgaaGridError(
        `Plan : le critère ${number} n'est pas non conforme dans la grille.`,
      );
    if (!problem || !remedy)
      throw new RgaaGridError(
        `Plan : le critère ${number} a besoin d'un problème et d'un plan.`,
      );
    criterion.problem = problem;
  }
  const missing = criteria.find((c) => c.result === "NC" && !c.problem);
  if (missing)
    throw new RgaaGridError(
      `Plan : le critère ${missing.number}, non conforme, n'a pas de ligne.`,
    );
}
