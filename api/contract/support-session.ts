import * as z from "zod/mini";
import type { CheckOf } from "./checks.ts";

// The console's session (`/support/api/session`): who works in the console and how they sign in.

/** Who works in the support console. */
export const SUPPORT_ROLES = ["admin", "agent", "referent"] as const;
export type SupportRole = (typeof SUPPORT_ROLES)[number];

/** `POST /support/api/session`. Any shape error reads as wrong credentials (nothing hints at accounts). */
export const LoginSchema = z.strictObject({
  email: z
    .string()
    .check(z.minLength(1, "Saisissez votre adresse e-mail."), z.maxLength(254)),
  password: z
    .string()
    .check(z.minLength(1, "Saisissez votre mot de passe."), z.maxLength(200)),
});

/** The signed-in account as the session answers it (`{ user }`): no password hash, no disabled flag. */
export interface ConsoleUser {
  id: number;
  email: string;
  displayName: string;
  role: SupportRole;
  /** Département codes as strings (`75`, `2A`, `974`); empty for admins and agents. */
  departments: string[];
  /** May write tips (issue 5): the server decides (admins always, agents once an admin allowed it). */
  canEditTips: boolean;
}

/** The console's check of a session answer before it trusts it. */
export const SessionAnswerCheck = z.object({
  user: z.object({
    id: z.number(),
    displayName: z.string(),
    role: z.enum(SUPPORT_ROLES),
    departments: z.array(z.string()),
  }),
});

// Compile-time tie between the check and the answer's type (checks.ts).
export type SessionChecks = CheckOf<
  typeof SessionAnswerCheck,
  { user: ConsoleUser }
>;
