import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** A PostgreSQL server for one test run: its superuser URL and how to stop it. */
export interface PgCluster {
  /** Superuser connection to the `postgres` database: what createTestDatabase needs. */
  url: string;
  /** The cluster's folder (data, socket, log); removed by `stop`. */
  dir: string;
  /** Shuts the server down (fast: open connections are cut) and removes its folder. */
  stop(): Promise<void>;
}

/** Prefix of the clusters' folders in the temporary folder, to find leftovers (`ls /tmp/snu-pg-*`). */
export const PG_CLUSTER_PREFIX = "snu-pg-";

/**
 * The newest PostgreSQL server binaries of Debian's packages (/usr/lib/postgresql/<major>/bin), not found
 * through PATH: Debian puts only its wrappers there, and CI machines differ. Undefined when none is installed.
 */
export function findPgBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  const majors = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const major = majors.find((name) =>
    fs.existsSync(path.join(root, name, "bin", "initdb")),
  );
  return major && path.join(root, major, "bin");
}

/**
 * Settings fit for throw-away test data. The tests cut client connections, never the server: what a
 * crash of the server would lose (fsync, full page writes, synchronous commits) never matters, and
 * skipping it (NOT_DURABLE) makes each commit and CREATE DATABASE a memory write.
 */
const NOT_DURABLE = {
  fsync: "off",
  synchronous_commit: "off",
  full_page_writes: "off",
  // Small: many test databases, little data each. Benchmarks keep PostgreSQL's default (128 MB).
  shared_buffers: "32MB",
};
const COMMON_SETTINGS = {
  // Several test files at once, each with its pools, plus the connections the tests open on purpose.
  max_connections: "200",
  // A zone far from UTC and Paris: SQL that leans on the server's zone instead of Europe/Paris fails.
  timezone: "Pacific/Kiritimati",
};

export interface PgClusterOptions {
  /**
   * Keeps PostgreSQL's durability on (fsync, synchronous commits) and its default memory: what benchmarks
   * need, so that a 201 on PostgreSQL means what it means on SQLite (committed to disk). Tests leave it off.
   */
  durable?: boolean;
}

/**
 * Creates and starts a cluster in a new temporary folder: initdb (as the `postgres` user when run as root:
 * PostgreSQL refuses to run as root), trust authentication for local connections only, listening on
 * 127.0.0.1 on a free port with its socket in the folder. Resolves once it accepts connections.
 */
export async function startPgCluster(
  options: PgClusterOptions = {},
): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin)
    throw new Error(
      "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, or set TEST_DATABASE_URL.",
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PG_CLUSTER_PREFIX));
  const data = path.join(dir, "data");
  const asServerUser = await serverUser(dir);
  const tool = (name: string, args: string[]) =>
    run(...asServerUser(path.join(bin, name), args));
  let started = false;
  const stop = async () => {
    process.removeListener("exit", stopAtExit);
    if (started)
      await tool("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]).catch(
        () => {},
      );
    started = false;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A run interrupted (Ctrl-C) before its teardown, even while the cluster starts: `exit` listeners run
  // synchronously, so this one stops the server and removes the folder with blocking calls.
  const stopAtExit = () => {
    if (started)
      try {
        execFileSync(
          ...asServerUser(path.join(bin, "pg_ctl"), [
            "-D",
            data,
            "-m",
            "immediate",
            "-w",
            "stop",
          ]),
          { stdio: "ignore" },
        );
      } catch {
        // Not running (any more).
      }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopAtExit);
  try {
    await tool("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C.UTF-8",
      "--no-sync",
      "--no-instructions",
    ]);
    const port = await freePort();
    const serverOptions = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories=${dir}`,
      ...Object.entries({
        ...COMMON_SETTINGS,
        ...(options.durable ? {} : NOT_DURABLE),
      }).map(([k, v]) => `-c ${k}=${v}`),
    ].join(" ");
    started = true;
    await tool("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-o",
      serverOptions,
      "-w",
      "-t",
      "60",
      "start",
    ]);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitForConnections(url);
    return { url, dir, stop };
  } catch (error) {
    await stop();
    const log = path.join(dir, "server.log");
    throw new Error(
      `The test PostgreSQL cluster did not start${fs.existsSync(log) ? `: ${fs.readFileSync(log, "utf8")}` : ""}`,
      { cause: error },
    );
  }
}

/** As root, the folder goes to `postgres` and the tools run as that user (runuser); otherwise as we are. */
async function serverUser(
  dir: string,
): Promise<(file: string, args: string[]) => [string, string[]]> {
  if (process.getuid?.() !== 0) return (file, args) => [file, args];
  const id = async (flag: string) =>
    Number((await run("id", [flag, "postgres"])).stdout.trim());
  fs.chownSync(dir, await id("-u"), await id("-g"));
  return (file, args) => ["runuser", ["-u", "postgres", "--", file, ...args]];
}

/** A loopback port nobody listens on now (the kernel's choice). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** pg_ctl -w waits for the server's « ready » state; this checks that a client really gets in. */
async function waitForConnections(url: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}
