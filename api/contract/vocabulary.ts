// The SNU vocabulary as plain constants, without zod: the widget bundles these, the schemas in
// platforms.ts are built on them.

/** The two SNU web platforms a page can belong to. */
export const PLATFORMS = ["moncompte", "admin"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** User roles as the SNU code names them (packages/lib). A parent on a token page has none. */
export const ROLES = [
  "young",
  "admin",
  "referent_department",
  "referent_region",
  "head_center",
  "head_center_adjoint",
  "referent_sanitaire",
  "responsible",
  "supervisor",
  "visitor",
  "transporter",
  "administrateur_cle",
  "referent_classe",
] as const;
export type Role = (typeof ROLES)[number];

/** Case and phase statuses a tip may target (young people's file). */
export const YOUNG_STATUSES = [
  "IN_PROGRESS",
  "WAITING_VALIDATION",
  "WAITING_CORRECTION",
  "VALIDATED",
  "WAITING_LIST",
  "REFUSED",
  "WITHDRAWN",
  "ABANDONED",
  "NOT_ELIGIBLE",
  "WAITING_AFFECTATION",
  "AFFECTED",
  "EXEMPTED",
  "DONE",
  "NOT_DONE",
] as const;
export type YoungStatus = (typeof YOUNG_STATUSES)[number];
