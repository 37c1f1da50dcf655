import { createHash, randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { ApiError } from "../api-error.ts";
import { ownOrigin } from "../middleware/own-origin.ts";
import type { Clock } from "../clock.ts";
import type { SupportStore } from "../store/support-types.ts";
import { scopeOf, type SupportEnv } from "./support-env.ts";

export const SESSION_COOKIE = "snu_support";
/** A working day: sessions end on their own, even if a logout is forgotten on a shared computer. */
export const SESSION_TTL_MS = 10 * 3600_000;
/** And sooner when left alone: 2 h without a call to the API ends a session (issue 11). */
export const SESSION_IDLE_MS = 2 * 3600_000;
/** Activity is written at most this often per session, not on every request. */
export const SESSION_TOUCH_MS = 60_000;

/** Sessions are stored by the SHA-256 of their token: a copy of the database opens no session. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Cookie attributes: HttpOnly, SameSite=Strict, path-limited, Secure when the console is served over HTTPS. */
export function sessionCookieOptions(
  c: Context,
  maxAgeSeconds: number,
  trustProxy: boolean,
) {
  // The same origin rule as CORS and the cross-site check: X-Forwarded-Proto counts only behind TRUST_PROXY.
  const https = ownOrigin(c, trustProxy).startsWith("https:");
  return {
    httpOnly: true,
    sameSite: "Strict" as const,
    path: "/support",
    secure: https,
    maxAge: maxAgeSeconds,
  };
}

/**
 * Refuses anonymous calls (401) and attaches the account and its scope; a disabled account is logged out,
 * and so is a session past its 10 h or idle for 2 h. Each call counts as activity, written once a minute.
 */
export function requireSession(
  store: SupportStore,
  clock: Clock,
): MiddlewareHandler<SupportEnv> {
  return async function authenticate(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    const sessionHash = token ? hashToken(token) : undefined;
    const now = clock.now();
    const session = sessionHash
      ? await store.findSession(sessionHash, now, SESSION_IDLE_MS)
      : undefined;
    const user = session ? await store.getUser(session.userId) : undefined;
    if (!sessionHash || !session || !user || user.disabled) {
      throw new ApiError(
        "unauthenticated",
        "Votre session a expiré. Reconnectez-vous.",
      );
    }
    if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_MS)
      await store.touchSession(sessionHash, now);
    c.set("user", user);
    c.set("scope", scopeOf(user));
    c.set("sessionHash", sessionHash);
    return next();
  };
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * State-changing console calls must come from the console itself: same origin (Origin or Sec-Fetch-Site)
 * and the custom header, which a cross-site form cannot send. The SameSite=Strict cookie is the first line.
 */
export function refuseCrossSite(trustProxy: boolean): MiddlewareHandler {
  return async function checkSameSite(c, next) {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const sameOrigin = origin
      ? origin === ownOrigin(c, trustProxy)
      : site === undefined || site === "same-origin";
    if (!sameOrigin || c.req.header("x-snu-support") !== "1") {
      throw new ApiError(
        "origin_not_allowed",
        "Cette action doit être faite depuis la console support.",
      );
    }
    return next();
  };
}
