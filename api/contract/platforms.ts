import * as z from "zod/mini";
import { PLATFORMS, ROLES, YOUNG_STATUSES } from "./vocabulary.ts";

export * from "./vocabulary.ts";

export const PlatformSchema = z.enum(PLATFORMS, {
  error: "La plateforme doit être « moncompte » ou « admin ».",
});

export const RoleSchema = z.enum(ROLES, { error: "Rôle inconnu." });

export const YoungStatusSchema = z.enum(YOUNG_STATUSES, {
  error: "Statut inconnu.",
});
