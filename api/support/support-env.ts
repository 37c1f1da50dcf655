import type { AppEnv } from "../app-env.ts";
import type { Scope, SupportUser } from "../store/support-types.ts";
import { scopeOfAccount } from "../store/support-rules.ts";
import { canEditTips } from "./tip-permissions.ts";

/** Context values of an authenticated console call. */
export type SupportEnv = {
  Variables: AppEnv["Variables"] & {
    user: SupportUser;
    scope: Scope;
    sessionHash: string;
  };
};

/** What an account may see: everything for admins and agents, its départements for a referent. */
export function scopeOf(user: SupportUser): Scope {
  return scopeOfAccount(user);
}

/** The account as the console sees it (no password hash); `canEditTips` is what it may do, admins included. */
export function publicUser(user: SupportUser) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    departments: user.departments,
    canEditTips: canEditTips(user),
  };
}
