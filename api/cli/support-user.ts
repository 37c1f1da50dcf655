import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../config.ts";
import { DatabaseOpenError, openStore } from "../server/open-store.ts";
import type { AppStore } from "../store/app-store.ts";
import type { SupportUser } from "../store/support-types.ts";
import { AccountError, createAccount } from "../support/accounts.ts";
import {
  generatePassword,
  hashPassword,
  passwordProblem,
} from "../support/passwords.ts";
import { readStdin } from "./read-stdin.ts";

// `npm run support:user -- <command> [options]`: manages console accounts without the UI.
const USAGE = `Usage : npm run support:user -- <commande> [options]
  create --email <e-mail> --role admin|agent|referent [--departments 75,92] [--region "Île-de-France"]
         [--name "Prénom Nom"] [--password-stdin]
  list
  disable --email <e-mail>
  allow-tips --email <e-mail>   (un agent peut modifier les astuces)
  deny-tips --email <e-mail>
  reset-password --email <e-mail> [--password-stdin]
Sans --password-stdin, un mot de passe est généré et affiché une seule fois.`;

function describe(user: SupportUser): string {
  const scope =
    user.role === "referent"
      ? ` départements ${user.departments.join(",")}`
      : "";
  const tips = user.role === "agent" && user.canEditTips ? " — astuces" : "";
  return `#${user.id} ${user.email} (${user.displayName}) — ${user.role}${scope}${tips}${user.disabled ? " — désactivé" : ""}`;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      departments: { type: "string" },
      region: { type: "string" },
      name: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  let store: AppStore;
  try {
    ({ store } = await openStore(parseConfig(process.env)));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseOpenError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const password = async () => {
    if (!values["password-stdin"])
      return { value: generatePassword(), generated: true };
    return { value: await readStdin(), generated: false };
  };
  const findByEmail = async () => {
    if (!values.email) throw new AccountError("--email est obligatoire.");
    const user = await store.findUserByEmail(values.email.trim().toLowerCase());
    if (!user) throw new AccountError(`Aucun compte pour ${values.email}.`);
    return user;
  };
  try {
    switch (positionals[0]) {
      case "create": {
        if (!values.email || !values.role)
          throw new AccountError("--email et --role sont obligatoires.");
        const secret = await password();
        const user = await createAccount(
          store,
          {
            email: values.email,
            role: values.role,
            ...(values.name ? { displayName: values.name } : {}),
            ...(values.departments ? { departments: values.departments } : {}),
            ...(values.region ? { region: values.region } : {}),
            password: secret.value,
          },
          new Date(),
        );
        console.log(`Compte créé : ${describe(user)}`);
        if (secret.generated)
          console.log(
            `Mot de passe (à transmettre de façon sûre) : ${secret.value}`,
          );
        return 0;
      }
      case "list": {
        const users = await store.listUsers();
        console.log(
          users.length ? users.map(describe).join("\n") : "Aucun compte.",
        );
        return 0;
      }
      case "disable": {
        const user = await findByEmail();
        await store.updateUser(user.id, { disabled: true });
        await store.deleteUserSessions(user.id);
        console.log(`Compte désactivé, sessions fermées : ${user.email}`);
        return 0;
      }
      case "allow-tips":
      case "deny-tips": {
        const user = await findByEmail();
        // Admins always may and referents never may: only an agent's permission is a choice.
        if (user.role !== "agent")
          throw new AccountError(
            user.role === "admin"
              ? "Un administrateur peut toujours modifier les astuces."
              : "Un référent ne peut pas modifier les astuces.",
          );
        const allow = positionals[0] === "allow-tips";
        await store.updateUser(user.id, { canEditTips: allow });
        console.log(
          `${allow ? "Peut désormais modifier" : "Ne peut plus modifier"} les astuces : ${user.email}`,
        );
        return 0;
      }
      case "reset-password": {
        const user = await findByEmail();
        const secret = await password();
        const problem = passwordProblem(secret.value);
        if (problem) throw new AccountError(problem);
        await store.updateUser(user.id, {
          passwordHash: await hashPassword(secret.value),
        });
        await store.deleteUserSessions(user.id);
        console.log(`Mot de passe changé, sessions fermées : ${user.email}`);
        if (secret.generated)
          console.log(
            `Nouveau mot de passe (à transmettre de façon sûre) : ${secret.value}`,
          );
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof AccountError || error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof Error && error.name === "DuplicateEmailError") {
      console.error("Un compte existe déjà avec cette adresse e-mail.");
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
