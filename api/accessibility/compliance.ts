import type { GridCriterion, RgaaGrid } from "./rgaa-grid.ts";

/** The three states a statement may declare (RGAA, « état de conformité »). */
export type ComplianceStatus =
  "totalement conforme" | "partiellement conforme" | "non conforme";

export interface ComplianceTotals {
  applicable: number;
  conform: number;
  nonConform: number;
  notVerified: number;
  notApplicable: number;
  /** Conform ÷ applicable, in percent rounded down: 49.6 % is shown 49 %, as « non conforme » says. */
  ratePercent: number;
  status: ComplianceStatus;
}

/**
 * The statement's figures from the grid. The rate is conform criteria over applicable criteria; a criterion
 * not verified counts as not met. RGAA: totally conform when every applicable criterion is met, partially
 * when at least half are, not conform below half.
 */
export function complianceTotals(grid: RgaaGrid): ComplianceTotals {
  const count = (result: GridCriterion["result"]) =>
    grid.criteria.filter((criterion) => criterion.result === result).length;
  const conform = count("C");
  const nonConform = count("NC");
  const notVerified = count("NV");
  const applicable = conform + nonConform + notVerified;
  return {
    applicable,
    conform,
    nonConform,
    notVerified,
    notApplicable: count("NA"),
    ratePercent:
      applicable === 0 ? 0 : Math.floor((conform * 100) / applicable),
    status:
      applicable > 0 && conform === applicable
        ? "totalement conforme"
        : applicable > 0 && conform * 2 >= applicable
          ? "partiellement conforme"
          : "non conforme",
  };
}
