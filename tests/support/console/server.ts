import { Hono } from "hono";
import { http } from "msw";
import { beforeEach } from "vitest";
import { createApp } from "../../../api/app.ts";
import type { AppEnv } from "../../../api/app-env.ts";
import { createFixedClock } from "../../../api/clock.ts";
import type { ConsoleUser } from "../../../api/console/client/api-client.ts";
import { createMemoryLogger } from "../../../api/logger.ts";
import { createMemoryStore } from "../../../api/store/memory-store.ts";
import {
  hashToken,
  newSessionToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from "../../../api/support/session-auth.ts";
import { useMswServer } from "../msw-server.ts";
import { ACCOUNTS, apiUrl, NOW, PASSWORD_HASH } from "./fixtures.ts";

/** A call the console sent, as a browser's network panel lists it. */
export interface SentCall {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** The real app on the memory store, at NOW, with the accounts of fixtures.ts; a browser's cookie jar. */
async function createBackend() {
  const store = createMemoryStore();
  const clock = createFixedClock(NOW);
  const app = createApp({
    store,
    clock,
    logger: createMemoryLogger(),
    config: { allowedOrigins: [], trustProxy: false, rateLimitPerMinute: 1000 },
  });
  for (const { email, displayName, role, departments } of ACCOUNTS)
    await store.createUser(
      { email, displayName, role, departments, passwordHash: PASSWORD_HASH },
      NOW,
    );
  const cookies = new Map<string, string>();
  return { store, clock, cookies, app: behindCookieJar(app, cookies) };
}

type Backend = Awaited<ReturnType<typeof createBackend>>;

/**
 * The app with the browser's cookie handling. happy-dom's Request and Response are a page's: they drop
 * Cookie, Origin, Sec-Fetch-* and Set-Cookie (forbidden headers), which the browser itself handles. So the
 * Set-Cookie headers the app writes are taken as it writes them, and the others are set on the request once
 * built (`forward`).
 */
function behindCookieJar(app: Hono<AppEnv>, cookies: Map<string, string>) {
  return new Hono<AppEnv>()
    .use(async function keepCookies(c, next) {
      const header = c.header;
      c.header = ((name: string, value?: string, options?: object) => {
        if (name.toLowerCase() === "set-cookie" && value) {
          // `name=value; Path=/support; Max-Age=…` (every cookie of the app is under /support).
          const [pair = "", ...attributes] = value.split(";");
          const [cookie = "", ...content] = pair.trim().split("=");
          if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)))
            cookies.delete(cookie);
          else cookies.set(cookie, content.join("="));
        }
        header(name, value, options);
      }) as typeof c.header;
      await next();
    })
    .route("/", app)
    .notFound((c) => app.fetch(c.req.raw));
}

const READS = new Set(["GET", "HEAD"]);

/** Sends an intercepted call to the app with what the browser adds to a same-origin call. */
async function forward(
  backend: Backend,
  request: Request,
  text: string,
): Promise<Response> {
  const url = new URL(request.url);
  const sent = new Request(url, {
    method: request.method,
    headers: request.headers,
    ...(text ? { body: text } : {}),
  });
  // What `refuseCrossSite` (session-auth.ts) reads, as a browser sends it; and the body's length, which
  // spares the body guard a copy of the request (that copy would drop these headers again).
  sent.headers.set("Sec-Fetch-Site", "same-origin");
  if (!READS.has(request.method)) sent.headers.set("Origin", url.origin);
  if (text)
    sent.headers.set(
      "Content-Length",
      String(new TextEncoder().encode(text).length),
    );
  const cookie = [...backend.cookies].map(
    ([name, value]) => `${name}=${value}`,
  );
  if (cookie.length > 0) sent.headers.set("Cookie", cookie.join("; "));
  return backend.app.fetch(sent);
}

/**
 * msw for one console test file, at the network boundary only: every `/support/api/*` call goes to the
 * real app, built afresh for each test. `api.store` seeds it and reads what the console changed; `sent`
 * lists the calls the console made (for what no state shows: queries, and calls that must not happen).
 */
export function useConsoleServer() {
  // Both kept until the next test: a call of a console being closed still gets an answer.
  let current: Backend;
  let calls: SentCall[];
  beforeEach(async () => {
    current = await createBackend();
    calls = [];
  });
  const server = useMswServer(
    [
      http.all(apiUrl("/*"), async ({ request }) => {
        const text = READS.has(request.method) ? "" : await request.text();
        calls.push({
          method: request.method,
          url: new URL(request.url),
          headers: new Headers(request.headers),
          body: text ? JSON.parse(text) : undefined,
        });
        return forward(current, request, text);
      }),
    ],
    () => {},
  );

  const api = {
    get store() {
      return current.store;
    },
    get clock() {
      return current.clock;
    },
    /** Every call the console sent in this test, or those to one endpoint (`sent("GET", "/requests")`). */
    sent(method?: string, path?: string): SentCall[] {
      return calls.filter(
        (call) =>
          (!method || call.method === method) &&
          (!path || call.url.pathname === `/support/api${path}`),
      );
    },
    /**
     * Opens a session of `account` as its login would (the cookie in the jar); an agent's permission to
     * write tips is first set as `account` says (an admin's choice, issue 5).
     */
    async signIn(account: ConsoleUser): Promise<void> {
      const { store, clock, cookies } = current;
      if (account.role === "agent")
        await store.updateUser(account.id, {
          canEditTips: account.canEditTips,
        });
      const token = newSessionToken();
      const at = clock.now();
      await store.createSession(
        hashToken(token),
        account.id,
        new Date(at.getTime() + SESSION_TTL_MS),
        at,
      );
      cookies.set(SESSION_COOKIE, token);
    },
  };
  return { server, api };
}
