import { Hono } from "hono";
import { ApiError, respondWithError } from "./api-error.ts";
import type { AppEnv } from "./app-env.ts";
import { errorHandler } from "./error-handler.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import {
  createClientAddress,
  type ClientAddress,
} from "./middleware/client-address.ts";
import { corsAllowList } from "./middleware/cors.ts";
import { jsonWritesGuard } from "./middleware/json-body.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { requestLog } from "./middleware/request-log.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { healthRoutes } from "./routes/health.ts";
import { demoRoutes } from "./routes/demo-pages.ts";
import { homeRoutes } from "./routes/home.ts";
import { requestsRoutes } from "./routes/requests.ts";
import { followUpStatusRoutes } from "./routes/follow-up-status.ts";
import { anchorReportsRoutes } from "./routes/anchor-reports.ts";
import { anchorsRoutes } from "./routes/anchors.ts";
import { tipsRoutes } from "./routes/tips.ts";
import {
  EVENT_BATCHES_PER_MINUTE,
  widgetEventsRoutes,
} from "./routes/widget-events.ts";
import { widgetRoutes } from "./routes/widget-files.ts";
import type { StaticFile } from "./static/file-set.ts";
import type { AppStore } from "./store/app-store.ts";
import type { LoginFailureStore } from "./store/login-failures.ts";
import type { RateCounter } from "./store/rate-counter.ts";
import { consoleRoutes } from "./routes/console-pages.ts";
import { followUpPages } from "./routes/follow-up-pages.ts";
import { accessibilityPage } from "./routes/accessibility-page.ts";
import {
  createFollowUpTokens,
  type FollowUpTokens,
} from "./follow-up/tokens.ts";
import { supportApi } from "./support/support-api.ts";
import { createTipCatalog, type TipCatalog } from "./tips/catalog.ts";

export interface AppDeps {
  store: AppStore;
  clock: Clock;
  config: Pick<Config, "allowedOrigins" | "trustProxy" | "rateLimitPerMinute">;
  logger: Logger;
  /** What `/v1/tips` and `/v1/anchors` serve; defaults to the store's published tips (issue 5). */
  catalog?: TipCatalog;
  /** Wakes the mail worker after a reply is committed (issue 10). */
  onMailQueued?: () => void;
  /** Follow-up links (issue 10); tests get a fixed secret and `http://localhost` by default. */
  followUp?: FollowUpTokens;
  /** Defaults to the socket address (or X-Forwarded-For behind a trusted proxy). */
  clientAddress?: ClientAddress;
  /**
   * Where the rate limits count, one counter per limit (`bucket`); default: this process's memory. On
   * PostgreSQL, the counters every instance shares (issue 15).
   */
  rateCounters?: { counter(bucket: string): RateCounter };
  /** Where the console's failed logins are kept; default: this process's memory (as `rateCounters`). */
  loginFailures?: LoginFailureStore;
  /** Built front-end files (`dist/widget`, `dist/demo`, `dist/console`); absent without a build. */
  files?: {
    widget: ReadonlyMap<string, StaticFile>;
    demo: ReadonlyMap<string, StaticFile>;
    console?: ReadonlyMap<string, StaticFile>;
  };
}

/** Builds the whole HTTP application without listening: the server and the tests share it. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { store, clock, config, logger } = deps;
  const clientAddress =
    deps.clientAddress ?? createClientAddress(config.trustProxy);
  const catalog = deps.catalog ?? createTipCatalog({ store, clock, logger });
  const followUp =
    deps.followUp ??
    createFollowUpTokens(Buffer.alloc(32, 7), "http://localhost");
  const app = new Hono<AppEnv>();

  app.use(requestLog(logger));
  // CORP per area (/widget/* is embeddable from anywhere), CSP on /v1: see security-headers.ts.
  app.use(securityHeaders());
  // CORS before any guard or route, so that every /v1 answer, errors included, carries its headers.
  app.use(
    "/v1/*",
    corsAllowList({
      allowedOrigins: config.allowedOrigins,
      trustProxy: config.trustProxy,
      ...(deps.onMailQueued ? { onMailQueued: deps.onMailQueued } : {}),
    }),
  );
  // One limiter each, same settings: a page full of broken anchors never uses up the budget of a user's
  // request to the support.
  // Each limit counts in its own bucket: on PostgreSQL, their counts share a table, never a row.
  const counter = (bucket: string) => deps.rateCounters?.counter(bucket);
  const limiter = (bucket: string) =>
    rateLimit({
      limit: config.rateLimitPerMinute,
      clock,
      clientAddress,
      counter: counter(bucket),
    });
  app.post("/v1/requests", limiter("requests"));
  app.post("/v1/anchor-reports", limiter("anchor-reports"));
  app.post("/v1/follow-ups/status", limiter("follow-up-status"));
  // The widget's counters have their own budget, sized to what a real widget sends (widget-events.ts);
  // RATE_LIMIT_PER_MINUTE=0 still turns every limit off.
  app.post(
    "/v1/events",
    rateLimit({
      limit: config.rateLimitPerMinute > 0 ? EVENT_BATCHES_PER_MINUTE : 0,
      clock,
      clientAddress,
      counter: counter("events"),
    }),
  );
  // Every write with a body to a JSON area is JSON and ≤ 16 KB, refused before a byte is read, whatever
  // the route, the console login included (issue 11). Routes that take less keep their own guard.
  app.use("/v1/*", jsonWritesGuard());
  app.use("/support/api/*", jsonWritesGuard());

  app.route("/", widgetRoutes(deps.files?.widget ?? new Map()));
  app.route("/", demoRoutes(deps.files?.demo ?? new Map()));
  app.route("/", homeRoutes());
  app.route(
    "/",
    supportApi({
      store,
      catalog,
      clock,
      logger,
      clientAddress,
      trustProxy: config.trustProxy,
      loginFailures: deps.loginFailures,
      ...(deps.onMailQueued ? { onMailQueued: deps.onMailQueued } : {}),
    }),
  );
  app.route("/", consoleRoutes(deps.files?.console ?? new Map()));
  app.route(
    "/",
    followUpPages({
      store,
      tokens: followUp,
      clock,
      clientAddress,
      rateLimitPerMinute: config.rateLimitPerMinute,
      rateCounter: counter("suivi"),
      trustProxy: config.trustProxy,
    }),
  );
  app.route("/", accessibilityPage({ logger }));
  app.route("/", healthRoutes());
  app.route("/", tipsRoutes(catalog));
  app.route("/", anchorsRoutes(catalog));
  app.route("/", requestsRoutes({ store, clock, followUp }));
  app.route("/", followUpStatusRoutes({ store, tokens: followUp }));
  app.route("/", anchorReportsRoutes({ store, clock }));
  app.route("/", widgetEventsRoutes({ store, clock, catalog }));

  app.notFound((c) =>
    respondWithError(
      c,
      new ApiError("not_found", "Cette adresse n'existe pas."),
    ),
  );
  app.onError(errorHandler(logger));
  return app;
}
