import { tagRoute, type RouteTag } from "../../contract/route-tag.ts";
import {
  isIdParam,
  isKnownRoute,
  ROUTE_PARAM_VALUE_RE,
  ROUTE_PARAM_VALUES,
  routeParamNames,
} from "../../contract/routes.ts";
import { PLATFORMS, type Platform } from "../../contract/vocabulary.ts";

// The editor's route check, computed in the browser from the same tables the widget and the server use
// (routes.ts, route-tag.ts): no request, so it answers while the author types.

/** What one line of « Routes » means. */
export interface RouteLineCheck {
  line: string;
  known: boolean;
  /** For an unknown line: the pattern an address like it belongs to, or the platform that has it. */
  hint?: string;
  /** A few concrete addresses of pages the tip covers on this route. */
  examples: string[];
  /** One sentence per parameter: which values the tip covers. */
  params: string[];
}

/** Stands for an id in example addresses (the shape of a MongoDB ObjectId, which SNU uses). */
const SAMPLE_ID = "64f1c2a9e4b0d1a2b3c4d5e6";
const MAX_EXAMPLES = 6;

/** Checks every route line against the platform's table and the tip's parameter targets. */
export function checkRoutes(
  platform: Platform,
  routes: readonly string[],
  params: Readonly<Record<string, readonly string[]>>,
): RouteLineCheck[] {
  return routes.map((line) => {
    if (!isKnownRoute(platform, line))
      return {
        line,
        known: false,
        examples: [],
        params: [],
        hint: hintOf(platform, line),
      };
    const names = routeParamNames(line);
    const choices = names.map((name) => valuesOf(platform, line, name, params));
    return {
      line,
      known: true,
      examples: examplesOf(
        line,
        choices.map((c) => c.examples),
      ),
      params: choices.map((c) => c.sentence),
    };
  });
}

function hintOf(platform: Platform, line: string): string {
  const other = PLATFORMS.find((p) => p !== platform && isKnownRoute(p, line));
  if (other) return `Cette route existe sur ${other}, pas sur ${platform}.`;
  const tag = tagRoute(platform, line);
  if (tag.route !== line && isKnownRoute(platform, tag.route))
    return `Cette adresse est une page « ${tag.route} » : écrivez le modèle, pas l'adresse.`;
  return `Aucune page de ${platform} n'a ce modèle. Les modèles connus sont listés dans api/contract/routes.ts.`;
}

function valuesOf(
  platform: Platform,
  pattern: string,
  name: string,
  params: Readonly<Record<string, readonly string[]>>,
): { examples: string[]; sentence: string } {
  if (isIdParam(name))
    return {
      examples: [SAMPLE_ID],
      sentence: `« ${name} » est un identifiant : l'astuce s'affiche quel qu'il soit.`,
    };
  const known = ROUTE_PARAM_VALUES[platform][pattern]?.[name] ?? [];
  const chosen = Object.hasOwn(params, name) ? params[name]! : undefined;
  if (chosen) {
    const unknown = chosen.filter(
      (v) => known.length > 0 && !known.includes(v),
    );
    return {
      examples: [...chosen],
      sentence:
        `« ${name} » : seulement ${chosen.join(", ")}.` +
        (unknown.length > 0
          ? ` Attention, ${unknown.join(", ")} ne fait pas partie des valeurs connues (${known.join(", ")}).`
          : ""),
    };
  }
  return known.length > 0
    ? {
        examples: [...known],
        sentence: `« ${name} » : toutes les valeurs (connues : ${known.join(", ")}).`,
      }
    : { examples: ["…"], sentence: `« ${name} » : toutes les valeurs.` };
}

function examplesOf(pattern: string, choices: string[][]): string[] {
  let paths = [""];
  let index = 0;
  for (const part of pattern.split("/").slice(1)) {
    const values = part.startsWith(":") ? choices[index++]! : [part];
    paths = paths
      .flatMap((path) => values.map((value) => `${path}/${value}`))
      .slice(0, MAX_EXAMPLES);
  }
  return paths.map((path) => path || "/");
}

/** Problems of the parameter targets against the routes (the server refuses the same). */
export function paramProblems(
  routes: readonly string[],
  params: Readonly<Record<string, readonly string[]>>,
): string[] {
  const problems: string[] = [];
  for (const [name, values] of Object.entries(params)) {
    if (isIdParam(name)) {
      problems.push(
        `« ${name} » est un identifiant : il ne peut pas être ciblé.`,
      );
      continue;
    }
    for (const route of routes)
      if (!routeParamNames(route).includes(name))
        problems.push(
          `La route « ${route} » n'a pas de paramètre « ${name} ».`,
        );
    const bad = values.filter((v) => !ROUTE_PARAM_VALUE_RE.test(v));
    if (bad.length > 0)
      problems.push(
        `Valeur invalide pour « ${name} » : ${bad.join(", ")} (lettres, chiffres et tirets).`,
      );
  }
  return problems;
}

/** Whether the tip would show on an address, and why (roles, statuses and dates are said apart). */
export function testAddress(
  tip: {
    platform: Platform;
    routes: readonly string[];
    params: Readonly<Record<string, readonly string[]>>;
  },
  address: string,
): { tag: RouteTag; shows: boolean; reason: string } {
  const tag = tagRoute(tip.platform, address.trim());
  const values = Object.entries(tag.routeParams ?? {})
    .map(([name, value]) => `${name} = ${value}`)
    .join(", ");
  const page = `« ${tag.route} »${values ? ` (${values})` : ""}`;
  if (!isKnownRoute(tip.platform, tag.route))
    return {
      tag,
      shows: false,
      reason: `Cette adresse ne correspond à aucune page connue de ${tip.platform} (${page}).`,
    };
  if (!tip.routes.includes(tag.route))
    return {
      tag,
      shows: false,
      reason: `Cette adresse est la page ${page}, que l'astuce ne vise pas.`,
    };
  // Same rule as the API (select-tips.ts): a targeted parameter must be present with an allowed value.
  const missed = Object.entries(tip.params).find(
    ([name, allowed]) => !allowed.includes(tag.routeParams?.[name] ?? ""),
  );
  if (missed)
    return {
      tag,
      shows: false,
      reason: `Cette adresse est la page ${page}, mais l'astuce ne vise que ${missed[0]} = ${missed[1].join(", ")}.`,
    };
  return {
    tag,
    shows: true,
    reason: `L'astuce s'affiche sur cette page ${page}.`,
  };
}
