import { once } from "node:events";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { makeRequestBody } from "../support/factories.ts";
import { useEmptyDatabase, type TestDatabase } from "../support/pg-database.ts";
import {
  spawnServerProcess,
  startServerProcess,
  stopAllServerProcesses,
} from "../support/server-process.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// Issue 15: `DATABASE_URL=… FOLLOW_UP_SECRET=… npm start` runs SNU Aide on PostgreSQL: it migrates, serves,
// and stops cleanly on SIGTERM, its connections closed. One process here; several: another test file.

const SECRET = "5e".repeat(32);
const PASSWORD = "mot-de-passe-secret";
const dataDir = makeTempDir();

let database: TestDatabase;
let admin: pg.Pool;
useEmptyDatabase((opened) => ({ pool: admin, database } = opened));
afterEach(stopAllServerProcesses);

/** The test database's URL with a password in it (trust authentication ignores it): it must never show. */
function urlWithPassword(url = database.url): string {
  const withPassword = new URL(url);
  withPassword.password = PASSWORD;
  return withPassword.toString();
}

function postgresEnv(url = urlWithPassword()): Record<string, string> {
  return {
    DATABASE_URL: url,
    FOLLOW_UP_SECRET: SECRET,
    DATA_DIR: dataDir,
    DEMO: "false",
  };
}

/** The server's connections to the test database, by application name. */
async function connections(): Promise<string[]> {
  const { rows } = await admin.query<{ name: string }>(
    `SELECT application_name AS name FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'snu-aide%'`,
  );
  return rows.map((row) => row.name).sort();
}

describe("the server on PostgreSQL", () => {
  it("starts, stores a request, counts its limit in the database, and stops on SIGTERM with its connections closed", async () => {
    const server = await startServerProcess({
      ...postgresEnv(),
      RATE_LIMIT_PER_MINUTE: "5",
    });
    const { stdout } = server.output();
    expect(stdout).toMatch(
      new RegExp(
        `astuces, données dans PostgreSQL 127\\.0\\.0\\.1:\\d+/${new URL(database.url).pathname.slice(1)}\\)`,
      ),
    );
    expect((await fetch(new URL("/healthz", server.url))).status).toBe(200);
    const response = await fetch(new URL("/v1/requests", server.url), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": crypto.randomUUID(),
      },
      body: JSON.stringify(makeRequestBody()),
    });
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };
    const stored = await admin.query(
      "SELECT reference FROM requests WHERE reference = $1",
      [reference],
    );
    expect(stored.rows).toHaveLength(1);
    // The limit counted in the shared table, under its own bucket.
    const counted = await admin.query<{ bucket: string; count: number }>(
      "SELECT bucket, count FROM rate_counters",
    );
    expect(counted.rows).toEqual([{ bucket: "requests", count: 1 }]);
    // The pool's connections and the tips listener's own.
    // (The listener connects on its own after start-up: waited for, not assumed.)
    await expect
      .poll(connections, { timeout: 5_000 })
      .toContain("snu-aide-tips");

    const exited = once(server.child, "exit");
    server.child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);
    expect(server.output().stdout).toContain('"event":"shutdown_done"');
    expect(await connections()).toEqual([]);
    const { stdout: out, stderr } = server.output();
    expect(out + stderr).not.toContain(PASSWORD);
  });

  it("stops at start-up with a French message, never the password, when the database cannot be reached", async () => {
    const unreachable = new URL(database.url);
    unreachable.port = "1";
    const server = spawnServerProcess(
      postgresEnv(urlWithPassword(unreachable.toString())),
    );
    await expect(server.listening).rejects.toThrow(/^exited 1/);
    const { stdout, stderr } = server.output();
    expect(stderr).toContain(
      `Base PostgreSQL inutilisable (PostgreSQL 127.0.0.1:1/${unreachable.pathname.slice(1)}) : connexion refusée`,
    );
    expect(stdout + stderr).not.toContain(PASSWORD);
  });

  it("refuses DATABASE_URL without FOLLOW_UP_SECRET", async () => {
    const { FOLLOW_UP_SECRET: _, ...env } = postgresEnv();
    const server = spawnServerProcess({ ...env, FOLLOW_UP_SECRET: "" });
    await expect(server.listening).rejects.toThrow(/^exited 1/);
    expect(server.output().stderr).toContain(
      "FOLLOW_UP_SECRET est obligatoire avec DATABASE_URL",
    );
  });
});
