import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { complianceTotals, type ComplianceTotals } from "./compliance.ts";
import { parseRgaaGrid, RgaaGridError, type RgaaGrid } from "./rgaa-grid.ts";

/**
 * The grid in the repository, found from this file (not from the working directory), so `npm start` serves
 * it wherever it is launched from. A deployment without `tests/` has no grid: the statement says so.
 */
export function repositoryGridFile(): string | undefined {
  const url = new URL("../../tests/a11y/rgaa.md", import.meta.url);
  // Not a file when this module is loaded some other way (a DOM test environment, a bundle served over http).
  return url.protocol === "file:" ? fileURLToPath(url) : undefined;
}

/** The grid and its totals, or why there are none: `reason` for the statement, `detail` for the log. */
export type LoadedGrid =
  | { ok: true; grid: RgaaGrid; totals: ComplianceTotals }
  | { ok: false; reason: string; detail: string };

/** Reads and parses the grid; a missing or malformed grid becomes `{ok: false}` instead of an error. */
export function loadRgaaGrid(
  file: string | undefined = repositoryGridFile(),
): LoadedGrid {
  if (file === undefined) return unreadable("NO_FILE");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return unreadable((error as NodeJS.ErrnoException).code ?? "READ_FAILED");
  }
  try {
    const grid = parseRgaaGrid(text);
    return { ok: true, grid, totals: complianceTotals(grid) };
  } catch (error) {
    if (!(error instanceof RgaaGridError)) throw error;
    return {
      ok: false,
      reason:
        "la grille d'évaluation est mal formée, ses résultats ne peuvent pas être repris.",
      detail: error.message,
    };
  }
}

const unreadable = (detail: string): LoadedGrid => ({
  ok: false,
  reason: "la grille d'évaluation n'a pas pu être lue sur ce serveur.",
  detail,
});
