import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { systemClock } from "./clock.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { ROUTE_PATTERNS } from "./contract/routes.ts";
import { createJsonLogger } from "./logger.ts";
import { createSqliteStore } from "./store/sqlite-store.ts";
import { readFileSet } from "./static/file-set.ts";
import { createDemoAccounts } from "./support/demo-accounts.ts";
import { createDemoReplyTemplates } from "./support/demo-reply-templates.ts";
import { scheduleRetention } from "./support/retention-job.ts";
import { SESSION_IDLE_MS } from "./support/session-auth.ts";
import { createTipCatalog } from "./tips/catalog.ts";
import {
  createFollowUpTokens,
  loadFollowUpSecret,
} from "./follow-up/tokens.ts";
import { createMailComposer } from "./mail/compose-mail.ts";
import { startMailWorker } from "./mail/mail-worker.ts";
import { createFileTransport, createSmtpTransport } from "./mail/transports.ts";
import { scheduleFollowUps } from "./support/follow-up-job.ts";
import { TIPS_CONTENT_DIR } from "./tips/content-dir.ts";
import { loadTipSources, TipContentError } from "./tips/load-tips.ts";

/** Where `npm run build` writes the widget and the demo. */
const DIST_DIR = fileURLToPath(new URL("../dist", import.meta.url));
/** How long requests in flight get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
const IDEMPOTENCY_RETENTION_MS = 48 * 3600_000; // ≥ 24 h promised (BUDGETS.md), with a margin
const PURGE_EVERY_MS = 3600_000;

/** Starts SNU Aide: configuration, store, tips, then the HTTP server. Exits with a clear message on bad setup. */
async function main() {
  const logger = createJsonLogger();
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const store = createSqliteStore({
    file: path.join(config.dataDir, "snu-aide.sqlite"),
  });
  // Tips live in the database (issue 5); a new one starts with the repo files, published.
  if ((await store.countTips()) === 0) {
    try {
      const sources = loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS);
      await store.importTips(sources, systemClock.now());
    } catch (error) {
      if (error instanceof TipContentError) {
        console.error(error.message);
        await store.close();
        process.exit(1);
      }
      throw error;
    }
  }
  const catalog = createTipCatalog({ store, clock: systemClock, logger });
  const tipCount = (await catalog.records()).length;
  const purge = () =>
    store
      .purgeIdempotencyKeys(
        new Date(systemClock.now().getTime() - IDEMPOTENCY_RETENTION_MS),
      )
      .catch((error) =>
        logger.error("idempotency_purge_failed", {
          error: String(error?.name),
        }),
      );
  // Expired or idle console sessions are refused at once (findSession) and deleted here, so the table
  // stays small.
  const purgeSessions = () =>
    store
      .purgeExpiredSessions(systemClock.now(), SESSION_IDLE_MS)
      .catch((error) =>
        logger.error("session_purge_failed", {
          error: String(error?.name),
        }),
      );
  await purge();
  await purgeSessions();
  const stopRetention = scheduleRetention(
    store,
    systemClock,
    logger,
    config.retentionDays,
  );
  if (!config.demo && !config.demoExplicit)
    console.log(
      `Mode démonstration désactivé : le serveur écoute sur ${config.host}, une adresse joignable depuis le réseau (DEMO=true pour le forcer).`,
    );
  if (config.demo) {
    const lines = await createDemoAccounts(store, systemClock.now());
    if (lines.length) console.log(lines.join("\n"));
    await createDemoReplyTemplates(store, systemClock.now());
  }
  // Issue 10. Without PUBLIC_URL, links use the address the server really listens on (known once it
  // listens: PORT=0 picks a free port).
  let publicUrl = config.publicUrl;
  const followUp = createFollowUpTokens(
    loadFollowUpSecret(config.dataDir, config.followUpSecret),
    () => publicUrl,
  );
  const mailDir = path.join(config.dataDir, "mail");
  const transport = config.smtpUrl
    ? createSmtpTransport(config.smtpUrl)
    : createFileTransport(mailDir);
  const mailWorker = startMailWorker({
    outbox: store,
    transport,
    compose: createMailComposer({
      from: config.mailFrom,
      ...(config.mailReplyTo ? { replyTo: config.mailReplyTo } : {}),
      linkFor: followUp.urlFor,
    }),
    clock: systemClock,
    logger,
  });
  const wakeMailWorker = () => mailWorker.wake();
  // E-mails left due by a previous run (a crash, a stop) go at once, not after the first poll.
  wakeMailWorker();
  const stopFollowUps = scheduleFollowUps(
    { store, clock: systemClock, logger, onMailQueued: wakeMailWorker },
    config,
  );

  const purgeTimer = setInterval(() => {
    void purge();
    void purgeSessions();
  }, PURGE_EVERY_MS);
  purgeTimer.unref();

  const files = {
    widget: readFileSet(path.join(DIST_DIR, "widget")),
    demo: readFileSet(path.join(DIST_DIR, "demo")),
    console: readFileSet(path.join(DIST_DIR, "console")),
  };
  if (files.widget.size === 0)
    console.warn(
      "Le widget n'est pas construit : lancez « npm run build » (npm start le fait).",
    );
  const app = createApp({
    store,
    clock: systemClock,
    config,
    logger,
    catalog,
    files,
    followUp,
    onMailQueued: wakeMailWorker,
  });
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host },
    (info) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      if (!process.env.PUBLIC_URL?.trim())
        publicUrl = `http://${host}:${info.port}`;
      console.log(
        `SNU Aide écoute sur http://${host}:${info.port}/ (${tipCount} astuces, données dans ${config.dataDir})`,
      );
      // Where replies go; never the SMTP credentials.
      console.log(
        config.smtpUrl
          ? `E-mails envoyés par SMTP (${smtpHost(config.smtpUrl)}), liens de suivi vers ${publicUrl}`
          : `E-mails déposés dans ${mailDir} (aucun serveur SMTP configuré : SMTP_URL)`,
      );
    },
  );

  // Once the stop has begun, every response not yet started says "Connection: close": a keep-alive
  // client (a browser) then neither holds close() for its idle timeout (5 s) nor slips in new requests.
  let stopping = false;
  const pending = new Set<ServerResponse>();
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  };
  server.prependListener(
    "request",
    (_req: IncomingMessage, res: ServerResponse) => {
      if (stopping) return closeAfter(res);
      pending.add(res);
      res.once("close", () => pending.delete(res));
    },
  );

  // Graceful shutdown: stop accepting connections, let requests in flight finish (their 201 is sent
  // only once committed), then close the database. A stuck client cannot hold the stop forever.
  const stop = () => {
    stopping = true;
    pending.forEach(closeAfter);
    clearInterval(purgeTimer);
    stopRetention();
    stopFollowUps();
    logger.info("shutdown_started");
    const force = setTimeout(() => {
      logger.error("shutdown_forced", { afterMs: SHUTDOWN_GRACE_MS });
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // The mail worker finishes the e-mail it is sending (its outcome is recorded) before the store closes.
    server.close(
      () =>
        void mailWorker
          .stop()
          .then(() => transport.close())
          .then(() => store.close())
          .then(() => {
            logger.info("shutdown_done");
            process.exit(0);
          }),
    );
    // Idle keep-alive connections would keep close() waiting: end them now, busy ones when they finish.
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** `host:port` of an SMTP URL, without user or password. */
function smtpHost(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

await main();
