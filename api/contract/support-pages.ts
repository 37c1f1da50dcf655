import * as z from "zod/mini";
import type { CheckOf } from "./checks.ts";
import type { Platform } from "./vocabulary.ts";

// `GET /support/api/pages`: the « Par page » report.

/** One page (platform + route tag) over the period, with the previous period of the same length. */
export interface PageStat {
  platform: Platform;
  route: string;
  count: number;
  previousCount: number;
  /** The three most frequent categories in the period, most frequent first. */
  topCategories: { category: string; count: number }[];
}

/** The report of one period: `to` inclusive; the previous period ends where this one starts. */
export interface PageReport {
  from: string;
  to: string;
  previousFrom: string;
  pages: PageStat[];
}

/** The console's check of the report before it trusts it. */
export const PageReportCheck = z.object({
  from: z.string(),
  to: z.string(),
  pages: z.array(z.object({ route: z.string(), count: z.number() })),
});

// Compile-time tie between the check and the answer's type (checks.ts).
export type PageReportChecks = CheckOf<typeof PageReportCheck, PageReport>;
