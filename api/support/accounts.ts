import { DEPARTMENT_RE } from "../contract/request-rules.ts";
import {
  SUPPORT_ROLES,
  type SupportRole,
  type SupportStore,
  type SupportUser,
} from "../store/support-types.ts";
import { hashPassword, passwordProblem } from "./passwords.ts";
import { regionDepartments } from "./regions.ts";

/** A mistake in an account command, with a French message for the person typing it. */
export class AccountError extends Error {}

export interface AccountInput {
  email: string;
  role: string;
  displayName?: string;
  /** Comma-separated département codes (`75,92`). */
  departments?: string;
  /** A région name: its départements are added (a regional referent). */
  region?: string;
  password: string;
}

/** Checks and normalises an account, then creates it with a hashed password. */
export async function createAccount(
  store: SupportStore,
  input: AccountInput,
  now: Date,
): Promise<SupportUser> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AccountError("Adresse e-mail invalide.");
  if (!(SUPPORT_ROLES as readonly string[]).includes(input.role)) {
    throw new AccountError(
      `Rôle inconnu : choisissez ${SUPPORT_ROLES.join(", ")}.`,
    );
  }
  const role = input.role as SupportRole;
  const departments = new Set(
    (input.departments ?? "")
      .split(",")
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean),
  );
  if (input.region) {
    const region = regionDepartments(input.region);
    if (!region) throw new AccountError(`Région inconnue : ${input.region}.`);
    region.forEach((code) => departments.add(code));
  }
  for (const code of departments) {
    if (!DEPARTMENT_RE.test(code))
      throw new AccountError(
        `Département invalide : ${code} (ex. 75, 2A, 974).`,
      );
  }
  if (role === "referent" && departments.size === 0) {
    throw new AccountError(
      "Un référent doit avoir au moins un département (--departments ou --region).",
    );
  }
  if (role !== "referent" && departments.size > 0) {
    throw new AccountError(
      "Seuls les référents ont des départements : les agents et administrateurs voient tout.",
    );
  }
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountError(problem);
  return store.createUser(
    {
      email,
      role,
      displayName: input.displayName?.trim() || email.split("@")[0]!,
      departments: [...departments].sort(),
      passwordHash: await hashPassword(input.password),
    },
    now,
  );
}
