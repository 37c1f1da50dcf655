import type { AppEnv } from "../app-env.ts";
import type { Scope, SupportUser } from "../store/support-types.ts";
import { scopeOfAccount } from "../store/support-rules.ts";

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
