import type { MiddlewareHandler } from "hono";
import { ApiError } from "../api-error.ts";
import type { SupportUser } from "../store/support-types.ts";
import type { SupportEnv } from "./support-env.ts";

/** Admins always; an agent once an admin allowed it; referents never (issue 5). */
export function canEditTips(user: SupportUser): boolean {
  return user.role === "admin" || (user.role === "agent" && user.canEditTips);
}

/** Refuses (403) the console's tips endpoints to an account that may not edit tips. */
export function requireTipEditor(): MiddlewareHandler<SupportEnv> {
  return async function checkTipEditor(c, next) {
    if (!canEditTips(c.get("user")))
      throw new ApiError(
        "forbidden",
        "Votre compte ne permet pas de modifier les astuces. Demandez ce droit à un administrateur.",
      );
    return next();
  };
}

/** Refuses (403) referents: what concerns every département is for the national team. */
export function requireNationalTeam(): MiddlewareHandler<SupportEnv> {
  return async function checkNationalTeam(c, next) {
    if (c.get("user").role === "referent")
      throw new ApiError(
        "forbidden",
        "Cette page est réservée à l'équipe nationale (administrateurs et agents).",
      );
    return next();
  };
}

/** Refuses (403) everyone but admins. */
export function requireAdmin(): MiddlewareHandler<SupportEnv> {
  return async function checkAdmin(c, next) {
    if (c.get("user").role !== "admin")
      throw new ApiError(
        "forbidden",
        "Seul un administrateur peut faire cette modification.",
      );
    return next();
  };
}
