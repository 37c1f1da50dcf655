import type { ConsoleUser } from "./api-client.ts";

// Whether an account may write tips is the server's `user.canEditTips`, used as is: never derived here.

/** « Ancres cassées » is for the national team, like its API: admins and every agent, referents never. */
export function canSeeBrokenAnchors(user: ConsoleUser): boolean {
  return user.role !== "referent";
}
