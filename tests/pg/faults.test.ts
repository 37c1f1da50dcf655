import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMemoryLogger } from "../../api/logger.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { migratePostgres } from "../../api/store/pg/pg-migrations.ts";
import { createPostgresRequestStore } from "../../api/store/pg/pg-request-store.ts";
import { StoreUnavailableError } from "../../api/store/store-faults.ts";
import { makeNewRequest } from "../support/factories.ts";
import {
  createTestDatabase,
  type TestDatabase,
} from "../support/pg-database.ts";

let database: TestDatabase;
let admin: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = createPgPool({ url: database.url, size: 2 });
  await migratePostgres(admin);
});
afterAll(async () => {
  await admin.end();
  await database.drop();
});

const NOW = new Date("2026-06-01T12:00:00Z");

/** A loopback port where nothing listens: a server that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("postgresql store faults", () => {
  it("answers StoreUnavailableError while the server cannot be reached", async () => {
    const pool = createPgPool({
      url: `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`,
      size: 1,
    });
    const store = createPostgresRequestStore(pool, { ownsPool: true });
    await expect(store.countRequests()).rejects.toMatchObject({
      name: "StoreUnavailableError",
      code: "ECONNREFUSED",
    });
    await store.close();
  });

  it("answers StoreUnavailableError when no connection comes free in time", async () => {
    const pool = createPgPool({
      url: database.url,
      size: 1,
      connectTimeoutMs: 100,
    });
    const store = createPostgresRequestStore(pool, { ownsPool: true });
    const held = await pool.connect();
    await expect(
      store.createRequest(makeNewRequest(), NOW),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    held.release();
    expect(
      (await store.createRequest(makeNewRequest(), NOW)).reference,
    ).toMatch(/^SNU-2026-/);
    await store.close();
  });

  it("keeps serving when the server cuts its idle connections, and logs it", async () => {
    const logger = createMemoryLogger();
    const pool = createPgPool({ url: database.url, size: 2, logger });
    const store = createPostgresRequestStore(pool, { ownsPool: true });
    await Promise.all([store.countRequests(), store.countRequests()]);
    expect(pool.idleCount).toBe(2);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'snu-aide' AND pid <> pg_backend_pid()
       AND state = 'idle'`,
    );
    await vi.waitFor(() => expect(pool.idleCount).toBe(0));
    expect(logger.lines.map((line) => JSON.parse(line).event)).toContain(
      "db_idle_connection_lost",
    );
    const { rows } = await admin.query(
      "SELECT count(*)::int AS n FROM requests",
    );
    expect(await store.countRequests()).toBe(rows[0].n);
    await store.close();
  });
});
