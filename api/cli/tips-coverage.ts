import fs from "node:fs";
import { systemClock } from "../clock.ts";
import { ConfigError, parseConfig } from "../config.ts";
import {
  PLATFORMS,
  PlatformSchema,
  type Platform,
  type Role,
  type YoungStatus,
} from "../contract/platforms.ts";
import { ROUTE_PATTERNS } from "../contract/routes.ts";
import type { TipRecord } from "../contract/tip-source.ts";
import { createJsonLogger } from "../logger.ts";
import type { PageRequestCount } from "../store/indicator-types.ts";
import {
  DatabaseOpenError,
  openStore,
  sqliteFile,
} from "../server/open-store.ts";
import { createTipCatalog, isActiveOn, parisDay } from "../tips/catalog.ts";
import { compileTipSource } from "../tips/check-tip-source.ts";
import { TIPS_CONTENT_DIR } from "../tips/content-dir.ts";
import {
  COVERAGE_DAYS,
  lastDays,
  tipCoverage,
  uncoveredRequests,
  type CoverageGap,
  type CoverageProfile,
  type PlatformCoverage,
} from "../tips/coverage.ts";
import { loadTipSources, TipContentError } from "../tips/load-tips.ts";
import { CliError, parseCliArgs, runCli } from "./cli-errors.ts";

// `npm run tips:coverage [-- --platform moncompte|admin] [--files]` (issue 16): per route of the route table
// and profile, the number of tips served today, then the pages × profiles that sent requests in the last 30
// days without being shown any tip. The tips are those of the database, as `GET /v1/tips` serves them
// (published, active today), or with --files those of the repo's files (what a new database is seeded
// with: check new files before importing them; the requests are still the database's, when there is one).
// It changes no tip and no request, and exits 0 whatever the gaps: it is a report.
const USAGE =
  "Usage : npm run tips:coverage [-- --platform moncompte|admin] [--files]";

// Short column heads, so that a platform's table fits in a terminal; the legend under it spells them out.
const STATUS_CODES: Record<YoungStatus, string> = {
  IN_PROGRESS: "INP",
  WAITING_VALIDATION: "WVA",
  WAITING_CORRECTION: "WCO",
  VALIDATED: "VAL",
  WAITING_LIST: "WLI",
  REFUSED: "REF",
  WITHDRAWN: "WIT",
  ABANDONED: "ABA",
  NOT_ELIGIBLE: "NEL",
  WAITING_AFFECTATION: "WAF",
  AFFECTED: "AFF",
  EXEMPTED: "EXE",
  DONE: "DON",
  NOT_DONE: "NDO",
};
const ROLE_CODES: Record<Role, string> = {
  young: "YNG",
  admin: "ADM",
  referent_department: "RDE",
  referent_region: "RRE",
  head_center: "HC",
  head_center_adjoint: "HCA",
  referent_sanitaire: "RSA",
  responsible: "RES",
  supervisor: "SUP",
  visitor: "VIS",
  transporter: "TRA",
  administrateur_cle: "ACL",
  referent_classe: "RCL",
};
const ANYONE = "tous";

// `YYYY-MM-DD` calendar days, formatted in UTC so that no time zone moves them.
const DAY = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "UTC",
  day: "numeric",
  month: "long",
  year: "numeric",
});
// Above the top-level await: the body runs before the rest of the module is evaluated.
function frenchDay(day: string): string {
  return DAY.format(new Date(`${day}T00:00:00Z`));
}

await runCli(async () => {
  const { values } = parseCliArgs(
    {
      platform: { type: "string" },
      files: { type: "boolean", default: false },
    },
    USAGE,
  );
  const platforms = choosePlatforms(values.platform);
  const config = parseConfig(process.env);
  // PostgreSQL (DATABASE_URL) always has a database; SQLite only once DATA_DIR holds its file.
  const hasDatabase =
    Boolean(config.postgres) || fs.existsSync(sqliteFile(config));
  if (!hasDatabase && !values.files)
    throw new CliError(
      `Aucune base trouvée dans ${config.dataDir} : vérifiez DATA_DIR, ou ajoutez --files pour compter les astuces des fichiers du dépôt.`,
    );
  const now = systemClock.now();
  const today = parisDay(now);
  const range = lastDays(today);

  let tips: readonly TipRecord[] = values.files ? fileTips(today) : [];
  let requests: PageRequestCount[] | undefined;
  let location = "";
  if (hasDatabase) {
    // Opened as tips:export opens it: PostgreSQL, or the SQLite file of DATA_DIR, which must already exist.
    const opened = await openStore(config);
    const store = opened.store;
    location = config.postgres ? opened.location : sqliteFile(config);
    try {
      if (!values.files)
        tips = await createTipCatalog({
          store,
          clock: systemClock,
          logger: createJsonLogger(),
        }).records();
      requests = await store.pageRequestCounts(
        { kind: "all" },
        range,
        platforms.length === 1 ? { platform: platforms[0]! } : {},
      );
    } finally {
      await store.close();
    }
  }

  console.log(
    values.files
      ? `Astuces des fichiers du dépôt (${TIPS_CONTENT_DIR}) actives le ${frenchDay(today)} : ${tips.length}.`
      : `Astuces publiées et actives le ${frenchDay(today)} dans la base ${location} : ${tips.length}.`,
  );
  for (const platform of platforms) printTable(tipCoverage(tips, platform));
  const period = `du ${frenchDay(range.from)} au ${frenchDay(range.to)}`;
  console.log("");
  if (!requests) {
    console.log(
      `Demandes non lues : aucune base dans ${config.dataDir} (vérifiez DATA_DIR).`,
    );
    return;
  }
  printGaps(uncoveredRequests(requests, tips), period);
}, [ConfigError, TipContentError, DatabaseOpenError]);

function choosePlatforms(value: string | undefined): readonly Platform[] {
  if (value === undefined) return PLATFORMS;
  const parsed = PlatformSchema.safeParse(value);
  if (!parsed.success)
    throw new CliError(`Plateforme inconnue : « ${value} ». ${USAGE}`, 2);
  return [parsed.data];
}

/** The repo's tips active today, compiled as the catalog compiles the database's. */
function fileTips(today: string): TipRecord[] {
  return loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS)
    .filter((source) => isActiveOn(source, today))
    .map(compileTipSource);
}

function printTable(coverage: PlatformCoverage) {
  const heads = coverage.profiles.map(columnHead);
  const routeWidth = Math.max(
    5,
    ...coverage.rows.map((row) => row.route.length),
  );
  const width = Math.max(3, ...heads.map((head) => head.length));
  const line = (first: string, cells: string[]) =>
    [first.padEnd(routeWidth), ...cells.map((c) => c.padStart(width))].join(
      " ",
    );
  const cells = coverage.rows.length * coverage.profiles.length;
  const empty = coverage.rows.reduce(
    (sum, row) => sum + row.counts.filter((n) => n === 0).length,
    0,
  );
  console.log("");
  console.log(`${coverage.platform} — astuces par page (route) et profil`);
  console.log(line("route", heads));
  for (const row of coverage.rows)
    console.log(
      line(
        row.route,
        row.counts.map((n) => (n === 0 ? "·" : String(n))),
      ),
    );
  console.log(
    `« · » : aucune astuce (${empty} case(s) sur ${cells}). ${ANYONE} = sans identité : rien ne filtre, toutes les astuces de la page.`,
  );
  console.log(legend(coverage.profiles));
}

function columnHead(profile: CoverageProfile): string {
  if (profile.status) return STATUS_CODES[profile.status];
  if (profile.role) return ROLE_CODES[profile.role];
  return ANYONE;
}

function legend(profiles: readonly CoverageProfile[]): string {
  const statuses = profiles.flatMap((p) => (p.status ? [p] : []));
  const roles = profiles.flatMap((p) => (p.role && !p.status ? [p.role] : []));
  const parts: string[] = [];
  if (statuses.length) {
    const role = statuses[0]!.role;
    parts.push(
      `${role ?? "sans rôle"}, selon le statut du dossier : ` +
        statuses
          .map((p) => `${STATUS_CODES[p.status!]} = ${p.status}`)
          .join(", "),
    );
  }
  if (roles.length)
    parts.push(
      "rôles : " +
        roles.map((role) => `${ROLE_CODES[role]} = ${role}`).join(", "),
    );
  return `Colonnes — ${parts.join(" ; ")}.`;
}

function printGaps(gaps: CoverageGap[], period: string) {
  if (gaps.length === 0) {
    console.log(
      `Demandes des ${COVERAGE_DAYS} derniers jours (${period}) : aucune page × profil sans astuce.`,
    );
    return;
  }
  console.log(
    `Pages × profils avec des demandes des ${COVERAGE_DAYS} derniers jours (${period}) mais aucune astuce : ${gaps.length}`,
  );
  const rows = gaps.map((gap) => [
    String(gap.requests),
    gap.platform,
    gap.route,
    profileText(gap) +
      (gap.knownRoute ? "" : " (route absente de la table des routes)"),
  ]);
  const heads = ["demandes", "plateforme", "route", "profil"];
  const widths = heads.map((head, i) =>
    Math.max(head.length, ...rows.map((row) => row[i]!.length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, i) =>
        i === 0 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  for (const row of [heads, ...rows]) console.log(`  ${format(row)}`);
}

/** « young · VALIDATED », « referent_department », « sans identité »: the words tip files use. */
function profileText(gap: CoverageGap): string {
  const parts = [gap.role ?? "sans rôle", ...(gap.status ? [gap.status] : [])];
  return gap.role === null && gap.status === null
    ? "sans identité"
    : parts.join(" · ");
}
