import * as z from "zod/mini";
import type { CheckOf } from "./checks.ts";
import type { SupportRole } from "./support-session.ts";

// `/support/api/users`: the colleagues a request may be assigned to, and the admins' tips switch.

/** A colleague as lists show it: never an e-mail address. */
export interface Colleague {
  id: number;
  displayName: string;
  role: SupportRole;
  /** Whether the account may write tips (issue 5). */
  canEditTips?: boolean;
  /** A referent's départements (those the viewer shares, for a referent viewer); absent: sees every request. */
  departments?: string[];
}

/** `PATCH /support/api/users/:id`: an admin lets an agent write tips, or not. */
export const UserPatchSchema = z.strictObject({
  canEditTips: z.boolean({ error: "Indiquez oui (true) ou non (false)." }),
});

/** The console's check of `GET /users` (`{ users }`) and of a PATCH answer (`{ user }`). */
export const UsersAnswerCheck = z.object({
  users: z.array(z.object({ id: z.number(), displayName: z.string() })),
});
export const UserAnswerCheck = z.object({
  user: z.object({ id: z.number(), displayName: z.string() }),
});

// Compile-time ties between the checks and the answers' types (checks.ts).
export type UserChecks = [
  CheckOf<typeof UsersAnswerCheck, { users: Colleague[] }>,
  CheckOf<typeof UserAnswerCheck, { user: Colleague }>,
];
