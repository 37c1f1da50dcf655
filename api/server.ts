import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { systemClock, type Clock } from "./clock.ts";
import { ConfigError, parseConfig, type Config } from "./config.ts";
import {
  createBufferedWrite,
  createJsonLogger,
  type Logger,
} from "./logger.ts";
import { createGracefulShutdown } from "./server/graceful-shutdown.ts";
import {
  DatabaseOpenError,
  openStore,
  type OpenedStore,
} from "./server/open-store.ts";
import { scheduleIndicatorFold } from "./server/indicator-fold-job.ts";
import { schedulePurges } from "./server/purge-job.ts";
import { seedTipsIfEmpty } from "./server/seed-tips.ts";
import { scheduleSharedLimitsPurge } from "./server/shared-limits-purge.ts";
import { startMail } from "./server/start-mail.ts";
import { readFileSet } from "./static/file-set.ts";
import type { AppStore } from "./store/app-store.ts";
import type { JobLock } from "./store/job-lock.ts";
import { prepareDemoData } from "./support/demo-data.ts";
import { scheduleFollowUps } from "./support/follow-up-job.ts";
import { scheduleRetention } from "./support/retention-job.ts";
import { createTipCatalog, watchTipWrites } from "./tips/catalog.ts";
import { TipContentError } from "./tips/load-tips.ts";

/** Where `npm run build` writes the widget and the demo. */
const DIST_DIR = fileURLToPath(new URL("../dist", import.meta.url));

/**
 * How long a `tips:import` run by another process on the same database may take to be served: the
 * catalog's stamp is then a SQLite read per second instead of per request (issue 14).
 */
const OTHER_WRITERS_DELAY_MS = 1_000;

/**
 * On PostgreSQL every instance hears the others' tip writes at once (LISTEN/NOTIFY, issue 15); the stamp is
 * still read this often, in case a notification was lost with a connection that died without a word.
 */
const LISTENED_WRITERS_DELAY_MS = 10_000;

/** Starts SNU Aide: configuration, store, tips, jobs, mail, then the HTTP server. Exits with a clear message on bad setup. */
async function main() {
  // Log lines are written in batches (issue 14); those still pending when the process ends — the graceful
  // stop ends with process.exit — are written then, so a clean stop loses none.
  const logOutput = createBufferedWrite();
  process.once("exit", logOutput.flush);
  const logger = createJsonLogger(logOutput.write);
  const clock = systemClock;
  const config = readConfigOrExit();
  const opened = await openStoreOrExit(config, logger);
  const { jobLock, shared } = opened;
  const database = opened.store;
  await seedTipsOrExit(database, clock);
  const catalog = createTipCatalog({
    store: database,
    clock,
    logger,
    otherWritersDelayMs: shared
      ? LISTENED_WRITERS_DELAY_MS
      : OTHER_WRITERS_DELAY_MS,
  });
  // Other instances' tip writes, as soon as they are committed (PostgreSQL only).
  const tipListener = shared?.listenForTipChanges(catalog.changed);
  // This process's tip writes (the console's publications) reach the catalog at once.
  const store = watchTipWrites(database, catalog.changed);
  const tipCount = (await catalog.records()).length;
  // Before the periodic jobs: on PostgreSQL, this instance's runs under the lock go one after the other.
  await prepareDemo(config, store, jobLock, clock);
  const stopPurges = await schedulePurges(store, clock, logger, jobLock);
  const stopRetention = scheduleRetention(
    store,
    clock,
    logger,
    config.retentionDays,
    jobLock,
  );
  const stopSharedPurge = shared
    ? scheduleSharedLimitsPurge({ ...shared, clock, logger, lock: jobLock })
    : () => {};
  // SQLite keeps its indicators up to date in each write's own transaction: nothing to fold there.
  const stopIndicatorFold = shared
    ? scheduleIndicatorFold({
        fold: shared.foldIndicators,
        logger,
        lock: jobLock,
      })
    : () => {};
  const mail = startMail(
    config,
    { outbox: store, clock, logger },
    Boolean(process.env.PUBLIC_URL?.trim()),
  );
  const stopFollowUps = scheduleFollowUps(
    { store, clock, logger, onMailQueued: mail.wake, lock: jobLock },
    config,
  );
  const app = createApp({
    store,
    clock,
    config,
    logger,
    catalog,
    files: readBuiltFiles(),
    followUp: mail.followUp,
    onMailQueued: mail.wake,
    // On PostgreSQL, limits and login failures counted by every instance together.
    rateCounters: shared?.rateCounters,
    loginFailures: shared?.loginFailures,
  });
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host },
    (info) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      const origin = `http://${host}:${info.port}`;
      console.log(
        `SNU Aide écoute sur ${origin}/ (${tipCount} astuces, données dans ${opened.location})`,
      );
      console.log(mail.listening(origin));
    },
  );
  const stop = createGracefulShutdown({
    server,
    logger,
    cleanups: [
      stopPurges,
      stopRetention,
      stopFollowUps,
      stopSharedPurge,
      stopIndicatorFold,
    ],
    // The mail worker finishes the e-mail it is sending (its outcome is recorded) and a job its run
    // (its advisory lock released) before the store closes.
    close: async () => {
      await Promise.all([mail.stop(), jobLock.close(), tipListener?.close()]);
      await store.close();
    },
  });
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** The configuration from the environment; a wrong variable ends the process with a message naming it. */
function readConfigOrExit(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** `openStore`; a database that cannot be opened ends the process with a message (never the password). */
async function openStoreOrExit(
  config: Config,
  logger: Logger,
): Promise<OpenedStore> {
  try {
    return await openStore(config, logger);
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** `seedTipsIfEmpty`; a bad tip file ends the process with a message naming it, the store closed. */
async function seedTipsOrExit(store: AppStore, clock: Clock): Promise<void> {
  try {
    await seedTipsIfEmpty(store, clock);
  } catch (error) {
    if (error instanceof TipContentError) {
      console.error(error.message);
      await store.close();
      process.exit(1);
    }
    throw error;
  }
}

/** Demo accounts and reply templates when DEMO is on; says so when it is off because HOST is a network address. */
async function prepareDemo(
  config: Config,
  store: AppStore,
  lock: JobLock,
  clock: Clock,
) {
  if (!config.demo && !config.demoExplicit)
    console.log(
      `Mode démonstration désactivé : le serveur écoute sur ${config.host}, une adresse joignable depuis le réseau (DEMO=true pour le forcer).`,
    );
  if (!config.demo) return;
  const lines = await prepareDemoData(store, lock, clock.now());
  if (lines.length) console.log(lines.join("\n"));
}

/** The built widget, demo and console; without `npm run build` the server starts all the same, and warns. */
function readBuiltFiles() {
  const files = {
    widget: readFileSet(path.join(DIST_DIR, "widget")),
    demo: readFileSet(path.join(DIST_DIR, "demo")),
    console: readFileSet(path.join(DIST_DIR, "console")),
  };
  if (files.widget.size === 0)
    console.warn(
      "Le widget n'est pas construit : lancez « npm run build » (npm start le fait).",
    );
  return files;
}

await main();
