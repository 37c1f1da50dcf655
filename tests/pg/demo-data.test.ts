import { describe, expect, it, onTestFinished } from "vitest";
import { createPostgresJobLock } from "../../api/store/pg/pg-job-lock.ts";
import { createPgPool } from "../../api/store/pg/pool.ts";
import { prepareDemoData } from "../../api/support/demo-data.ts";
import { createPgAppStore } from "../support/pg-app-store.ts";
import { useMigratedDatabase } from "../support/pg-database.ts";

let url: string;
useMigratedDatabase(({ database }) => ({ url } = database));

/** One instance: its own pool (its own connections) and lock, as a server opens them. */
function instance() {
  const pool = createPgPool({ url, size: 3 });
  const lock = createPostgresJobLock(pool);
  onTestFinished(async () => {
    await lock.close();
    await pool.end();
  });
  return { store: createPgAppStore(pool), lock };
}

describe("the demo data on PostgreSQL", () => {
  it("is created once when three instances start at once: one prints the passwords, none fails", async () => {
    const instances = [instance(), instance(), instance()];
    const now = new Date("2026-12-04T10:00:00Z");
    const printed = await Promise.all(
      instances.map(({ store, lock }) => prepareDemoData(store, lock, now)),
    );
    // The lines of the instance that created them: a heading and four accounts; the others print nothing.
    expect(printed.map((lines) => lines.length).sort()).toEqual([0, 0, 5]);
    const { store } = instances[0]!;
    const users = await store.listUsers();
    expect(users.map((user) => user.email).sort()).toEqual([
      "admin@demo.snu-aide.fr",
      "agent@demo.snu-aide.fr",
      "referent13@demo.snu-aide.fr",
      "referent75@demo.snu-aide.fr",
    ]);
    expect(await store.listReplyTemplates()).toHaveLength(3);
    // Started again later: finds them, adds nothing.
    const again = instance();
    expect(await prepareDemoData(again.store, again.lock, now)).toEqual([]);
    expect(await store.listUsers()).toHaveLength(4);
    expect(await store.listReplyTemplates()).toHaveLength(3);
  });
});
