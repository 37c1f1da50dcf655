import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { ClientAddress } from "../middleware/client-address.ts";
import type { SupportStore } from "../store/support-types.ts";
import type { TipStore } from "../store/tip-types.ts";
import type { ConversationStore } from "../store/conversation-types.ts";
import { createLoginThrottle } from "./login-throttle.ts";
import { registerAnchorReportRoutes } from "./routes/anchor-reports.ts";
import { registerReportRoutes } from "./routes/reports.ts";
import { registerReplyRoutes } from "./routes/replies.ts";
import { registerReplyTemplateRoutes } from "./routes/reply-templates.ts";
import { registerRequestRoutes } from "./routes/requests.ts";
import { registerSessionRoutes } from "./routes/session.ts";
import { registerTipRoutes } from "./routes/tips.ts";
import { registerUserRoutes } from "./routes/users.ts";
import { refuseCrossSite, requireSession } from "./session-auth.ts";
import type { SupportEnv } from "./support-env.ts";

export interface SupportApiDeps {
  store: SupportStore & TipStore & ConversationStore;
  clock: Clock;
  logger: Logger;
  clientAddress: ClientAddress;
  trustProxy: boolean;
  /** Wakes the mail worker once a reply's e-mail is committed (issue 10). */
  onMailQueued?: () => void;
}

/**
 * `/support/api/*`: the console's API. Every route but login names `auth` itself, so no route is public by
 * accident of ordering; cross-site writes are refused before anything else.
 */
export function supportApi(deps: SupportApiDeps): Hono<AppEnv> {
  const app = new Hono<SupportEnv>();
  const auth = requireSession(deps.store, deps.clock);
  app.use("/support/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", c.res.headers.get("Cache-Control") ?? "no-store");
    c.header(
      "Content-Security-Policy",
      "default-src 'none'; frame-ancestors 'none'",
    );
  });
  app.use("/support/api/*", refuseCrossSite(deps.trustProxy));
  registerSessionRoutes(app, auth, {
    ...deps,
    throttle: createLoginThrottle({ clock: deps.clock }),
  });
  registerRequestRoutes(app, auth, deps);
  registerReplyRoutes(app, auth, deps);
  registerReplyTemplateRoutes(app, auth, deps);
  registerReportRoutes(app, auth, deps);
  registerUserRoutes(app, auth, deps);
  registerTipRoutes(app, auth, deps);
  registerAnchorReportRoutes(app, auth, deps);
  return app as unknown as Hono<AppEnv>;
}
