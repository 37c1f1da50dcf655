// Benchmark: `POST /v1/requests` (validation + insert) through the real server (api/server.ts: Hono on
// @hono/node-server, better-sqlite3 in WAL), then through a bare `node:http` handler doing the same work
// (same zod schema, same fingerprint, same SQLite store), in the same run. Each server runs in its own
// process; this process is the load generator: N keep-alive connections, each sending POSTs back to back
// with a fresh Idempotency-Key. Prints req/s, p50/p95/p99, errors (any non-201), the server's peak RSS and
// the ratio real/bare; budget (BUDGETS.md): ≥ 2,000 req/s at 50 connections, p99 ≤ 50 ms, zero errors,
// real ≥ 0.8× bare, RSS ≤ 256 MB.
// With DATABASE_URL (a server where the bench may create and drop its own database) or --pg (a throw-away
// cluster on this machine, durability on), both servers run again on PostgreSQL (issue 15), in the same run.
// Run: npm run bench:requests -- [--seconds 60] [--connections 50] [--warmup 3] [--keep] [--cpu-prof] [--pg]
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { CreateRequestSchema } from "../../api/contract/request.ts";
import { IDEMPOTENCY_STALE_MS } from "../../api/routes/requests.ts";
import { redactRequest } from "../../api/routes/redact-request.ts";
import { createFollowUpTokens } from "../../api/follow-up/tokens.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { createPostgresStore } from "../../api/store/pg/pg-store.ts";
import { makeRequestBody } from "../support/factories.ts";
import { openBenchDatabases } from "./bench-database.ts";
import {
  percentile,
  procCpuMs,
  procStatusKb,
  realServerEnv,
  startServer as startServerProcess,
  type ServerProcess,
} from "./bench-servers.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    warmup: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    // Writes a V8 CPU profile of each server (.cpuprofile, open in Chrome DevTools) and keeps the folder.
    "cpu-prof": { type: "boolean", default: false },
    // Runs the servers on PostgreSQL too (implied by DATABASE_URL).
    pg: { type: "boolean", default: false },
    // Internal: this file, started as the bare baseline server on that data folder.
    "serve-bare": { type: "string" },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const WARMUP = Number(values.warmup);
const ORIGIN = "https://moncompte.snu.gouv.fr"; // the widget calls from the host page: CORS path included
const BUDGET = { rps: 2000, p99: 50, ratio: 0.8, rssMb: 256 };
const WITH_PG = values.pg || Boolean(process.env.DATABASE_URL?.trim());
// Both servers of a PostgreSQL run share the follow-up secret: the real one requires it there.
const PG_SECRET = "7".repeat(64);
const PG_POOL_SIZE = 10;

// ---------------------------------------------------------------------------------------------------------
// The baseline: node:http, no framework, no middleware (no log line, no security or CORS headers, no rate
// limiter), the same work as the route in api/routes/requests.ts: JSON only, body ≤ 16 KB, UUID key, parse,
// zod, sha256 fingerprint, claim the key, redact, insert + complete the key in one transaction, 201 JSON.
// ---------------------------------------------------------------------------------------------------------
const UUID_RE =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function serveBare(dataDir: string) {
  // BENCH_DATABASE_URL: the PostgreSQL database of the run, with the real server's pool size.
  const url = process.env.BENCH_DATABASE_URL;
  const store = url
    ? (
        await createPostgresStore({
          url,
          poolSize: PG_POOL_SIZE,
          secret: Buffer.from(PG_SECRET, "hex"),
        })
      ).store
    : createSqliteStore({ file: path.join(dataDir, "snu-aide.sqlite") });
  // The same follow-up link as the real route computes (HMAC of the reference, then its hash stored).
  const followUp = createFollowUpTokens(
    Buffer.alloc(32, 7),
    "http://127.0.0.1",
  );
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
    });
    res.end(text);
  };
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/requests")
      return send(res, 404, { error: "not_found" });
    const type = req.headers["content-type"]
      ?.split(";")[0]
      ?.trim()
      .toLowerCase();
    if (type !== "application/json")
      return send(res, 415, { error: "unsupported_media_type" });
    const key = String(req.headers["idempotency-key"] ?? "").trim();
    if (!UUID_RE.test(key))
      return send(res, 400, { error: "missing_idempotency_key" });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 16 * 1024) chunks.push(chunk);
    });
    req.on("end", async () => {
      if (size > 16 * 1024)
        return send(res, 413, { error: "payload_too_large" });
      const text = Buffer.concat(chunks).toString("utf8");
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return send(res, 400, { error: "invalid_json" });
      }
      const parsed = CreateRequestSchema.safeParse(value);
      if (!parsed.success)
        return send(res, 400, { error: "validation_failed" });
      const fingerprint = createHash("sha256").update(text).digest("base64url");
      const now = new Date();
      try {
        const outcome = await store.submitRequest({
          key,
          fingerprint,
          request: redactRequest(parsed.data),
          now,
          staleAfterMs: IDEMPOTENCY_STALE_MS,
          followUpHash: (reference) =>
            followUp.hashOf(followUp.tokenFor(reference)),
        });
        if (outcome.state === "mismatch")
          return send(res, 422, { error: outcome.state });
        if (outcome.state === "in_progress")
          return send(res, 409, { error: outcome.state });
        if (outcome.state === "completed")
          return send(res, 201, outcome.response.body);
        send(res, 201, {
          ...outcome.created,
          followUpUrl: followUp.urlFor(outcome.created.reference),
        });
      } catch {
        send(res, 500, { error: "internal" });
      }
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    console.log(`bare node:http écoute sur http://127.0.0.1:${port}/`);
  });
  process.once("SIGTERM", () => {
    server.close(() => void store.close().then(() => process.exit(0)));
    server.closeIdleConnections();
  });
}

// Server processes (tests/bench/bench-servers.ts): stdout goes to a file, one JSON log line per request for
// the real server, as it would go to a log collector.
const startServer = (
  args: string[],
  env: Record<string, string>,
  logFile: string,
) =>
  startServerProcess(
    args,
    env,
    logFile,
    values["cpu-prof"]
      ? { cpuProfDir: logFile.replace(/\.log$/, "-cpuprofiles") }
      : {},
  );

interface LoadResult {
  completed: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: Map<string, number>;
  warmupErrors: number;
  created: number; // every 201, warm-up included: rows the database must hold
  idleRssMb: number;
  peakRssMb: number;
  hwmRssMb: number;
  serverCpu: number; // share of one core
  generatorCpu: number;
}

// ---------------------------------------------------------------------------------------------------------
// The load: CONNECTIONS loops, each with its own keep-alive socket, POSTing back to back. Requests started
// during the warm-up are not measured; those started during the measured window all are.
// ---------------------------------------------------------------------------------------------------------
async function load(server: ServerProcess): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const body = Buffer.from(JSON.stringify(makeRequestBody()));
  const post = () =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: "127.0.0.1",
          port: server.port,
          path: "/v1/requests",
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Content-Length": body.length,
            "Idempotency-Key": randomUUID(),
            Origin: ORIGIN,
          },
        },
        (res) => {
          res.resume();
          res.once("end", () => resolve(res.statusCode!));
          res.once("error", reject);
        },
      );
      req.once("error", reject);
      req.end(body);
    });

  const idleRssMb = procStatusKb(server.pid, "VmRSS") / 1024;
  const latencies = new Float64Array(Math.max(1, SECONDS) * 50_000);
  let completed = 0;
  let created = 0;
  let warmupErrors = 0;
  const errors = new Map<string, number>();
  const startedAt = performance.now();
  const measureFrom = startedAt + WARMUP * 1000;
  const measureTo = measureFrom + SECONDS * 1000;
  let lastEnd = measureFrom;
  let peakRssKb = 0;
  let cpuFrom = NaN;
  let generatorFrom = process.cpuUsage();
  const sampler = setInterval(() => {
    const now = performance.now();
    if (now < measureFrom) return;
    if (Number.isNaN(cpuFrom)) {
      cpuFrom = procCpuMs(server.pid);
      generatorFrom = process.cpuUsage();
    }
    peakRssKb = Math.max(peakRssKb, procStatusKb(server.pid, "VmRSS"));
  }, 100);

  const loop = async () => {
    while (performance.now() < measureTo) {
      const started = performance.now();
      let outcome: string;
      try {
        const status = await post();
        outcome = String(status);
      } catch (error) {
        outcome = (error as { code?: string }).code ?? "network error";
      }
      const ended = performance.now();
      if (outcome === "201") created++;
      if (started < measureFrom) {
        if (outcome !== "201") warmupErrors++;
        continue;
      }
      if (completed < latencies.length) latencies[completed] = ended - started;
      completed++;
      lastEnd = Math.max(lastEnd, ended);
      if (outcome !== "201")
        errors.set(outcome, (errors.get(outcome) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  clearInterval(sampler);
  const elapsedMs = lastEnd - measureFrom;
  const serverCpu = (procCpuMs(server.pid) - cpuFrom) / elapsedMs;
  const generator = process.cpuUsage(generatorFrom);
  const hwmRssMb = procStatusKb(server.pid, "VmHWM") / 1024;
  agent.destroy();
  const sorted = latencies
    .slice(0, Math.min(completed, latencies.length))
    .sort();
  return {
    completed,
    rps: (completed / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    errors,
    warmupErrors,
    created,
    idleRssMb,
    peakRssMb: peakRssKb / 1024,
    hwmRssMb,
    serverCpu,
    generatorCpu: (generator.user + generator.system) / 1000 / elapsedMs,
  };
}

async function storedCount(where: { dataDir: string; url?: string }) {
  if (where.url) {
    const client = new pg.Client({ connectionString: where.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM requests",
      );
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(where.dataDir, "snu-aide.sqlite"), {
    readonly: true,
  });
  try {
    return db.prepare("SELECT count(*) FROM requests").pluck().get() as number;
  } finally {
    db.close();
  }
}

// Where the time of one request goes, outside HTTP: the same steps timed one by one, in this process.
async function breakdown(dir: string) {
  const store = createSqliteStore({ file: path.join(dir, "breakdown.sqlite") });
  const text = JSON.stringify(makeRequestBody());
  const steps = {
    "JSON.parse": 0,
    "zod safeParse": 0,
    sha256: 0,
    "submit: key + insert (one txn, alone in its commit)": 0,
  };
  const N = 5000;
  for (let i = 0; i < N + 500; i++) {
    const t: number[] = [performance.now()];
    const value = JSON.parse(text);
    t.push(performance.now());
    const parsed = CreateRequestSchema.safeParse(value);
    t.push(performance.now());
    const fingerprint = createHash("sha256").update(text).digest("base64url");
    t.push(performance.now());
    const key = randomUUID();
    const now = new Date();
    await store.submitRequest({
      key,
      fingerprint,
      request: redactRequest(parsed.data!),
      now,
      staleAfterMs: IDEMPOTENCY_STALE_MS,
    });
    t.push(performance.now());
    if (i < 500) continue; // warm-up
    Object.keys(steps).forEach((name, j) => {
      steps[name as keyof typeof steps] += t[j + 1]! - t[j]!;
    });
  }
  await store.close();
  const total = Object.values(steps).reduce((a, b) => a + b, 0);
  console.log(
    `\nwhere the time goes (in-process, no HTTP, ${N} requests, µs per request):`,
  );
  for (const [name, ms] of Object.entries(steps))
    console.log(
      `  ${name.padEnd(24)} ${((ms / N) * 1000).toFixed(1).padStart(7)}`,
    );
  console.log(
    `  ${"total".padEnd(24)} ${((total / N) * 1000).toFixed(1).padStart(7)}  → at most ${Math.round((N / total) * 1000).toLocaleString("en-US")} req/s on one core before any HTTP`,
  );
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function row(name: string, r: LoadResult) {
  const errors = [...r.errors.values()].reduce((a, b) => a + b, 0);
  return (
    `${name.padEnd(16)} ${Math.round(r.rps).toLocaleString("en-US").padStart(8)} ` +
    `${fmt(r.p50).padStart(7)} ${fmt(r.p95).padStart(7)} ${fmt(r.p99).padStart(7)} ${fmt(r.max).padStart(7)} ` +
    `${String(errors).padStart(7)} ${fmt(r.peakRssMb, 0).padStart(6)} / ${fmt(r.hwmRssMb, 0).padStart(3)} ` +
    `${`${Math.round(r.serverCpu * 100)} %`.padStart(7)} ${`${Math.round(r.generatorCpu * 100)} %`.padStart(7)}`
  );
}

/** The budget's verdicts for one store: the real server's figures, and its ratio to the bare one's. */
function printVerdicts(store: string, real: LoadResult, bare: LoadResult) {
  const ratio = real.rps / bare.rps;
  const errors =
    [...real.errors.values()].reduce((a, b) => a + b, 0) + real.warmupErrors;
  const rss = Math.max(real.peakRssMb, real.hwmRssMb);
  const verdict = (ok: boolean) => (ok ? "OK" : "OVER BUDGET");
  console.log(
    `\n${store}: real idle RSS before load: ${fmt(real.idleRssMb, 0)} MB; ratio real/bare: ${fmt(ratio, 2)} (req/s), p99 ${fmt(real.p99)} vs ${fmt(bare.p99)} ms`,
  );
  console.log(
    `budget (${store}, real server, ${CONNECTIONS} connections, ${SECONDS} s):`,
  );
  console.log(
    `  throughput ${Math.round(real.rps)} req/s ≥ ${BUDGET.rps} — ${verdict(real.rps >= BUDGET.rps)}`,
  );
  console.log(
    `  p99 ${fmt(real.p99)} ms ≤ ${BUDGET.p99} ms — ${verdict(real.p99 <= BUDGET.p99)}`,
  );
  console.log(`  errors ${errors} = 0 — ${verdict(errors === 0)}`);
  console.log(
    `  real/bare ${fmt(ratio, 2)} ≥ ${BUDGET.ratio} — ${verdict(ratio >= BUDGET.ratio)}`,
  );
  console.log(
    `  peak RSS ${fmt(rss, 0)} MB ≤ ${BUDGET.rssMb} MB — ${verdict(rss <= BUDGET.rssMb)}`,
  );
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snu-aide-bench-post-"));
  console.log(
    `POST /v1/requests — ${SECONDS} s measured per server after ${WARMUP} s warm-up, ${CONNECTIONS} keep-alive connections, one fresh Idempotency-Key per request`,
  );
  console.log(
    `machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; ` +
      `each server in its own process, the load generator in this one: they share these ${os.availableParallelism()} cores`,
  );
  const databases = WITH_PG ? await openBenchDatabases() : undefined;
  if (databases)
    console.log(
      `PostgreSQL: ${databases.where}, one new database per server, pool of ${PG_POOL_SIZE}; it shares the cores too`,
    );

  const results: [string, LoadResult, number][] = [];
  /** One server on its own data: a folder, and on PostgreSQL a new database. */
  const run = async (name: string, kind: "real" | "bare", onPg: boolean) => {
    const dataDir = path.join(dir, `${kind}${onPg ? "-pg" : ""}`);
    fs.mkdirSync(dataDir);
    const url = onPg ? await databases!.create() : undefined;
    const pgEnv: Record<string, string> = url
      ? kind === "real"
        ? {
            DATABASE_URL: url,
            DATABASE_POOL_SIZE: String(PG_POOL_SIZE),
            FOLLOW_UP_SECRET: PG_SECRET,
          }
        : { BENCH_DATABASE_URL: url }
      : {};
    const server = await startServer(
      kind === "real"
        ? ["api/server.ts"]
        : [fileURLToPath(import.meta.url), "--serve-bare", dataDir],
      kind === "real" ? { ...realServerEnv(dataDir, ORIGIN), ...pgEnv } : pgEnv,
      `${dataDir}.log`,
    );
    process.stdout.write(`running ${name}… `);
    const result = await load(server);
    await server.stop();
    const stored = await storedCount({ dataDir, ...(url ? { url } : {}) });
    console.log(
      `done (${result.created.toLocaleString("en-US")} × 201, ${stored.toLocaleString("en-US")} rows stored)`,
    );
    results.push([name, result, stored]);
  };
  await run("real (Hono)", "real", false);
  await run("bare node:http", "bare", false);
  if (databases) {
    await run("real, PostgreSQL", "real", true);
    await run("bare, PostgreSQL", "bare", true);
    await databases.close();
  }

  console.log(
    `\n${"server".padEnd(16)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)} ${"errors".padStart(7)} ${"RSS MB peak/HWM".padStart(15)} ${"srv CPU".padStart(7)} ${"gen CPU".padStart(7)}`,
  );
  for (const [name, r] of results) console.log(row(name, r));
  for (const [name, r, stored] of results) {
    const details = [...r.errors].map(([k, v]) => `${k} × ${v}`).join(", ");
    if (details) console.log(`${name} errors: ${details}`);
    if (r.warmupErrors)
      console.log(`${name} errors during warm-up: ${r.warmupErrors}`);
    if (stored !== r.created)
      console.log(
        `${name}: ${r.created} answered 201 but ${stored} rows stored!`,
      );
  }
  printVerdicts("SQLite", results[0]![1], results[1]![1]);
  if (databases) printVerdicts("PostgreSQL", results[2]![1], results[3]![1]);
  if (CONNECTIONS !== 50 || SECONDS < 60)
    console.log(
      `(the budget is stated for 50 connections over 60 s: this run is indicative)`,
    );

  await breakdown(dir);
  if (values.keep || values["cpu-prof"])
    console.log(`\ndatabases and server logs kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

if (values["serve-bare"]) await serveBare(values["serve-bare"]);
else await main();
