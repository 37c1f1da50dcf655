import type * as z from "zod/mini";
// Same value rule as `GET /v1/tips`, so every allowed value can be asked for.
import {
  isIdParam,
  ROUTE_PARAM_VALUE_RE,
  routeParamNames,
} from "../contract/routes.ts";
import type { createFieldReader } from "./front-matter.ts";

// Field readers of a tip file's header that need more than the generic reader (load-tips.ts).

type Reader = ReturnType<typeof createFieldReader>;

/** Whether a parameter value has a capital letter: the widget lowercases values, so it would never match. */
export const hasUppercase = (value: string) => value !== value.toLowerCase();

// `step=documents|televersement; tab=general`: allowed values per non-id parameter of every route.
export function parseParams(
  { list, check }: Reader,
  routes: string[],
): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const part of list("params", ";")) {
    const equals = part.indexOf("=");
    const name = part.slice(0, equals).trim();
    check(
      "params",
      equals > 0 && /^[A-Za-z]\w*$/.test(name),
      `« ${part} » : « nom=valeur1|valeur2 » attendu.`,
    );
    check(
      "params",
      !Object.hasOwn(params, name),
      `le paramètre « ${name} » est répété.`,
    );
    // Id values never leave the browser (ARCHITECTURE §3), so a tip could never match them.
    check(
      "params",
      !isIdParam(name),
      `« ${name} » est un identifiant : il ne peut pas être ciblé.`,
    );
    for (const route of routes) {
      check(
        "params",
        routeParamNames(route).includes(name),
        `la route « ${route} » n'a pas de paramètre « ${name} ».`,
      );
    }
    const values = part
      .slice(equals + 1)
      .split("|")
      .map((item) => item.trim());
    const bad = values.find(
      (item, index) =>
        !ROUTE_PARAM_VALUE_RE.test(item) || values.indexOf(item) !== index,
    );
    check(
      "params",
      bad === undefined,
      `valeur « ${bad} » vide, invalide ou répétée pour « ${name} ».`,
    );
    // tagRoute (contract/route-tag.ts) lowercases the page's values before asking: « Documents » never matches.
    const upper = values.find(hasUppercase);
    check(
      "params",
      upper === undefined,
      `valeur « ${upper} » : écrivez-la en minuscules pour « ${name} ».`,
    );
    params[name] = values;
  }
  return params;
}

export function parseEnumList<T extends string>(
  { list, check }: Reader,
  key: string,
  schema: z.ZodMiniType<T>,
  what: string,
) {
  return list(key).map((item) => {
    const parsed = schema.safeParse(item);
    check(key, parsed.success, `${what} « ${item} » inconnu.`);
    return parsed.data as T;
  });
}

// zod/mini answers "Invalid input" unless the contract gave a French message.
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message !== "Invalid input") return issue.message;
  if (issue.code === "too_small" && issue.origin === "string")
    return `trop court (${issue.minimum} caractères au moins).`;
  if (issue.code === "too_big" && issue.origin === "string")
    return `trop long (${issue.maximum} caractères au plus).`;
  if (issue.code === "invalid_value")
    return `valeurs permises : ${issue.values.join(", ")}.`;
  return "valeur invalide.";
}
