import type { SupportStore } from "../store/support-types.ts";
import { createAccount } from "./accounts.ts";
import { generatePassword } from "./passwords.ts";

const DEMO_ACCOUNTS = [
  { email: "admin@demo.snu-aide.fr", role: "admin", displayName: "Alex Admin" },
  {
    email: "agent@demo.snu-aide.fr",
    role: "agent",
    displayName: "Sacha Support",
  },
  {
    email: "referent75@demo.snu-aide.fr",
    role: "referent",
    displayName: "Camille Référente (75)",
    departments: "75",
  },
  {
    email: "referent13@demo.snu-aide.fr",
    role: "referent",
    displayName: "Dominique Référent (13)",
    departments: "13",
  },
] as const;

/**
 * With DEMO=true and no account yet, creates demo accounts with fresh random passwords and returns the lines
 * to print once. Never runs in production (DEMO=false), and never twice on the same data.
 */
export async function createDemoAccounts(
  store: SupportStore,
  now: Date,
): Promise<string[]> {
  if ((await store.listUsers()).length > 0) return [];
  const lines = ["Comptes de démonstration de la console (/support/) :"];
  for (const account of DEMO_ACCOUNTS) {
    const password = generatePassword();
    await createAccount(store, { ...account, password }, now);
    lines.push(`  ${account.email} / ${password} (${account.role})`);
  }
  return lines;
}
