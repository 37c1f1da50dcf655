import { MAX_ERROR_DETAILS, type ErrorDetail } from "../contract/errors.ts";
import { toErrorDetails } from "../contract/issue-details.ts";
import {
  isIdParam,
  isKnownRoute,
  ROUTE_PARAM_VALUE_RE,
  routeParamNames,
} from "../contract/routes.ts";
import type { Tip, TipBlock, TipRecord } from "../contract/tip.ts";
import {
  canonicalTipSource,
  TipSourceSchema,
  type TipSource,
} from "../contract/tip-source.ts";
import { parseTipMarkdown, TipMarkdownError } from "./markdown.ts";
import { hasUppercase } from "./tip-file-fields.ts";

/**
 * Checks a tip source from the console with the rules of the tip files (load-tips.ts): known routes of
 * its platform, parameters of those routes with valid values, Markdown of the supported subset. Returns
 * the canonical source when there is no problem, and every problem (at most 20) in French otherwise.
 */
export function checkTipSource(value: unknown): {
  source?: TipSource;
  problems: ErrorDetail[];
} {
  const parsed = TipSourceSchema.safeParse(value);
  if (!parsed.success) {
    const { issues } = parsed.error;
    // The text's own problems too, so an author sees them all at once (unless its shape already failed).
    const text = issues.some((issue) => issue.path[0] === "markdown")
      ? []
      : markdownProblems(value);
    return {
      problems: [...toErrorDetails(issues), ...text].slice(
        0,
        MAX_ERROR_DETAILS,
      ),
    };
  }
  const source = canonicalTipSource(parsed.data);
  const problems = [...ruleProblems(source), ...markdownProblems(source)];
  return problems.length
    ? { problems: problems.slice(0, MAX_ERROR_DETAILS) }
    : { source, problems };
}

/** Compiles a checked source into what the catalog serves (body = node tree). */
export function compileTipSource(source: TipSource): TipRecord {
  return {
    id: source.id,
    platform: source.platform,
    routes: source.routes,
    params: source.params,
    roles: source.roles,
    statuses: source.statuses,
    title: source.title,
    body: parseTipMarkdown(source.markdown),
    ...(source.link === undefined ? {} : { link: source.link }),
    ...(source.anchor === undefined ? {} : { anchor: source.anchor }),
    priority: source.priority,
  };
}

/**
 * The tip as the widget would show it, from a source being typed: null until the text compiles. Fields
 * that are not valid yet are left out (or a placeholder id and an empty title), never guessed.
 */
export function previewTip(value: unknown): Tip | null {
  const partial = (typeof value === "object" && value) || {};
  const body = compileMarkdown((partial as { markdown?: unknown }).markdown);
  if (!body) return null;
  const field = <K extends keyof TipSource>(key: K) => {
    const shape = TipSourceSchema.def.shape[key];
    const result = shape.safeParse((partial as Record<string, unknown>)[key]);
    return result.success ? (result.data as TipSource[K]) : undefined;
  };
  const link = field("link");
  const anchor = field("anchor");
  return {
    id: field("id") ?? "apercu",
    title: field("title") ?? "",
    body,
    ...(link === undefined ? {} : { link }),
    ...(anchor === undefined ? {} : { anchor }),
  };
}

function compileMarkdown(markdown: unknown): TipBlock[] | undefined {
  if (typeof markdown !== "string") return undefined;
  try {
    const blocks = parseTipMarkdown(markdown);
    return blocks.length ? blocks : undefined;
  } catch {
    return undefined;
  }
}

function markdownProblems(value: unknown): ErrorDetail[] {
  const markdown = (value as { markdown?: unknown } | null)?.markdown;
  if (typeof markdown !== "string" || markdown.length === 0) return [];
  try {
    if (parseTipMarkdown(markdown).length === 0)
      return [{ path: "markdown", message: "Le texte est vide." }];
    return [];
  } catch (error) {
    if (!(error instanceof TipMarkdownError)) throw error;
    return [
      { path: "markdown", message: `Ligne ${error.line} : ${error.reason}` },
    ];
  }
}

// The rules of load-tips.ts that need the route table, in the console's words.
function ruleProblems(source: TipSource): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (path: string, message: string) =>
    problems.push({ path, message });
  source.routes.forEach((route, index) => {
    if (!isKnownRoute(source.platform, route))
      add(
        `routes.${index}`,
        `La route « ${route} » n'existe pas pour ${source.platform}.`,
      );
    else if (source.routes.indexOf(route) !== index)
      add(`routes.${index}`, `La route « ${route} » est répétée.`);
  });
  for (const [name, values] of Object.entries(source.params)) {
    const path = /^[A-Za-z]\w*$/.test(name) ? `params.${name}` : "params";
    if (path === "params") {
      add(path, "Un nom de paramètre est invalide.");
      continue;
    }
    // Id values never leave the browser (ARCHITECTURE §3), so a tip could never match them.
    if (isIdParam(name)) {
      add(path, `« ${name} » est un identifiant : il ne peut pas être ciblé.`);
      continue;
    }
    const missing = source.routes.find(
      (route) => !routeParamNames(route).includes(name),
    );
    if (missing !== undefined)
      add(path, `La route « ${missing} » n'a pas de paramètre « ${name} ».`);
    if (values.length === 0) add(path, "Donnez au moins une valeur.");
    const bad = values.find(
      (item, index) =>
        !ROUTE_PARAM_VALUE_RE.test(item) || values.indexOf(item) !== index,
    );
    if (bad !== undefined)
      add(path, "Une valeur est vide, invalide ou répétée.");
    // tagRoute (contract/route-tag.ts) lowercases the page's values before asking: « Documents » never matches.
    else if (values.some(hasUppercase))
      add(
        path,
        "Écrivez les valeurs en minuscules (« documents », pas « Documents »).",
      );
  }
  for (const key of ["roles", "statuses"] as const) {
    const list: readonly string[] = source[key];
    if (list.some((item, index) => list.indexOf(item) !== index))
      add(key, "Une valeur est répétée.");
  }
  if (
    source.activeFrom !== undefined &&
    source.activeTo !== undefined &&
    source.activeFrom > source.activeTo
  )
    add("activeTo", "La fin doit suivre le début.");
  return problems;
}
