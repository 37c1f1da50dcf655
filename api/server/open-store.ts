import path from "node:path";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { AppStore } from "../store/app-store.ts";
import { createLocalJobLock, type JobLock } from "../store/job-lock.ts";
import {
  createPostgresStore,
  type PostgresStore,
} from "../store/pg/pg-store.ts";
import { createSqliteStore } from "../store/sqlite-store.ts";

/** The store the configuration names, and what goes with it. */
export interface OpenedStore {
  store: AppStore;
  /** Where the data is, for messages: the SQLite folder, or PostgreSQL's host and database (never the URL). */
  location: string;
  /** Which instance runs a periodic job: this one always on SQLite, one at a time on PostgreSQL. */
  jobLock: JobLock;
  /** On PostgreSQL: the counters, login failures and tip notifications every instance shares. */
  shared?: Omit<PostgresStore, "store" | "jobLock">;
}

/** A PostgreSQL database that could not be opened; the message is French and never holds the password. */
export class DatabaseOpenError extends Error {
  override readonly name = "DatabaseOpenError";
}

/** The SQLite file of a data folder (DATA_DIR): where the server and the CLIs find it. */
export function sqliteFile(config: Pick<Config, "dataDir">): string {
  return path.join(config.dataDir, "snu-aide.sqlite");
}

/**
 * Opens the store: PostgreSQL when DATABASE_URL is set (migrated first), else `${DATA_DIR}/snu-aide.sqlite`
 * as ever. PostgreSQL faults at opening become `DatabaseOpenError`; anything else is thrown as it is.
 */
export async function openStore(
  config: Pick<Config, "dataDir" | "postgres" | "followUpSecret">,
  logger?: Logger,
): Promise<OpenedStore> {
  if (!config.postgres)
    return {
      store: createSqliteStore({ file: sqliteFile(config) }),
      location: config.dataDir,
      jobLock: createLocalJobLock(),
    };
  const location = describeDatabase(config.postgres.url);
  // parseConfig refuses DATABASE_URL without FOLLOW_UP_SECRET.
  if (!config.followUpSecret) throw new Error("FOLLOW_UP_SECRET missing");
  let opened: PostgresStore;
  try {
    opened = await createPostgresStore({
      url: config.postgres.url,
      poolSize: config.postgres.poolSize,
      secret: Buffer.from(config.followUpSecret, "hex"),
      ...(logger ? { logger } : {}),
    });
  } catch (error) {
    const reason = describeOpenFault(error);
    if (reason === undefined) throw error;
    throw new DatabaseOpenError(
      `Base PostgreSQL inutilisable (${location}) : ${reason}. Vérifiez DATABASE_URL.`,
      { cause: error },
    );
  }
  const { store, jobLock, ...shared } = opened;
  return { store, location, jobLock, shared };
}

/** `PostgreSQL host:port/database` of a DATABASE_URL: what start-up lines and errors may show. */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  // No host in the URL: a Unix socket, named by `?host=` or pg's default.
  const host = parsed.host
    ? decode(parsed.host)
    : (parsed.searchParams.get("host") ?? "localhost");
  // No database: pg connects to the one named after the user.
  const database = decode(parsed.pathname.slice(1) || parsed.username);
  return `PostgreSQL ${host}/${database}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: "connexion refusée (serveur arrêté, ou mauvais hôte ou port)",
  ENOTFOUND: "hôte inconnu",
  EAI_AGAIN: "hôte introuvable pour l'instant (DNS)",
  ETIMEDOUT: "serveur injoignable (délai dépassé)",
  EHOSTUNREACH: "hôte injoignable",
  ENETUNREACH: "réseau injoignable",
  ECONNRESET: "connexion coupée par le serveur",
  ENOENT: "fichier introuvable (sslrootcert, sslcert ou sslkey ?)",
  "28P01": "authentification refusée (utilisateur ou mot de passe)",
  "28000":
    "connexion refusée par le serveur (pg_hba.conf, ou TLS exigé : sslmode)",
  "3D000": "cette base n'existe pas",
  "42501": "droits insuffisants pour créer ou modifier les tables",
  "53300": "trop de connexions ouvertes sur le serveur",
  "57P03": "le serveur démarre ou s'arrête, réessayez",
  "25006": "base en lecture seule",
};

/** A French reason for a fault of the database or the network, `undefined` for anything else (a bug). */
function describeOpenFault(error: unknown): string | undefined {
  // A failed migration wraps the database's error (pg-migrations.ts).
  const migration = /^Migration (\d+)/.exec(
    error instanceof Error ? error.message : "",
  )?.[1];
  const fault = migration ? (error as Error).cause : error;
  if (!(fault instanceof Error)) return undefined;
  const code = (fault as { code?: unknown }).code;
  const reason =
    typeof code === "string"
      ? (REASONS[code] ?? `erreur ${code}`)
      : /timeout|terminated|connection/i.test(fault.message)
        ? "serveur injoignable (délai dépassé ou connexion coupée)"
        : /SSL|TLS|certificate/i.test(fault.message)
          ? "échec de la connexion TLS (voir sslmode et sslrootcert)"
          : undefined;
  if (reason === undefined) return undefined;
  return migration ? `migration ${migration} impossible, ${reason}` : reason;
}
