import { scryptSync } from "node:crypto";
import type { ConsoleUser } from "../../../api/console/client/api-client.ts";
import type { RequestContext } from "../../../api/contract/request.ts";
import type { ReplyTemplate } from "../../../api/store/conversation-types.ts";
import type { NewRequest } from "../../../api/store/store.ts";
import { makeNewRequest } from "../factories.ts";

/** The console API as the tests' window sees it (same origin as the page, like in production). */
export const apiUrl = (path: string) =>
  `${window.location.origin}/support/api${path}`;

/** « Now » for every console test, the console's and the API's: ages and periods are computed from it. */
export const NOW = new Date("2026-03-02T12:00:00.000Z");

/** The password of every account below. */
export const PASSWORD = "correct horse battery";

/**
 * `PASSWORD` hashed as passwords.ts stores it (`scrypt$N$r$p$salt$key`), at a cost of 2^10 instead of 2^15:
 * the parameters travel with the hash, so the real `verifyPassword` checks it in ~3 ms instead of ~300.
 */
export const PASSWORD_HASH = (() => {
  const [n, r, p] = [1024, 8, 1];
  const salt = Buffer.alloc(16, 7);
  const key = scryptSync(PASSWORD.normalize("NFC"), salt, 32, { N: n, r, p });
  return ["scrypt", n, r, p, salt.toString("base64url")]
    .concat(key.toString("base64url"))
    .join("$");
})();

/** A national support agent (sees everything). */
export const AGENT: ConsoleUser = {
  id: 1,
  email: "claire.dubois@snu.gouv.fr",
  displayName: "Claire Dubois",
  role: "agent",
  departments: [],
  canEditTips: false,
};

/** A departmental referent of Paris and Hauts-de-Seine. */
export const REFERENT: ConsoleUser = {
  id: 2,
  email: "karim.benali@snu.gouv.fr",
  displayName: "Karim Benali",
  role: "referent",
  departments: ["75", "92"],
  canEditTips: false,
};

/** Another national agent. */
export const COLLEAGUE: ConsoleUser = {
  id: 3,
  email: "sophie.laurent@snu.gouv.fr",
  displayName: "Sophie Laurent",
  role: "agent",
  departments: [],
  canEditTips: false,
};

/** A national admin: may write tips and choose which agents may. */
export const ADMIN: ConsoleUser = {
  id: 4,
  email: "nadia.admin@snu.gouv.fr",
  displayName: "Nadia Admin",
  role: "admin",
  departments: [],
  canEditTips: true,
};

/** The agent once an admin allowed her to write tips. */
export const WRITER: ConsoleUser = { ...AGENT, canEditTips: true };

/** The accounts every test's store holds, in the order it numbers them. */
export const ACCOUNTS = [AGENT, REFERENT, COLLEAGUE, ADMIN];

/** The reference of the request most tests open: the first one a test stores. */
export const REFERENCE = "SNU-2026-000001";

/** Where a request was sent from, in the inbox's words. */
export interface RequestOrigin {
  platform?: RequestContext["platform"];
  route?: string;
  role?: NonNullable<RequestContext["identity"]>["role"];
  department?: string;
}

/**
 * The widget's usual request (tests/support/factories.ts) as the console shows it: a young person of Paris
 * who cannot upload a document, with a correction asked and host context.
 */
export function makeRequest({
  platform,
  route,
  role,
  department,
  ...overrides
}: Partial<NewRequest> & RequestOrigin = {}): NewRequest {
  const { context, ...base } = makeNewRequest({
    message:
      "Bonjour,\nJe n'arrive pas à téléverser ma carte d'identité.\nLe bouton reste grisé.",
  });
  const identity = {
    ...context.identity!,
    status: "WAITING_CORRECTION" as const,
    ...(role ? { role } : {}),
    ...(department ? { department } : {}),
  };
  return {
    ...base,
    context: {
      ...context,
      ...(platform ? { platform } : {}),
      ...(route ? { route } : {}),
      identity,
      custom: { etape: "pièce d'identité", essais: 3 },
    },
    ...overrides,
  };
}

/** A reply template (« Réponses types »); the store numbers them in the order they are created. */
export function makeTemplate(
  overrides: Partial<ReplyTemplate> = {},
): ReplyTemplate {
  return {
    id: 1,
    title: "Téléversement : format du document",
    text: "Bonjour,\nPour votre demande {reference} sur la page {page}, envoyez un PDF ou une photo nette.",
    category: "TECHNICAL",
    subject: "UPLOAD",
    updatedAt: "2026-03-01T10:00:00.000Z",
    ...overrides,
  };
}
