// PostgreSQL databases for one benchmark run, created empty and dropped at the end: on the server of
// DATABASE_URL when set (its user must be allowed to CREATE DATABASE; the database of the URL itself is never
// touched), else on a throw-away cluster started for the run with PostgreSQL's durability on.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startPgCluster } from "../support/pg-cluster.ts";

export interface BenchDatabases {
  /** Where they run, for the report (never the password). */
  where: string;
  /** A new empty database; resolves with its URL. */
  create(): Promise<string>;
  /** Drops every database created (and stops the throw-away cluster). */
  close(): Promise<void>;
}

export async function openBenchDatabases(): Promise<BenchDatabases> {
  const given = process.env.DATABASE_URL?.trim();
  const cluster = given ? undefined : await startPgCluster({ durable: true });
  const adminUrl = given ?? cluster!.url;
  const created: string[] = [];
  const server = new URL(adminUrl);
  const version = (
    await asAdmin(adminUrl, "SHOW server_version")
  ).server_version!.split(" ")[0];
  return {
    where: given
      ? `PostgreSQL ${version} at ${server.hostname}:${server.port || 5432} (DATABASE_URL)`
      : `PostgreSQL ${version}, a throw-away cluster on this machine (fsync and synchronous commits on)`,
    async create() {
      const name = `snu_bench_${randomBytes(4).toString("hex")}`;
      await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async close() {
      for (const name of created.splice(0))
        await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cluster?.stop();
    },
  };
}

async function asAdmin(
  url: string,
  sql: string,
): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] ?? {};
  } finally {
    await client.end();
  }
}
