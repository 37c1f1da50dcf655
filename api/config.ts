import path from "node:path";
import * as z from "zod/mini";

/** Typed configuration, parsed once from the environment at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Host origins allowed on `/v1/*`, besides the server's own. */
  allowedOrigins: string[];
  demo: boolean;
  trustProxy: boolean;
  /** Submissions accepted per client address per minute. */
  rateLimitPerMinute: number;
  /** Closed requests are anonymised this many days after their last change. */
  retentionDays: number;
}

const bool = (name: string) =>
  z.enum(["true", "false", "1", "0"], {
    error: `${name} doit valoir « true » ou « false ».`,
  });

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
  DEMO: z._default(bool("DEMO"), "true"),
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
  return {
    port,
    host: vars.HOST,
    dataDir: path.resolve(vars.DATA_DIR),
    allowedOrigins,
    demo: vars.DEMO === "true" || vars.DEMO === "1",
    trustProxy: vars.TRUST_PROXY === "true" || vars.TRUST_PROXY === "1",
    rateLimitPerMinute: Number(vars.RATE_LIMIT_PER_MINUTE),
    retentionDays: Number(vars.RETENTION_DAYS),
  };
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
