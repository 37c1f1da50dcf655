import net from "node:net";
import { Hono } from "hono";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppEnv } from "../../api/app-env.ts";
import { createFixedClock } from "../../api/clock.ts";
import { errorHandler } from "../../api/error-handler.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { createClientAddress } from "../../api/middleware/client-address.ts";
import { rateLimit } from "../../api/middleware/rate-limit.ts";
import { requestLog } from "../../api/middleware/request-log.ts";
import type { LoginFailureStore } from "../../api/store/login-failures.ts";
import { createPostgresLoginFailures } from "../../api/store/pg/pg-login-failures.ts";
import { migratePostgres } from "../../api/store/pg/pg-migrations.ts";
import { createPostgresRateCounters } from "../../api/store/pg/pg-rate-counter.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import type { RateCounter } from "../../api/store/rate-counter.ts";
import { createAccount } from "../../api/support/accounts.ts";
import { LOGIN_FAILURE_WINDOW_MS } from "../../api/support/login-throttle.ts";
import { supportApi } from "../../api/support/support-api.ts";
import { createPgAppStore } from "../support/pg-app-store.ts";
import {
  createTestDatabase,
  truncateTables,
  type TestDatabase,
} from "../support/pg-database.ts";
import { CONSOLE_HEADERS, TEST_PASSWORD } from "../support/support-session.ts";
import { fromAddress } from "../support/test-app.ts";

// Issue 15: the per-address rate limits and the console's login throttle counted by every instance
// together. Two « instances »: two pools, two apps, on one database.

const SECRET = Buffer.alloc(32, 9);

let database: TestDatabase;
let poolA: pg.Pool;
let poolB: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  poolA = createPgPool({ url: database.url, size: 4 });
  poolB = createPgPool({ url: database.url, size: 4 });
  await migratePostgres(poolA);
});
afterAll(async () => {
  await poolA.end();
  await poolB.end();
  await database.drop();
});

let clock: ReturnType<typeof createFixedClock>;
beforeEach(async () => {
  await truncateTables(poolA);
  clock = createFixedClock("2026-11-29T10:00:00Z");
});

/** The real middleware and error handler in front of a route that counts what it serves. */
function limitedApp(counter: RateCounter, limit: number) {
  const logger = createMemoryLogger();
  const app = new Hono<AppEnv>();
  let served = 0;
  app.use(requestLog(logger));
  app.post(
    "/v1/requests",
    rateLimit({
      limit,
      clock,
      clientAddress: createClientAddress(false),
      counter,
    }),
    (c) => {
      served++;
      return c.json({ ok: true }, 201);
    },
  );
  app.onError(errorHandler(logger));
  return { app, logger, served: () => served };
}

/** An instance of the rate-limited route on its own pool, counting in the shared table. */
function rateInstance(pool: pg.Pool, limit: number, bucket = "requests") {
  const counters = createPostgresRateCounters(pool, { secret: SECRET });
  return { ...limitedApp(counters.counter(bucket), limit), counters };
}

type App = ReturnType<typeof limitedApp>["app"];
const post = (app: App, address: string) =>
  app.request("/v1/requests", { method: "POST" }, fromAddress(address));

/** A closed loopback port: a database server that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("rate limits shared by the instances", () => {
  it("counts one limit across both instances: the hit past it, on either, answers 429 with Retry-After", async () => {
    const a = rateInstance(poolA, 3);
    const b = rateInstance(poolB, 3);
    expect((await post(a.app, "203.0.113.5")).status).toBe(201);
    expect((await post(b.app, "203.0.113.5")).status).toBe(201);
    expect((await post(a.app, "203.0.113.5")).status).toBe(201);
    for (const app of [b.app, a.app]) {
      const limited = await post(app, "203.0.113.5");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("Retry-After")).toBe("60");
      expect((await limited.json()).error.code).toBe("rate_limited");
    }
    expect(a.served() + b.served()).toBe(3);
    // Another address, and another limit for the same address, count apart.
    expect((await post(b.app, "198.51.100.7")).status).toBe(201);
    const pages = rateInstance(poolB, 3, "suivi");
    expect((await post(pages.app, "203.0.113.5")).status).toBe(201);
  });

  it("restarts the window for both instances once it has ended", async () => {
    const a = rateInstance(poolA, 2);
    const b = rateInstance(poolB, 2);
    expect((await post(a.app, "203.0.113.5")).status).toBe(201);
    clock.advance(30_000);
    expect((await post(b.app, "203.0.113.5")).status).toBe(201);
    const limited = await post(a.app, "203.0.113.5");
    expect(limited.status).toBe(429);
    // The window opened at the first hit, on the other instance.
    expect(limited.headers.get("Retry-After")).toBe("30");
    clock.advance(30_000);
    expect((await post(b.app, "203.0.113.5")).status).toBe(201);
    expect((await post(a.app, "203.0.113.5")).status).toBe(201);
    expect((await post(b.app, "203.0.113.5")).status).toBe(429);
  });

  it("counts parallel hits on both instances once each: exactly the limit gets through", async () => {
    const a = rateInstance(poolA, 10);
    const b = rateInstance(poolB, 10);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(i % 2 ? a.app : b.app, "203.0.113.5"),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    expect(a.served() + b.served()).toBe(10);
  });

  it("keeps no address in clear in the database", async () => {
    const a = rateInstance(poolA, 5);
    await post(a.app, "203.0.113.77");
    const { rows } = await poolA.query("SELECT * FROM rate_counters");
    expect(rows).toHaveLength(1);
    expect(rows[0].bucket).toBe("requests");
    expect(JSON.stringify(rows)).not.toContain("203.0.113");
  });

  it("purges ended windows in bounded batches and keeps those still running", async () => {
    const a = rateInstance(poolA, 5);
    for (let i = 0; i < 5; i++) await post(a.app, `198.51.100.${i}`);
    clock.advance(50_000);
    await post(a.app, "203.0.113.1");
    await post(a.app, "203.0.113.2");
    const now = new Date(clock.now().getTime() + 10_000);
    expect(await a.counters.purge(now, { batch: 2, maxBatches: 2 })).toBe(4);
    expect(await a.counters.purge(now, { batch: 2 })).toBe(1);
    const { rows } = await poolA.query<{ count: string }>(
      "SELECT count(*) FROM rate_counters",
    );
    expect(Number(rows[0]!.count)).toBe(2);
    // A purged address starts a new window.
    expect((await post(a.app, "198.51.100.0")).status).toBe(201);
  });

  it("answers 503 with Retry-After when the database cannot count, without serving the request", async () => {
    const down = createPgPool({
      url: `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`,
      size: 1,
    });
    try {
      const a = rateInstance(down, 5);
      const response = await post(a.app, "203.0.113.5");
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("5");
      expect((await response.json()).error.code).toBe("unavailable");
      expect(a.served()).toBe(0);
      expect(a.logger.lines.join("\n")).toContain("store_unavailable");
    } finally {
      await down.end();
    }
  });
});

/** The console's API as one instance serves it, on its own pool and failures store. */
function consoleInstance(pool: pg.Pool, loginFailures?: LoginFailureStore) {
  const logger = createMemoryLogger();
  const store = createPgAppStore(pool);
  const app = new Hono<AppEnv>();
  app.route(
    "/",
    supportApi({
      store,
      catalog: { records: async () => [] },
      clock,
      logger,
      clientAddress: createClientAddress(false),
      trustProxy: false,
      loginFailures:
        loginFailures ?? createPostgresLoginFailures(pool, { secret: SECRET }),
    }),
  );
  app.onError(errorHandler(logger));
  return { app, store };
}

type ConsoleApp = ReturnType<typeof consoleInstance>["app"];
const login = (
  app: ConsoleApp,
  email: string,
  password: string,
  address: string,
) =>
  app.request(
    "/support/api/session",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", ...CONSOLE_HEADERS },
      body: JSON.stringify({ email, password }),
    },
    fromAddress(address),
  );

async function twoConsoles(...emails: string[]) {
  const a = consoleInstance(poolA);
  const b = consoleInstance(poolB);
  for (const email of emails)
    await createAccount(
      a.store,
      { email, role: "agent", password: TEST_PASSWORD },
      new Date("2026-11-01T00:00:00Z"),
    );
  return { a: a.app, b: b.app };
}

describe("login throttle shared by the instances", () => {
  it("imposes on instance B the wait earned by failures on instance A", async () => {
    const { a, b } = await twoConsoles("cible@test.fr");
    // Five free failures on A, each from its own address: only the account's count can stop the sixth.
    for (let i = 1; i <= 5; i++)
      expect(
        (await login(a, "cible@test.fr", "devine", `198.51.100.${i}`)).status,
      ).toBe(401);
    const slowed = await login(b, "cible@test.fr", TEST_PASSWORD, "192.0.2.1");
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get("Retry-After")).toBe("1");
    clock.advance(1000);
    expect(
      (await login(b, "cible@test.fr", TEST_PASSWORD, "192.0.2.1")).status,
    ).toBe(200);
  });

  it("lets a success on B take back A's failures on that account only", async () => {
    const { a, b } = await twoConsoles("moi@test.fr");
    const address = "203.0.113.7";
    // On A: three other accounts tried once each, one typo on one's own account.
    for (const victim of ["v1", "v2", "v3"])
      expect(
        (await login(a, `${victim}@test.fr`, "devine", address)).status,
      ).toBe(401);
    expect((await login(a, "moi@test.fr", "faute", address)).status).toBe(401);
    // Three more failures on the account from elsewhere: four in all, one short of a wait.
    for (let i = 1; i <= 3; i++)
      expect(
        (await login(a, "moi@test.fr", "faute", `192.0.2.${i}`)).status,
      ).toBe(401);
    expect((await login(b, "moi@test.fr", TEST_PASSWORD, address)).status).toBe(
      200,
    );
    // The account's failures are gone everywhere: five free failures again before a wait.
    for (let i = 10; i < 15; i++)
      expect(
        (await login(a, "moi@test.fr", "faute", `192.0.2.${i}`)).status,
      ).toBe(401);
    expect((await login(b, "moi@test.fr", "faute", "192.0.2.20")).status).toBe(
      429,
    );
    // The address's three guesses on other accounts are not: two more free failures, then it waits.
    for (const victim of ["v4", "v5"])
      expect(
        (await login(a, `${victim}@test.fr`, "devine", address)).status,
      ).toBe(401);
    const slowed = await login(b, "v6@test.fr", "devine", address);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await login(b, "v6@test.fr", "devine", "203.0.113.8")).status).toBe(
      401,
    );
  });

  it("keeps the address's guesses on other accounts when they are fewer than its attempts on its own", async () => {
    const { a, b } = await twoConsoles("moi@test.fr");
    const address = "203.0.113.9";
    // Two guesses on other accounts, one typo on one's own, then the success: four counted, two of them mine.
    for (const victim of ["v1", "v2"])
      expect(
        (await login(a, `${victim}@test.fr`, "devine", address)).status,
      ).toBe(401);
    expect((await login(a, "moi@test.fr", "faute", address)).status).toBe(401);
    expect((await login(b, "moi@test.fr", TEST_PASSWORD, address)).status).toBe(
      200,
    );
    // The two guesses stay: three more free ones (five in all), then a wait — as the memory store does.
    for (const victim of ["v3", "v4", "v5"])
      expect(
        (await login(b, `${victim}@test.fr`, "devine", address)).status,
      ).toBe(401);
    expect((await login(a, "v6@test.fr", "devine", address)).status).toBe(429);
  });

  it("checks parallel attempts on both instances one after the other: no more get checked than sequentially", async () => {
    const { a, b } = await twoConsoles("cible@test.fr");
    const responses = await Promise.all(
      Array.from({ length: 41 }, (_, i) =>
        login(
          i % 2 ? a : b,
          "cible@test.fr",
          i === 20 ? TEST_PASSWORD : `mauvais-${i}`,
          `198.51.100.${i + 1}`,
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    // The free failures and no more were checked (the right password may be among them, whatever the
    // order the two instances' transactions got the account's row in).
    expect(statuses.filter((status) => status !== 429)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(36);
    expect(
      statuses.filter((status) => status === 401 || status === 200),
    ).toHaveLength(5);
  });

  it("keeps no e-mail or address in clear, and purges failures past the window", async () => {
    const { a } = await twoConsoles();
    await login(a, "ancien@test.fr", "devine", "198.51.100.9");
    clock.advance(LOGIN_FAILURE_WINDOW_MS / 2);
    await login(a, "recent@test.fr", "devine", "198.51.100.9");
    const { rows } = await poolA.query("SELECT * FROM login_failures");
    // Two accounts, one address, two pairs.
    expect(rows).toHaveLength(5);
    expect(JSON.stringify(rows)).not.toMatch(/ancien|recent|198\.51/);
    const failures = createPostgresLoginFailures(poolB, { secret: SECRET });
    clock.advance(LOGIN_FAILURE_WINDOW_MS / 2 + 1);
    const before = new Date(clock.now().getTime() - LOGIN_FAILURE_WINDOW_MS);
    // The old account and its pair; the address failed again since.
    expect(await failures.purge(before)).toBe(2);
    const left = await poolA.query(
      "SELECT count(*)::integer AS n FROM login_failures",
    );
    expect(left.rows[0].n).toBe(3);
  });

  it("answers 503 when the failures cannot be counted, and logs no one in", async () => {
    const down = createPgPool({
      url: `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`,
      size: 1,
    });
    try {
      const failures = createPostgresLoginFailures(down, { secret: SECRET });
      const { app, store } = consoleInstance(poolA, failures);
      await createAccount(
        store,
        { email: "cible@test.fr", role: "agent", password: TEST_PASSWORD },
        new Date("2026-11-01T00:00:00Z"),
      );
      const response = await login(
        app,
        "cible@test.fr",
        TEST_PASSWORD,
        "192.0.2.1",
      );
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("5");
      expect(response.headers.get("Set-Cookie")).toBeNull();
      const { rows } = await poolA.query(
        "SELECT count(*)::integer AS n FROM support_sessions",
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await down.end();
    }
  });
});
