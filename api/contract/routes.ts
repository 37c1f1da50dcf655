import type { Platform } from "./platforms.ts";
import { isSecretKey, isSecretPathWord } from "./redact.ts";

/**
 * Route patterns of each platform, as the real apps declare them (SNU-DOMAIN.md, "Pages").
 * A route tag is one of these texts; the order does not matter (static segments win, see route-tag.ts).
 */
export const ROUTE_PATTERNS: Record<Platform, readonly string[]> = {
  moncompte: [
    "/",
    "/preinscription/:step",
    "/inscription/:step",
    "/inscription/correction/:step",
    "/reinscription/:step",
    "/representants-legaux/:step",
    "/phase1",
    "/changer-de-sejour",
    "/phase2",
    "/mission",
    "/mission/:id",
    "/candidature",
    "/phase2/equivalence",
    "/validate-contract",
    "/phase3",
    "/account/:tab",
    "/echanges",
    "/besoin-d-aide",
    "/auth",
  ],
  admin: [
    "/dashboard",
    "/inscription",
    "/volontaire",
    "/volontaire/:id",
    "/volontaire/:id/phase1",
    "/volontaire/:id/phase2",
    "/centre",
    "/centre/:id/:sessionId/:tab",
    "/ligne-de-bus/:id",
    "/mission",
    "/mission/:id",
    "/structure/:id",
    "/user/:id",
    "/classes/:id",
    "/besoin-d-aide",
  ],
};

/**
 * Known values of non-id parameters, where SNU-DOMAIN.md lists them: platform → pattern → param → values.
 * For documentation, tests and the demo only: matching accepts any value.
 */
export const ROUTE_PARAM_VALUES: Record<
  Platform,
  Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>
> = {
  moncompte: {
    "/inscription/:step": {
      step: [
        "coordonnee",
        "consentement",
        "representants",
        "documents",
        "televersement",
        "confirm",
      ],
    },
  },
  admin: {
    "/centre/:id/:sessionId/:tab": {
      tab: ["general", "tableau-de-pointage", "fiche-sanitaire"],
    },
  },
};

/** What a non-id parameter value must look like to travel in `routeParams` or be targeted by a tip. */
export const ROUTE_PARAM_VALUE_RE = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,59}$/;

/** Whether a parameter holds an identifier (`id`, `sessionId`…): its value never leaves the browser. */
export function isIdParam(name: string): boolean {
  return name === "id" || name.endsWith("Id");
}

/**
 * Whether the value of the pattern part `parts[i]` may travel in `routeParams`: a parameter that is not an
 * id, not named like a secret (`:token`, `:code`), and not right after a secret path word (`/reset/:step`).
 */
export function isValueParam(parts: readonly string[], i: number): boolean {
  const name = parts[i]!.slice(1);
  return (
    parts[i]![0] === ":" &&
    !isIdParam(name) &&
    !isSecretKey(name) &&
    !isSecretPathWord(parts[i - 1])
  );
}

/** Names of a pattern's parameters, in order (`/centre/:id/:sessionId/:tab` → id, sessionId, tab). */
export function routeParamNames(pattern: string): string[] {
  if (typeof pattern !== "string") return [];
  return pattern
    .split("/")
    .filter((segment) => segment.length > 1 && segment.startsWith(":"))
    .map((segment) => segment.slice(1));
}

/** Whether a pattern belongs to a platform's table (exact text). */
export function isKnownRoute(platform: Platform, pattern: string): boolean {
  // hasOwn: `platform` may come from untrusted input ("constructor", "__proto__").
  return (
    Object.hasOwn(ROUTE_PATTERNS, platform) &&
    ROUTE_PATTERNS[platform].includes(pattern)
  );
}
