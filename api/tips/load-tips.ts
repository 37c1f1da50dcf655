import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Platform } from "../contract/platforms.ts";
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
  isRealDay,
  normalizeTipMarkdown,
  type TipSource,
} from "../contract/tip-source.ts";
import {
  createFieldReader,
  FrontMatterError,
  splitFrontMatter,
} from "./front-matter.ts";
import { parseTipMarkdown, TipMarkdownError } from "./markdown.ts";
import {
  describeIssue,
  parseEnumList,
  parseParams,
} from "./tip-file-fields.ts";

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

const KEYS =
  "id platform routes params roles statuses title link priority activeFrom activeTo anchor.selector anchor.text anchor.placement";
const ALLOWED_KEYS = KEYS.split(" ");
const REQUIRED_KEYS = ["id", "platform", "routes", "title"];

interface TipFileArgs {
  file: string;
  platform: string;
  text: string;
  knownRoutes: KnownRoutes;
}

/** Parses one `<platform>/<id>.md` file into a validated tip record. */
export function parseTipFile(args: TipFileArgs): TipRecord {
  return readTipFile(args).record;
}

// Both forms of a file: the record served, and the source the database keeps (Markdown text, active days).
function readTipFile(args: TipFileArgs): {
  record: TipRecord;
  source: TipSource;
} {
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
  for (const key of ["activeFrom", "activeTo"]) {
    const day = value(key);
    check(
      key,
      day === undefined || isRealDay(day),
      `« ${day} » n'est pas une date AAAA-MM-JJ qui existe.`,
    );
  }
  const [activeFrom, activeTo] = [value("activeFrom"), value("activeTo")];
  check(
    "activeTo",
    !activeFrom || !activeTo || activeFrom <= activeTo,
    "la fin doit suivre le début (activeFrom).",
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
  if (parsed.success) {
    const { body: _blocks, ...record } = parsed.data;
    const source: TipSource = {
      ...record,
      markdown: normalizeTipMarkdown(body),
      ...optional("activeFrom", "activeFrom"),
      ...optional("activeTo", "activeTo"),
    };
    return { record: parsed.data, source };
  }
  const issue = parsed.error.issues[0]!;
  const [head, sub] = issue.path.map(String);
  const field = head === "anchor" ? `anchor.${sub}` : head!;
  throw fail(field, describeIssue(issue), fields.get(field)?.line);
}

/** Reads every tip of `dir/<platform>/<id>.md`, in name order; anything else in the folder is an error. */
export function loadTips(dir: string, knownRoutes: KnownRoutes): TipRecord[] {
  return walkTipFiles(dir, knownRoutes).map(({ record }) => record);
}

/** The sources of every tip of `dir/<platform>/<id>.md`, with the same checks as `loadTips`. */
export function loadTipSources(
  dir: string,
  knownRoutes: KnownRoutes,
): TipSource[] {
  return walkTipFiles(dir, knownRoutes).map(({ source }) => source);
}

function walkTipFiles(dir: string, knownRoutes: KnownRoutes) {
  const tips: ReturnType<typeof readTipFile>[] = [];
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
      const tip = readTipFile({
        file,
        platform: folder.name,
        text,
        knownRoutes,
      });
      const { id } = tip.record;
      const other = seen.get(id);
      if (other)
        throw new TipContentError(
          file,
          "id",
          `l'identifiant « ${id} » est déjà utilisé par ${other}.`,
        );
      seen.set(id, file);
      tips.push(tip);
    }
  }
  return tips;
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
