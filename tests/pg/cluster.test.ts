import fs from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findPgBin, startPgCluster } from "../support/pg-cluster.ts";
import { createTestDatabase } from "../support/pg-database.ts";

/**
 * Whether a process is alive: it exists and is not a zombie — the stopped postmaster, whose parent
 * (pg_ctl) is gone, waits to be reaped by init.
 */
function isRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!fs.existsSync(stat)) return false;
  // Field 3, after the command name in parentheses: R, S, D… or Z.
  return !/\) Z /.test(fs.readFileSync(stat, "utf8"));
}

describe("the tests' PostgreSQL harness", () => {
  // Needs the server's binaries, which a run against TEST_DATABASE_URL may not have.
  it.skipIf(!findPgBin())(
    "starts a cluster that accepts connections, then stops its server and removes its folder",
    async () => {
      const cluster = await startPgCluster();
      const pid = Number(
        fs
          .readFileSync(`${cluster.dir}/data/postmaster.pid`, "utf8")
          .split("\n")[0],
      );
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      const { rows } = await client.query("SHOW listen_addresses");
      expect(rows).toEqual([{ listen_addresses: "127.0.0.1" }]);
      // A client still connected does not hold the stop back (fast shutdown).
      client.on("error", () => {});
      expect(isRunning(pid)).toBe(true);
      await cluster.stop();
      expect(isRunning(pid)).toBe(false);
      expect(fs.existsSync(cluster.dir)).toBe(false);
      const late = new pg.Client({ connectionString: cluster.url });
      await expect(late.connect()).rejects.toMatchObject({
        code: "ECONNREFUSED",
      });
    },
  );

  it("gives each caller a database of its own, and drops it even with a connection left open", async () => {
    const [a, b] = await Promise.all([
      createTestDatabase(),
      createTestDatabase(),
    ]);
    expect(a.url).not.toBe(b.url);
    const client = new pg.Client({ connectionString: a.url });
    client.on("error", () => {});
    await client.connect();
    await client.query("CREATE TABLE mine (n integer)");
    const other = new pg.Client({ connectionString: b.url });
    await other.connect();
    const { rows } = await other.query("SELECT to_regclass('mine') AS t");
    expect(rows).toEqual([{ t: null }]);
    await other.end();
    const name = new URL(a.url).pathname.slice(1);
    await Promise.all([a.drop(), b.drop()]);
    const admin = new pg.Client({
      connectionString: new URL("/postgres", a.url).toString(),
    });
    await admin.connect();
    const left = await admin.query(
      "SELECT datname FROM pg_database WHERE datname = ANY($1)",
      [[name, new URL(b.url).pathname.slice(1)]],
    );
    await admin.end();
    expect(left.rows).toEqual([]);
  });
});
