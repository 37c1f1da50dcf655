import { Hono, type MiddlewareHandler } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { ApiError } from "../../api-error.ts";
import type { Clock } from "../../clock.ts";
import type { Logger } from "../../logger.ts";
import {
  LoginSchema,
  type ConsoleUser,
} from "../../contract/support-session.ts";
import { jsonBodyGuard, readJson } from "../../middleware/json-body.ts";
import type { ClientAddress } from "../../middleware/client-address.ts";
import type { SupportStore, SupportUser } from "../../store/support-types.ts";
import type { LoginThrottle } from "../login-throttle.ts";
import { DECOY_HASH, verifyPassword } from "../passwords.ts";
import {
  hashToken,
  newSessionToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionCookieOptions,
} from "../session-auth.ts";
import type { SupportEnv } from "../support-env.ts";
import { canEditTips } from "../tip-permissions.ts";

export interface SessionRouteDeps {
  store: SupportStore;
  clock: Clock;
  logger: Logger;
  throttle: LoginThrottle;
  clientAddress: ClientAddress;
  trustProxy: boolean;
}

const INVALID = "Adresse e-mail ou mot de passe incorrect.";

/** The account as the console sees it (no password hash); `canEditTips` is what it may do, admins included. */
function consoleUser(user: SupportUser): ConsoleUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    departments: user.departments,
    canEditTips: canEditTips(user),
  };
}

/** `/support/api/session`: log in (POST), who am I (GET), log out (DELETE). */
export function sessionRoutes(
  auth: MiddlewareHandler<SupportEnv>,
  deps: SessionRouteDeps,
): Hono<SupportEnv> {
  const app = new Hono<SupportEnv>();
  const { store, clock, throttle } = deps;

  app.post("/support/api/session", jsonBodyGuard(), async (c) => {
    const parsed = LoginSchema.safeParse((await readJson(c)).value);
    if (!parsed.success) throw new ApiError("invalid_credentials", INVALID);
    const email = parsed.data.email.trim().toLowerCase();
    const attempt = { email, address: deps.clientAddress(c) };
    // Counted before the password is checked: parallel attempts cannot all slip in during scrypt.
    const waitMs = await throttle.admit(attempt);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new ApiError(
        "rate_limited",
        `Trop de tentatives de connexion. Réessayez dans ${seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconde${seconds > 1 ? "s" : ""}`}.`,
        undefined,
        { "Retry-After": String(seconds) },
      );
    }
    const account = await store.findUserByEmail(email);
    // Same work whether or not the account exists, so timing does not reveal which e-mails have one.
    const valid = await verifyPassword(
      parsed.data.password,
      account?.passwordHash ?? DECOY_HASH,
    );
    if (!account || !valid || account.disabled) {
      deps.logger.info("support_login_failed", {
        requestId: c.get("requestId"),
      });
      throw new ApiError("invalid_credentials", INVALID);
    }
    await throttle.succeeded(attempt);
    const token = newSessionToken();
    const now = clock.now();
    await store.createSession(
      hashToken(token),
      account.id,
      new Date(now.getTime() + SESSION_TTL_MS),
      now,
    );
    setCookie(
      c,
      SESSION_COOKIE,
      token,
      sessionCookieOptions(c, SESSION_TTL_MS / 1000, deps.trustProxy),
    );
    deps.logger.info("support_login", {
      requestId: c.get("requestId"),
      userId: account.id,
    });
    return c.json({ user: consoleUser(account) });
  });

  app.get("/support/api/session", auth, (c) =>
    c.json({ user: consoleUser(c.get("user")) }),
  );
  app.delete("/support/api/session", auth, async (c) => {
    await store.deleteSession(c.get("sessionHash"));
    deleteCookie(c, SESSION_COOKIE, { path: "/support" });
    return c.body(null, 204);
  });
  return app;
}
