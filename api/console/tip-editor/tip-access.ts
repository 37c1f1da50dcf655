import type { ConsoleUser } from "../client/api-client.ts";

// Whether an account may write tips is the server's `user.canEditTips`, used as is: never derived here.

/** « Ancres cassées » is for the national team, like its API: admins and every agent, referents never. */
export function canSeeBrokenAnchors(user: ConsoleUser): boolean {
  return user.role !== "referent";
}

/** « Réponses types » are written by admins and by the agents allowed to write tips (issue 10); read by all. */
export function canWriteReplyTemplates(user: ConsoleUser): boolean {
  return user.role === "admin" || user.canEditTips;
}
