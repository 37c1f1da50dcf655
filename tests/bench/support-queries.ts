// Benchmark: console list, filters and text search at 1 M requests, through the real app (Hono + the store),
// as an agent and as a departmental referent. Prints p50/p95 per query; budget p95 ≤ 100 ms. Then the
// indicators (issue 13) over a year of requests and widget counters: p95 ≤ 200 ms; and what their triggers
// cost POST /v1/requests' insert.
// SQLite by default. With DATABASE_URL (a server where the bench may create and drop its own database) or
// --pg (a throw-away cluster on this machine, durability on), the same data — same draws — is seeded into
// PostgreSQL and timed the same way, after SQLite (issue 15); --pg-only skips SQLite. --keep and --reuse are
// SQLite's: the PostgreSQL databases are always dropped at the end.
// Run: npm run bench:support -- [--rows 1000000] [--iterations 200] [--indicator-iterations 30]
//      [--inserts 20000] [--keep] [--reuse FILE (a kept SQLite database: no seeding)] [--only-indicators]
//      [--pg] [--pg-only]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { AppDeps } from "../../api/app.ts";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import { DEFAULT_POOL_SIZE } from "../../api/config.ts";
import type { AppStore } from "../../api/store/app-store.ts";
import { createPostgresStore } from "../../api/store/pg/pg-store.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { openBenchDatabases } from "./bench-database.ts";
import { seedWidgetCounts, today, type Draws } from "./indicator-seed.ts";
import { timeInsertPath } from "./indicator-timings.ts";
import {
  postgresInsertStores,
  sqliteInsertStores,
} from "./insert-path-stores.ts";
import { createDraws, supportRows, type SeedReport } from "./support-rows.ts";
import { seedPostgres } from "./support-seed-pg.ts";
import { seedSqlite } from "./support-seed-sqlite.ts";
import {
  makeInsertRequest,
  timeSupport,
  verdict,
  BUDGET,
  type SupportTimings,
} from "./support-timings.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    iterations: { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    "only-indicators": { type: "boolean", default: false },
    "indicator-iterations": { type: "string", default: "30" },
    inserts: { type: "string", default: "20000" },
    // PostgreSQL too (implied by DATABASE_URL); --pg-only: PostgreSQL alone.
    pg: { type: "boolean", default: false },
    "pg-only": { type: "boolean", default: false },
  },
});
const ROWS = Number(values.rows);
const INSERTS = Number(values.inserts);
const WITH_PG =
  values.pg || values["pg-only"] || Boolean(process.env.DATABASE_URL?.trim());
const timing = {
  iterations: Number(values.iterations),
  indicatorIterations: Number(values["indicator-iterations"]),
  onlyIndicators: values["only-indicators"],
};
// The PostgreSQL store as the server opens it (DATABASE_POOL_SIZE's default; FOLLOW_UP_SECRET is required
// there).
const PG_STORE = {
  poolSize: DEFAULT_POOL_SIZE,
  secret: Buffer.from("7".repeat(64), "hex"),
};
// One instant for both stores: the same rows, the same lives.
const NOW = Date.now();

const seconds = (ms: number) => (ms / 1000).toFixed(1);

function printSeeding(label: string, report: SeedReport) {
  console.log(
    `${label}: seeded ${report.requests.toLocaleString("fr-FR")} requests in ${seconds(report.totalMs)} s ` +
      `(inserts ${seconds(report.insertMs)} s; their life — ${report.steps.toLocaleString("fr-FR")} replies, ` +
      `answers, status changes and ratings — ${seconds(report.lifeMs)} s; triggers included; ` +
      (report.foldMs === undefined
        ? ""
        : `indicators folded ${seconds(report.foldMs)} s; `) +
      `${report.afterWhat} ${seconds(report.afterMs)} s)`,
  );
}

/**
 * A year of the widget's counters through the store, as POST /v1/events adds them. Resolves false when the
 * store refuses them (its indicators are not written yet): the indicators are then reported NOT MEASURED
 * and the run ends in failure, while the console's timings still run.
 */
async function seedWidgets(label: string, store: AppStore, draws: Draws) {
  const started = performance.now();
  try {
    const lines = await seedWidgetCounts(store, draws, ROUTE_PATTERNS, today());
    console.log(
      `${label}: seeded a year of widget counters (${lines.toLocaleString("fr-FR")} lines) in ${seconds(performance.now() - started)} s`,
    );
    return true;
  } catch (error) {
    console.log(
      `${label}: the store refused the widget's counters, indicators NOT MEASURED — ${(error as Error).message}`,
    );
    process.exitCode = 1;
    return false;
  }
}

async function printInsertPath(
  label: string,
  open: (indicatorTriggers: boolean) => Promise<AppStore>,
  draws: Draws,
) {
  const { withTriggers, without } = await timeInsertPath(
    open,
    () => makeInsertRequest(draws),
    INSERTS,
  );
  const per = (ms: number) => ((ms * 1000) / INSERTS).toFixed(1);
  console.log(
    `\n${label}: insert path, ${INSERTS.toLocaleString("fr-FR")} × createRequest — without the indicator triggers ` +
      `${(without / 1000).toFixed(2)} s (${per(without)} µs each), with them ${(withTriggers / 1000).toFixed(2)} s ` +
      `(${per(withTriggers)} µs each): ×${(withTriggers / without).toFixed(2)}`,
  );
}

async function benchSqlite(): Promise<SupportTimings> {
  const label = "SQLite";
  const dir = values.reuse
    ? path.dirname(values.reuse)
    : fs.mkdtempSync(path.join(os.tmpdir(), "snu-aide-bench-"));
  const file = values.reuse ?? path.join(dir, "snu-aide.sqlite");
  console.log(`\n=== ${label}: ${file}`);
  const draws = createDraws();
  if (!values.reuse)
    printSeeding(label, await seedSqlite(file, supportRows(ROWS, NOW, draws)));
  const store = createSqliteStore({ file });
  const indicators = values.reuse || (await seedWidgets(label, store, draws));
  const timings = await timeSupport(store, {}, draws, {
    label,
    ...timing,
    indicators: Boolean(indicators),
  });
  await store.close();

  if (INSERTS > 0) {
    const insertDir = fs.mkdtempSync(
      path.join(os.tmpdir(), "snu-aide-insert-"),
    );
    await printInsertPath(label, sqliteInsertStores(insertDir), draws);
    fs.rmSync(insertDir, { recursive: true, force: true });
  }
  if (values.keep || values.reuse) console.log(`database kept at ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  return timings;
}

async function benchPostgres(): Promise<SupportTimings> {
  const label = "PostgreSQL";
  const databases = await openBenchDatabases();
  try {
    console.log(
      `\n=== ${label}: ${databases.where}; the store's pool: ${PG_STORE.poolSize} connections`,
    );
    const url = await databases.create();
    const draws = createDraws();
    printSeeding(label, await seedPostgres(url, supportRows(ROWS, NOW, draws)));
    const opened = await createPostgresStore({ url, ...PG_STORE });
    const { store } = opened;
    const indicators = await seedWidgets(label, store, draws);
    // As the server builds its app on PostgreSQL: limits and login failures in the database.
    const deps: Pick<AppDeps, "rateCounters" | "loginFailures"> = {
      rateCounters: opened.rateCounters,
      loginFailures: opened.loginFailures,
    };
    const timings = await timeSupport(store, deps, draws, {
      label,
      ...timing,
      indicators,
    });
    await opened.jobLock.close();
    await store.close();

    if (INSERTS > 0) {
      const inserts = postgresInsertStores(databases, PG_STORE);
      await printInsertPath(label, inserts.open, draws);
      console.log(
        `(${label}: triggers dropped for « without »: ${[...inserts.dropped].join(", ") || "none — no indicator trigger on requests"})`,
      );
    }
    return timings;
  } finally {
    await databases.close();
  }
}

async function main() {
  console.log(
    `support benchmark: ${ROWS.toLocaleString("fr-FR")} requests, ${timing.iterations} iterations per console query, ` +
      `${timing.indicatorIterations} per indicator shape; ${os.availableParallelism()} cores, Node ${process.version}`,
  );
  const results: [string, SupportTimings][] = [];
  if (!values["pg-only"]) results.push(["SQLite", await benchSqlite()]);
  if (WITH_PG) results.push(["PostgreSQL", await benchPostgres()]);
  console.log("\nsummary (worst p95 per store):");
  for (const [label, { consoleP95, indicatorsP95 }] of results)
    console.log(
      `  ${label.padEnd(10)} console ${timing.onlyIndicators ? "not run (--only-indicators)" : verdict(consoleP95, BUDGET.consoleP95)}; ` +
        `indicators ${verdict(indicatorsP95, BUDGET.indicatorsP95)}`,
    );
}

await main();
