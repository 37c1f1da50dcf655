import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type * as z from "zod/mini";
import type { Platform } from "../contract/platforms.ts";
// Same value rule as `GET /v1/tips`, so every allowed value can be asked for.
import {
  isIdParam,
  ROUTE_PARAM_VALUE_RE,
  routeParamNames,
} from "../contract/routes.ts";
import {
  PlatformSchema,
  RoleSchema,
  YoungStatusSchema,
} from "../contract/platforms.ts";
import {
  TipIdSchema,
  TipRecordSchema,
  type TipRecord,
} from "../contract/tip.ts";
import {
  createFieldReader,
  FrontMatterError,
  splitFrontMatter,
} from "./front-matter.ts";
import { parseTipMarkdown, TipMarkdownError } from "./markdown.ts";

/** A content file breaks the tip format; `file` is relative to the content dir, `field` names the culprit. */
export class TipContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file} : champ « ${field} » : ${reason}`);
    this.name = "TipContentError";
  }
}

type KnownRoutes = Record<Platform, readonly string[]>;
type Reader = ReturnType<typeof createFieldReader>;

const KEYS =
  "id platform routes params roles statuses title link priority anchor.selector anchor.text anchor.placement";
const ALLOWED_KEYS = KEYS.split(" ");
const REQUIRED_KEYS = ["id", "platform", "routes", "title"];

/** Parses one `<platform>/<id>.md` file into a validated tip record. */
export function parseTipFile(args: {
  file: string;
  platform: string;
  text: string;
  knownRoutes: KnownRoutes;
}): TipRecord {
  const { file } = args;
  const fail = (field: string, reason: string, line?: number) =>
    new TipContentError(file, field, reason, line);
  const folder = PlatformSchema.safeParse(args.platform);
  if (!folder.success)
    throw fail(
      "platform",
      `le dossier « ${args.platform} » n'est pas une plateforme.`,
    );
  const platform = folder.data;

  const { fields, body, bodyLine } = rethrow(
    () => splitFrontMatter(args.text),
    FrontMatterError,
    (e) => {
      throw fail(e.key ?? "en-tête", `ligne ${e.line} : ${e.reason}`, e.line);
    },
  );
  const keys = { allowed: ALLOWED_KEYS, required: REQUIRED_KEYS };
  const reader = createFieldReader(fields, keys, fail);
  const { value, check } = reader;

  const id = value("id")!;
  const idIssue = TipIdSchema.safeParse(id).error?.issues[0];
  check("id", !idIssue, `« ${id} » : ${idIssue?.message}`);
  const expectedId = file.split("/").pop()!.replace(/\.md$/, "");
  check(
    "id",
    id === expectedId,
    `« ${id} » doit être le nom du fichier sans .md (« ${expectedId} »).`,
  );
  check(
    "platform",
    value("platform") === platform,
    `« ${value("platform")} » ne correspond pas au dossier ${platform}.`,
  );
  const routes = reader.list("routes");
  for (const route of routes) {
    check(
      "routes",
      args.knownRoutes[platform].includes(route),
      `la route « ${route} » n'existe pas pour ${platform}.`,
    );
  }
  const priority = value("priority") ?? "0";
  check(
    "priority",
    /^[+-]?\d{1,9}$/.test(priority),
    `« ${priority} » n'est pas un nombre entier.`,
  );
  const selector = value("anchor.selector");
  for (const key of ["anchor.text", "anchor.placement"]) {
    check(
      key,
      selector !== undefined || !fields.has(key),
      "n'a de sens qu'avec « anchor.selector ».",
    );
  }
  const blocks = rethrow(
    () => parseTipMarkdown(body),
    TipMarkdownError,
    (e) => {
      // The Markdown parser counts from the body's first line; authors need the file's line.
      const line = e.line + bodyLine - 1;
      throw fail("body", `ligne ${line} : ${e.reason}`, line);
    },
  );
  if (blocks.length === 0)
    throw fail("body", "le corps de l'astuce est vide.", bodyLine);

  // Absent optional keys are omitted, not set to undefined, so records compare and serialise cleanly.
  const optional = (key: string, name: string) =>
    fields.has(key) ? { [name]: value(key) } : {};
  const anchor = {
    selector,
    ...optional("anchor.text", "text"),
    ...optional("anchor.placement", "placement"),
  };
  const parsed = TipRecordSchema.safeParse({
    id,
    platform,
    routes,
    params: parseParams(reader, routes),
    roles: parseEnumList(reader, "roles", RoleSchema, "rôle"),
    statuses: parseEnumList(reader, "statuses", YoungStatusSchema, "statut"),
    title: value("title"),
    body: blocks,
    ...optional("link", "link"),
    ...(selector === undefined ? {} : { anchor }),
    priority: Number(priority),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [head, sub] = issue.path.map(String);
  const field = head === "anchor" ? `anchor.${sub}` : head!;
  throw fail(field, describeIssue(issue), fields.get(field)?.line);
}

/** Reads every tip of `dir/<platform>/<id>.md`, in name order; anything else in the folder is an error. */
export function loadTips(dir: string, knownRoutes: KnownRoutes): TipRecord[] {
  const tips: TipRecord[] = [];
  const seen = new Map<string, string>();
  for (const folder of sortedEntries(dir)) {
    if (
      !folder.isDirectory() ||
      !PlatformSchema.safeParse(folder.name).success
    ) {
      throw new TipContentError(
        folder.name,
        "platform",
        "entrée inattendue : seuls les dossiers moncompte et admin sont permis.",
      );
    }
    for (const entry of sortedEntries(join(dir, folder.name))) {
      const file = `${folder.name}/${entry.name}`;
      if (!entry.isFile() || !entry.name.endsWith(".md")) {
        throw new TipContentError(
          file,
          "id",
          "entrée inattendue : seuls des fichiers <id>.md sont permis ici.",
        );
      }
      const text = readFileSync(join(dir, file), "utf8");
      const tip = parseTipFile({
        file,
        platform: folder.name,
        text,
        knownRoutes,
      });
      const other = seen.get(tip.id);
      if (other)
        throw new TipContentError(
          file,
          "id",
          `l'identifiant « ${tip.id} » est déjà utilisé par ${other}.`,
        );
      seen.set(tip.id, file);
      tips.push(tip);
    }
  }
  return tips;
}

// `step=documents|televersement; tab=general`: allowed values per non-id parameter of every route.
function parseParams(
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
    params[name] = values;
  }
  return params;
}

function parseEnumList<T extends string>(
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

function sortedEntries(dir: string) {
  // Code-unit order, not locale order, so every machine loads the tips in the same order.
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

function rethrow<T, E extends Error>(
  run: () => T,
  type: new (...args: never[]) => E,
  handle: (error: E) => never,
): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof type) handle(error);
    throw error;
  }
}

// zod/mini answers "Invalid input" unless the contract gave a French message.
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message !== "Invalid input") return issue.message;
  if (issue.code === "too_small" && issue.origin === "string")
    return `trop court (${issue.minimum} caractères au moins).`;
  if (issue.code === "too_big" && issue.origin === "string")
    return `trop long (${issue.maximum} caractères au plus).`;
  if (issue.code === "invalid_value")
    return `valeurs permises : ${issue.values.join(", ")}.`;
  return "valeur invalide.";
}
