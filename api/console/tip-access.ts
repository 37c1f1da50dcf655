import type { ConsoleUser } from "./api-client.ts";

/** Whether an account may write tips: admins always, agents when an admin allowed it, referents never. */
export function canEditTips(user: ConsoleUser): boolean {
  return (
    user.role === "admin" ||
    (user.role === "agent" && user.canEditTips === true)
  );
}
