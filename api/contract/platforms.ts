import * as z from "zod/mini";

/** The two SNU web platforms a page can belong to. */
export const PLATFORMS = ["moncompte", "admin"] as const;
export const PlatformSchema = z.enum(PLATFORMS, {
  error: "La plateforme doit être « moncompte » ou « admin ».",
});
export type Platform = z.infer<typeof PlatformSchema>;

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
export const RoleSchema = z.enum(ROLES, { error: "Rôle inconnu." });
export type Role = z.infer<typeof RoleSchema>;

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
export const YoungStatusSchema = z.enum(YOUNG_STATUSES, {
  error: "Statut inconnu.",
});
export type YoungStatus = z.infer<typeof YoungStatusSchema>;
