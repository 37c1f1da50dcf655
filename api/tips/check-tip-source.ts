import { MAX_ERROR_DETAILS, type ErrorDetail } from "../contract/errors.ts";
import { toErrorDetails } from "../contract/issue-details.ts";
import type { Platform } from "../contract/platforms.ts";
import {
  isIdParam,
  ROUTE_PARAM_VALUE_RE,
  ROUTE_PATTERNS,
  routeParamNames,
} from "../contract/routes.ts";
import type { Tip, TipBlock } from "../contract/tip.ts";
import type { TipRecord } from "../contract/tip-source.ts";
import { TIP_PARAM_NAME_RE } from "../contract/tip-limits.ts";
import {
  canonicalTipSource,
  TipSourceSchema,
  type TipSource,
} from "../contract/tip-source.ts";
import { parseTipMarkdown, TipMarkdownError } from "./markdown.ts";

/** The route patterns a tip may target, per platform (`ROUTE_PATTERNS` outside tests). */
export type KnownRoutes = Readonly<Record<Platform, readonly string[]>>;

/**
 * One problem of a source. A problem of the Markdown text gives its `line` in the (normalised) text apart
 * from the reason, so the file loader can say the file's line instead (load-tips.ts).
 */
export type TipProblem = ErrorDetail & { line?: number };

/**
 * The one check of a tip, for the console API and the tip files alike (issue 12): the source's schema,
 * then known routes of its platform, parameters of those routes with valid values, Markdown of the
 * supported subset. Returns the canonical source when there is no problem, every problem otherwise.
 */
export function findTipProblems(
  value: unknown,
  knownRoutes: KnownRoutes,
): { source?: TipSource; problems: TipProblem[] } {
  const parsed = TipSourceSchema.safeParse(value);
  if (!parsed.success) {
    const { issues } = parsed.error;
    // The text's own problems too, so an author sees them all at once (unless its shape already failed).
    const text = issues.some((issue) => issue.path[0] === "markdown")
      ? []
      : markdownProblems(value);
    return { problems: [...toErrorDetails(issues), ...text] };
  }
  const source = canonicalTipSource(parsed.data);
  const problems = [
    ...ruleProblems(source, knownRoutes),
    ...markdownProblems(source),
  ];
  return problems.length ? { problems } : { source, problems };
}

/**
 * `findTipProblems` in the console API's words: at most 20 details, a text problem as « Ligne n : … ».
 * The console's routes ask about the apps' own route table, hence the default.
 */
export function checkTipSource(
  value: unknown,
  knownRoutes: KnownRoutes = ROUTE_PATTERNS,
): { source?: TipSource; problems: ErrorDetail[] } {
  const { source, problems } = findTipProblems(value, knownRoutes);
  const details = problems
    .slice(0, MAX_ERROR_DETAILS)
    .map(({ path, message, line }) => ({
      path,
      message: line === undefined ? message : `Ligne ${line} : ${message}`,
    }));
  return source ? { source, problems: details } : { problems: details };
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
 * The tip as the widget would show it, from a source being typed: null until the title is valid and the
 * text compiles. Other fields that are not valid yet are left out (or a placeholder id), never guessed.
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
  // No card under an empty or invalid title: the console says the preview comes with a valid title and
  // text, and an empty heading would be announced as such.
  const title = field("title");
  if (title === undefined) return null;
  const link = field("link");
  const anchor = field("anchor");
  return {
    id: field("id") ?? "apercu",
    title,
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

function markdownProblems(value: unknown): TipProblem[] {
  const markdown = (value as { markdown?: unknown } | null)?.markdown;
  if (typeof markdown !== "string" || markdown.length === 0) return [];
  try {
    if (parseTipMarkdown(markdown).length === 0)
      return [{ path: "markdown", message: "Le texte est vide." }];
    return [];
  } catch (error) {
    if (!(error instanceof TipMarkdownError)) throw error;
    return [{ path: "markdown", message: error.reason, line: error.line }];
  }
}

// The rules that need the route table.
function ruleProblems(
  source: TipSource,
  knownRoutes: KnownRoutes,
): TipProblem[] {
  const problems: TipProblem[] = [];
  const add = (path: string, message: string) =>
    problems.push({ path, message });
  source.routes.forEach((route, index) => {
    if (!knownRoutes[source.platform].includes(route))
      add(
        `routes.${index}`,
        `La route « ${route} » n'existe pas pour ${source.platform}.`,
      );
    else if (source.routes.indexOf(route) !== index)
      add(`routes.${index}`, `La route « ${route} » est répétée.`);
  });
  for (const [name, values] of Object.entries(source.params)) {
    const path = TIP_PARAM_NAME_RE.test(name) ? `params.${name}` : "params";
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
    else if (values.some((item) => item !== item.toLowerCase()))
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
