import pg from "pg";
import {
  afterAll,
  beforeAll,
  describe,
  expect,
  it,
  onTestFinished,
  vi,
} from "vitest";
import { createFixedClock } from "../../api/clock.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { listenForTipChanges } from "../../api/store/pg/pg-tip-listener.ts";
import {
  createPostgresStore,
  type PostgresStore,
} from "../../api/store/pg/pg-store.ts";
import { createTipCatalog } from "../../api/tips/catalog.ts";
import {
  createTestDatabase,
  type TestDatabase,
} from "../support/pg-database.ts";
import { makeTipSource } from "../support/tip-sources.ts";

// Issue 15: a tip published through one instance is served by every other within 1 s — LISTEN/NOTIFY, not
// the catalog's periodic stamp read, which these catalogs do only once an hour.

const SERVED_WITHIN_MS = 1_000;
const NOW = new Date("2026-06-01T10:00:00Z");
const AN_HOUR = 3600_000;

let database: TestDatabase;
let admin: pg.Client;
let writer: PostgresStore;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  writer = await createPostgresStore({
    url: database.url,
    poolSize: 3,
    secret: Buffer.alloc(32, 3),
  });
});
afterAll(async () => {
  await writer?.store.close();
  await admin?.end();
  await database?.drop();
});

/** Another instance's catalog, rebuilt only when told of a change (its stamp read at most once an hour). */
async function anotherInstance(
  listen: (
    instance: PostgresStore,
    onChange: () => void,
    logger: ReturnType<typeof createMemoryLogger>,
  ) => { close(): Promise<void> },
) {
  const logger = createMemoryLogger();
  const instance = await createPostgresStore({
    url: database.url,
    poolSize: 2,
    secret: Buffer.alloc(32, 3),
    logger,
  });
  const catalog = createTipCatalog({
    store: instance.store,
    clock: createFixedClock(NOW),
    logger,
    otherWritersDelayMs: AN_HOUR,
  });
  const listener = listen(instance, catalog.changed, logger);
  onTestFinished(async () => {
    await listener.close();
    await instance.store.close();
  });
  const events = (name: string) =>
    logger.lines.filter((line) => JSON.parse(line).event === name).length;
  await vi.waitFor(() => expect(events("tips_listening")).toBe(1));
  const ids = async () => (await catalog.records()).map((tip) => tip.id);
  return { catalog, ids, events };
}

/** Publishes a tip through the writer instance, as `tips:import` does; resolves once committed. */
async function publish(id: string) {
  await writer.store.importTips([makeTipSource({ id })], NOW);
  return performance.now();
}

/** Waits until the instance serves `id`; returns how long after `since` it did. */
async function servedAfter(
  instance: { ids(): Promise<string[]> },
  id: string,
  since: number,
) {
  await vi.waitFor(async () => expect(await instance.ids()).toContain(id), {
    timeout: 5_000,
    interval: 20,
  });
  return performance.now() - since;
}

/** Cuts the listener's connection, as a failover or an operator would. */
async function killListener() {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
     WHERE application_name = 'snu-aide-tips' AND datname = current_database()`,
  );
  expect(rows).toHaveLength(1);
  await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
}

describe("postgresql tip notifications", () => {
  it("serves a tip published on one instance from another within 1 s, and again after its connection was killed", async () => {
    // As the server does: the store's listener, on its own connection.
    const other = await anotherInstance((instance, onChange) =>
      instance.listenForTipChanges(onChange),
    );
    // Built once: from now on only a notification makes this catalog read the database again.
    expect(await other.ids()).not.toContain("notif-premiere");

    const first = await publish("notif-premiere");
    expect(await servedAfter(other, "notif-premiere", first)).toBeLessThan(
      SERVED_WITHIN_MS,
    );

    await killListener();
    await vi.waitFor(() => expect(other.events("tips_listening")).toBe(2));
    expect(other.events("tips_listener_lost")).toBe(1);
    const second = await publish("notif-seconde");
    expect(await servedAfter(other, "notif-seconde", second)).toBeLessThan(
      SERVED_WITHIN_MS,
    );
  });

  it("serves what was published while its connection was down, once it listens again", async () => {
    // A slow first retry: the publication surely happens while nobody listens on this instance.
    const other = await anotherInstance((_, onChange, logger) =>
      listenForTipChanges({
        url: database.url,
        onChange,
        logger,
        retryMs: 3_000,
      }),
    );
    await other.ids();
    await killListener();
    await vi.waitFor(() => expect(other.events("tips_listener_lost")).toBe(1));
    await publish("notif-pendant-coupure");
    expect(other.events("tips_listening")).toBe(1);
    await vi.waitFor(() => expect(other.events("tips_listening")).toBe(2), {
      timeout: 10_000,
    });
    const reconnected = performance.now();
    expect(
      await servedAfter(other, "notif-pendant-coupure", reconnected),
    ).toBeLessThan(SERVED_WITHIN_MS);
  });

  // The second and later tries run from a timer: a throw there would have ended this test process.
  it.each([
    [
      "the server refuses the database",
      "3D000",
      (url: URL) => (url.pathname = "/no_such_database"),
    ],
    [
      "the driver throws while building its client (a certificate file gone)",
      "ENOENT",
      (url: URL) => {
        url.searchParams.set("sslmode", "verify-full");
        url.searchParams.set("sslrootcert", "/nonexistent/snu-aide-ca.pem");
      },
    ],
  ])(
    "retries, without ending the process, while %s",
    async (_, code, spoil) => {
      const logger = createMemoryLogger();
      const onChange = vi.fn();
      const url = new URL(database.url);
      spoil(url);
      const listener = listenForTipChanges({
        url: url.toString(),
        onChange,
        logger,
        retryMs: 20,
        maxRetryMs: 40,
      });
      onTestFinished(() => listener.close());
      const losses = () =>
        logger.lines.filter((line) => line.includes("tips_listener_lost"));
      await vi.waitFor(() => expect(losses().length).toBeGreaterThanOrEqual(3));
      for (const line of losses()) expect(line).toContain(`"code":"${code}"`);
      expect(onChange).not.toHaveBeenCalled();
    },
  );
});
