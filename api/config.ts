import path from "node:path";
import * as z from "zod/mini";
import { isPlainAddress, parseMailbox } from "./mail/address.ts";

/** Typed configuration, parsed once from the environment at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Host origins allowed on `/v1/*`, besides the server's own. */
  allowedOrigins: string[];
  /** Demo accounts and content. Unset DEMO: on only when HOST is a loopback address. */
  demo: boolean;
  /** Whether DEMO was set (otherwise `demo` followed HOST). */
  demoExplicit: boolean;
  trustProxy: boolean;
  /** Submissions accepted per client address per minute. */
  rateLimitPerMinute: number;
  /** Closed requests are anonymised this many days after their last change. */
  retentionDays: number;
  /** `smtp://…` or `smtps://…`; unset: e-mails are written as `.eml` files under `${dataDir}/mail/`. */
  smtpUrl?: string;
  /** `From` of the e-mails to requesters (`Nom <adresse>`). */
  mailFrom: string;
  /** `Reply-To` of those e-mails: a mailbox the team reads; unset: no `Reply-To`. */
  mailReplyTo?: string;
  /** The server's public origin, used in links (no trailing slash). */
  publicUrl: string;
  /** A request waiting for the user gets a reminder after this many days… */
  reminderDays: number;
  /** …and is resolved automatically after this many (more than `reminderDays`). */
  autoResolveDays: number;
  /**
   * Hex secret of the follow-up tokens (≥ 64 characters); unset: `${dataDir}/follow-up.key`. Required with
   * PostgreSQL: every instance must derive the same links and the same hashes of addresses.
   */
  followUpSecret?: string;
  /** Set by DATABASE_URL: the PostgreSQL store, shared by every instance; unset: SQLite in `dataDir`. */
  postgres?: PostgresConfig;
}

/** Where the PostgreSQL store is and how many connections one instance opens. */
export interface PostgresConfig {
  /** `postgres://…` or `postgresql://…`, TLS options included (read by pg: see api/store/pg/pool.ts). Holds the password: never logged. */
  url: string;
  /** Most connections this instance opens at once (DATABASE_POOL_SIZE). */
  poolSize: number;
}

/** Connections per instance when DATABASE_POOL_SIZE is unset. */
export const DEFAULT_POOL_SIZE = 10;
/**
 * At least 2: a periodic job holds one connection for its advisory lock while its queries take another
 * (api/store/pg/pg-job-lock.ts). At most 100, PostgreSQL's default max_connections for the whole server.
 */
const POOL_SIZE_RANGE = { min: 2, max: 100 };

const bool = (name: string) =>
  z.enum(["true", "false", "1", "0"], {
    error: `${name} doit valoir « true » ou « false ».`,
  });

function days(name: string) {
  return z
    .string()
    .check(
      z.regex(
        /^[1-9]\d{0,3}$/,
        `${name} doit être un nombre de jours entre 1 et 9999.`,
      ),
    );
}

const EnvSchema = z.object({
  PORT: z._default(
    z
      .string()
      .check(
        z.regex(
          /^\d{1,5}$/,
          "PORT doit être un numéro de port entre 0 (port libre au hasard) et 65535.",
        ),
      ),
    "3000",
  ),
  HOST: z._default(
    z.string().check(z.minLength(1, "HOST ne peut pas être vide.")),
    "127.0.0.1",
  ),
  DATA_DIR: z._default(
    z.string().check(z.minLength(1, "DATA_DIR ne peut pas être vide.")),
    "./data",
  ),
  ALLOWED_ORIGINS: z._default(z.string(), ""),
  // No default here: unset, demo mode follows the listening address (see `parseConfig`).
  DEMO: z.optional(bool("DEMO")),
  TRUST_PROXY: z._default(bool("TRUST_PROXY"), "false"),
  RETENTION_DAYS: z._default(
    z
      .string()
      .check(
        z.regex(
          /^[1-9]\d{0,4}$/,
          "RETENTION_DAYS doit être un nombre de jours entre 1 et 99999.",
        ),
      ),
    "365",
  ),
  RATE_LIMIT_PER_MINUTE: z._default(
    z
      .string()
      .check(
        z.regex(
          /^\d{1,6}$/,
          "RATE_LIMIT_PER_MINUTE doit être un entier positif.",
        ),
      ),
    "20",
  ),
  SMTP_URL: z.optional(z.string()),
  MAIL_FROM: z._default(
    z
      .string()
      .check(
        z.refine(
          (value) => parseMailbox(value) !== undefined,
          "MAIL_FROM doit être une adresse, éventuellement précédée d'un nom : « SNU Aide <support@snu.gouv.fr> ».",
        ),
      ),
    "SNU Aide <support@snu.localhost>",
  ),
  MAIL_REPLY_TO: z.optional(
    z
      .string()
      .check(
        z.refine(
          (value) => value.trim() === "" || isPlainAddress(value.trim()),
          "MAIL_REPLY_TO doit être une seule adresse e-mail, comme « support@snu.gouv.fr ».",
        ),
      ),
  ),
  PUBLIC_URL: z.optional(z.string()),
  REMINDER_DAYS: z._default(days("REMINDER_DAYS"), "5"),
  AUTO_RESOLVE_DAYS: z._default(days("AUTO_RESOLVE_DAYS"), "14"),
  FOLLOW_UP_SECRET: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^(?:(?:[0-9a-fA-F]{2}){32,})?$/,
          "FOLLOW_UP_SECRET doit être une clé hexadécimale d'au moins 64 caractères (par exemple `openssl rand -hex 32`).",
        ),
      ),
  ),
  DATABASE_URL: z.optional(z.string()),
  DATABASE_POOL_SIZE: z._default(
    z
      .string()
      .check(
        z.regex(
          /^\d{1,3}$/,
          `DATABASE_POOL_SIZE doit être un nombre de connexions entre ${POOL_SIZE_RANGE.min} et ${POOL_SIZE_RANGE.max}.`,
        ),
      ),
    String(DEFAULT_POOL_SIZE),
  ),
});

/** Thrown when a variable is wrong; the message names it. */
export class ConfigError extends Error {}

/** Reads the configuration; every variable has a default, a wrong one stops start-up with its name. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? "environnement");
    throw new ConfigError(
      `Configuration invalide : ${issue?.message.includes(name) ? issue.message : `${name} : ${issue?.message}`}`,
    );
  }
  const vars = result.data;
  const port = Number(vars.PORT);
  if (port > 65535)
    throw new ConfigError(
      "Configuration invalide : PORT doit être un numéro de port entre 0 (port libre au hasard) et 65535.",
    );
  const allowedOrigins = vars.ALLOWED_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!isOrigin(origin)) {
      throw new ConfigError(
        `Configuration invalide : ALLOWED_ORIGINS doit lister des origines séparées par des virgules, comme « https://moncompte.snu.gouv.fr » (sans chemin ni barre finale).`,
      );
    }
  }
  const postgres = parsePostgres(vars.DATABASE_URL, vars.DATABASE_POOL_SIZE);
  if (postgres && !vars.FOLLOW_UP_SECRET)
    throw new ConfigError(
      "Configuration invalide : FOLLOW_UP_SECRET est obligatoire avec DATABASE_URL. Toutes les instances doivent partager la même clé (liens de suivi, compteurs des limites) : générez-la une fois avec `openssl rand -hex 32` et donnez-la à chacune.",
    );
  const reminderDays = Number(vars.REMINDER_DAYS);
  const autoResolveDays = Number(vars.AUTO_RESOLVE_DAYS);
  if (autoResolveDays <= reminderDays)
    throw new ConfigError(
      "Configuration invalide : AUTO_RESOLVE_DAYS doit être plus grand que REMINDER_DAYS (la relance vient avant la résolution automatique).",
    );
  return {
    port,
    host: vars.HOST,
    dataDir: path.resolve(vars.DATA_DIR),
    allowedOrigins,
    // Issue 11 (7): demo accounts print their passwords; a server reachable from the network gets them only
    // when DEMO=true is set on purpose, never by default.
    demo:
      vars.DEMO === undefined
        ? isLoopbackHost(vars.HOST)
        : vars.DEMO === "true" || vars.DEMO === "1",
    demoExplicit: vars.DEMO !== undefined,
    trustProxy: vars.TRUST_PROXY === "true" || vars.TRUST_PROXY === "1",
    rateLimitPerMinute: Number(vars.RATE_LIMIT_PER_MINUTE),
    retentionDays: Number(vars.RETENTION_DAYS),
    smtpUrl: parseSmtpUrl(vars.SMTP_URL),
    mailFrom: vars.MAIL_FROM.trim(),
    mailReplyTo: vars.MAIL_REPLY_TO?.trim() || undefined,
    publicUrl: parsePublicUrl(vars.PUBLIC_URL, vars.HOST, port),
    reminderDays,
    autoResolveDays,
    followUpSecret: vars.FOLLOW_UP_SECRET || undefined,
    ...(postgres ? { postgres } : {}),
  };
}

// The URL carries the database password: the messages never repeat it. The pool size is checked even
// without DATABASE_URL, so that a wrong value is not found only on the day PostgreSQL is switched on.
function parsePostgres(
  value: string | undefined,
  poolSizeText: string,
): PostgresConfig | undefined {
  const poolSize = Number(poolSizeText);
  if (poolSize < POOL_SIZE_RANGE.min || poolSize > POOL_SIZE_RANGE.max)
    throw new ConfigError(
      `Configuration invalide : DATABASE_POOL_SIZE doit être un nombre de connexions entre ${POOL_SIZE_RANGE.min} et ${POOL_SIZE_RANGE.max}.`,
    );
  if (!value?.trim()) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    // reported below
  }
  if (!url || !["postgres:", "postgresql:"].includes(url.protocol))
    throw new ConfigError(
      "Configuration invalide : DATABASE_URL doit être une adresse postgres:// ou postgresql://, comme « postgres://utilisateur:motdepasse@db.exemple.fr:5432/snu_aide?sslmode=verify-full » (sans DATABASE_URL : SQLite dans DATA_DIR).",
    );
  return { url: value.trim(), poolSize };
}

// The URL carries the SMTP password: the message never repeats it.
function parseSmtpUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    // reported below
  }
  if (!url || !["smtp:", "smtps:"].includes(url.protocol) || !url.hostname)
    throw new ConfigError(
      "Configuration invalide : SMTP_URL doit être une adresse smtp:// ou smtps://, comme « smtp://utilisateur:motdepasse@smtp.exemple.fr:587 ».",
    );
  return value.trim();
}

// Links in e-mails and on the follow-up page start with this origin; default: where the server listens.
function parsePublicUrl(
  value: string | undefined,
  host: string,
  port: number,
): string {
  if (value === undefined || value.trim() === "") {
    // A wildcard address is where to listen, not where to browse.
    const name = host === "0.0.0.0" || host === "::" ? "localhost" : host;
    return `http://${name.includes(":") ? `[${name}]` : name}:${port}`;
  }
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    // reported below
  }
  const isBareOrigin =
    url &&
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.pathname === "/" &&
    !url.search &&
    !url.hash &&
    !url.username &&
    !url.password &&
    !value.includes("?") &&
    !value.includes("#");
  if (!url || !isBareOrigin)
    throw new ConfigError(
      "Configuration invalide : PUBLIC_URL doit être l'origine publique du serveur, comme « https://aide.snu.gouv.fr » (sans chemin).",
    );
  // `url.origin` drops the trailing slash and a default port, and lowercases the host.
  return url.origin;
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return (
    h === "localhost" ||
    h === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}

// An origin is scheme://host[:port] with nothing after it: what browsers send in the Origin header.
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "https:" || url.protocol === "http:") &&
      url.origin === value
    );
  } catch {
    return false;
  }
}
