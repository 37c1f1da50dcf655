import { Hono } from "hono";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { ClientAddress } from "../middleware/client-address.ts";
import type { SupportStore } from "../store/support-types.ts";
import type { TipStore } from "../store/tip-types.ts";
import type { ConversationStore } from "../store/conversation-types.ts";
import type { IndicatorStore } from "../store/indicator-types.ts";
import type { LoginFailureStore } from "../store/login-failures.ts";
import type { TipCatalog } from "../tips/catalog.ts";
import { createLoginThrottle } from "./login-throttle.ts";
import { anchorReportRoutes } from "./routes/anchor-reports.ts";
import { indicatorRoutes } from "./routes/indicators.ts";
import { reportRoutes } from "./routes/reports.ts";
import { replyRoutes } from "./routes/replies.ts";
import { replyTemplateRoutes } from "./routes/reply-templates.ts";
import { requestRoutes } from "./routes/requests.ts";
import { sessionRoutes } from "./routes/session.ts";
import { tipRoutes } from "./routes/tips.ts";
import { userRoutes } from "./routes/users.ts";
import { refuseCrossSite, requireSession } from "./session-auth.ts";
import type { SupportEnv } from "./support-env.ts";

export interface SupportApiDeps {
  store: SupportStore & TipStore & ConversationStore & IndicatorStore;
  /** The published tips, as `GET /v1/tips` serves them: the indicators list pages left without one. */
  catalog: TipCatalog;
  clock: Clock;
  logger: Logger;
  clientAddress: ClientAddress;
  trustProxy: boolean;
  /** Wakes the mail worker once a reply's e-mail is committed (issue 10). */
  onMailQueued?: () => void;
  /** Where failed logins are counted (default: this process's memory; on PostgreSQL, shared by all instances). */
  loginFailures?: LoginFailureStore;
}

/**
 * `/support/api/*`: the console's API, one sub-app per area. Every route but login names `auth` itself,
 * so no route is public by accident of ordering; cross-site writes are refused before anything else.
 */
export function supportApi(deps: SupportApiDeps): Hono<SupportEnv> {
  const auth = requireSession(deps.store, deps.clock);
  const throttle = createLoginThrottle({
    clock: deps.clock,
    ...(deps.loginFailures ? { failures: deps.loginFailures } : {}),
  });
  return new Hono<SupportEnv>()
    .use("/support/api/*", async (c, next) => {
      await next();
      c.header(
        "Cache-Control",
        c.res.headers.get("Cache-Control") ?? "no-store",
      );
      c.header(
        "Content-Security-Policy",
        "default-src 'none'; frame-ancestors 'none'",
      );
    })
    .use("/support/api/*", refuseCrossSite(deps.trustProxy))
    .route("/", sessionRoutes(auth, { ...deps, throttle }))
    .route("/", requestRoutes(auth, deps))
    .route("/", replyRoutes(auth, deps))
    .route("/", replyTemplateRoutes(auth, deps))
    .route("/", reportRoutes(auth, deps))
    .route("/", userRoutes(auth, deps))
    .route("/", tipRoutes(auth, deps))
    .route("/", anchorReportRoutes(auth, deps))
    .route("/", indicatorRoutes(auth, deps));
}
