import { parseArgs, type ParseArgsConfig } from "node:util";
import { StoreUnavailableError } from "../store/store-faults.ts";

/** An expected failure of a CLI: its French message is printed alone on stderr (no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** `parseArgs` of the command line, its errors (unknown option, missing value…) turned into French `CliError`s. */
export function parseCliArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  options: O,
  usage: string,
) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : "";
    const quoted = /'([^']+)'/.exec(message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw new CliError(`Option inconnue : ${quoted ?? "?"}. ${usage}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new CliError(
        `Valeur manquante ou invalide pour ${quoted?.split(" ")[0] ?? "une option"}. ${usage}`,
      );
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
      throw new CliError(`Argument inattendu : ${quoted ?? "?"}. ${usage}`);
    throw error;
  }
}

const FS_REASONS: Record<string, string> = {
  ENOENT: "introuvable",
  ENOTDIR: "un élément du chemin n'est pas un dossier",
  EISDIR: "c'est un dossier, pas un fichier",
  EEXIST: "un fichier existe déjà à cet endroit",
  EACCES: "permission refusée",
  EPERM: "opération non permise",
  EROFS: "système de fichiers en lecture seule",
  ENOSPC: "plus de place sur le disque",
};

const SQLITE_REASONS: Record<string, string> = {
  SQLITE_NOTADB: "ce fichier n'est pas une base SQLite",
  SQLITE_CORRUPT: "base corrompue",
  SQLITE_CANTOPEN: "impossible d'ouvrir la base",
  SQLITE_READONLY: "base en lecture seule",
  SQLITE_BUSY: "base verrouillée par un autre processus, réessayez",
  SQLITE_PERM: "permission refusée sur la base",
};

/** A French line for a file-system or SQLite error the user can fix, `undefined` for anything else (a bug). */
export function describeSystemError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code !== "string") return undefined;
  const fsReason = FS_REASONS[code];
  if (fsReason && "syscall" in error)
    return typeof path === "string"
      ? `Accès impossible à ${path} : ${fsReason}.`
      : `Erreur de fichier : ${fsReason}.`;
  const sqliteReason =
    SQLITE_REASONS[code.replace(/^(SQLITE_[A-Z]+).*$/, "$1")];
  if (
    sqliteReason &&
    (error.name === "SqliteError" || error instanceof StoreUnavailableError)
  )
    return `Base de données inutilisable : ${sqliteReason}.`;
  return undefined;
}

/**
 * Runs a CLI's body and sets the exit code: a `CliError`, an error of one of `expected` (their messages are
 * French and meant for the user) or a file-system/SQLite error prints one line on stderr and exits 1 (or the
 * `CliError`'s code); anything else is a bug and keeps its stack trace.
 */
export async function runCli(
  body: () => Promise<void>,
  expected: readonly (abstract new (...args: never[]) => Error)[] = [],
): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      process.exitCode = error.exitCode;
      return;
    }
    const message = expected.some((type) => error instanceof type)
      ? (error as Error).message
      : describeSystemError(error);
    if (message === undefined) throw error;
    console.error(message);
    process.exitCode = 1;
  }
}
