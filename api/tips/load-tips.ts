import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PlatformSchema } from "../contract/platforms.ts";
import type { TipRecord } from "../contract/tip-source.ts";
import type { TipSource } from "../contract/tip-source.ts";
import {
  compileTipSource,
  findTipProblems,
  type KnownRoutes,
} from "./check-tip-source.ts";
import {
  createFieldReader,
  FrontMatterError,
  splitFrontMatter,
} from "./front-matter.ts";
import { sourceOfFields } from "./tip-file-fields.ts";
import { tipFileProblem } from "./tip-file-problem.ts";

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

/**
 * Both forms of a file: the record served, and the source the database keeps (Markdown text, active days).
 * The file's own rules (its header, its name and folder) are checked here; the tip's are the one check of
 * check-tip-source.ts, whose first problem is reported on the file's line (issue 12).
 */
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
  // A source has no anchor without its selector: the file is where these keys can stand alone.
  for (const key of ["anchor.text", "anchor.placement"]) {
    check(
      key,
      fields.has("anchor.selector") || !fields.has(key),
      "n'a de sens qu'avec « anchor.selector ».",
    );
  }
  // Like an empty header value, a blank body is a slip of the file, said in the file's words.
  if (body.trim() === "")
    throw fail("body", "le corps de l'astuce est vide.", bodyLine);

  const read = sourceOfFields(reader, platform, body);
  const { source, problems } = findTipProblems(read, args.knownRoutes);
  if (!source) {
    const problem = tipFileProblem(problems[0]!, {
      fields,
      body,
      bodyLine,
      source: read,
    });
    throw fail(problem.field, problem.reason, problem.line);
  }
  return { record: compileTipSource(source), source };
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
