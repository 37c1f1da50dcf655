// Benchmark: the read path (`GET /healthz`, `/v1/anchors`, `/v1/tips`, `/widget/loader.js`) of the real server
// (api/server.ts: Hono on @hono/node-server, SQLite store, the repo's tips published, the built widget), then
// of a minimal Hono app on @hono/node-server replaying, for each address, the very bytes and headers the real
// server answered (captured once at start), then of a bare node:http server replaying the same. Each server
// runs in its own process, the load generator in another (raw keep-alive sockets, tests/bench/http-load.ts).
// Prints per address req/s, p50/p99, errors and the ratio real/minimal; budget (BUDGETS.md): ≥ 0.8, no error.
// Run: npm run bench:read -- [--seconds 8] [--connections 50] [--warmup 2] [--rounds 4] [--only tips] [--pin]
//      [--generator child|inline] [--without-bare] [--cpu-prof] [--keep] [--real-dir OTHER_CHECKOUT]
// Needs the built widget (`npm run build`): /widget/loader.js is measured as browsers get it (brotli).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import {
  nodeCommand,
  procCpuMs,
  ROOT,
  realServerEnv,
  startServer,
  type ServerProcess,
} from "./bench-servers.ts";
import {
  combineLoads,
  runLoad,
  type LoadJob,
  type LoadResult,
} from "./http-load.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "50" },
    warmup: { type: "string", default: "2" },
    // The measured seconds are cut in this many slices, the servers taking turns (real, minimal, bare, real…):
    // a change in the machine's other load then weighs on each server alike.
    rounds: { type: "string", default: "4" },
    // Only the addresses whose name contains this (e.g. `tips`).
    only: { type: "string" },
    // `child` (default): the generator in its own process; `inline`: in this one.
    generator: { type: "string", default: "child" },
    // Servers on CPU 0, the generator on CPU 1 (taskset): each has its own core.
    pin: { type: "boolean", default: false },
    "without-bare": { type: "boolean", default: false },
    // Writes V8 CPU profiles of the real and minimal servers (open in Chrome DevTools); keeps the folder.
    "cpu-prof": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    // Measures the api/server.ts of another checkout (e.g. `git archive` of an older commit, with links to
    // node_modules and dist) as the real server: a before/after comparison on the same machine.
    "real-dir": { type: "string" },
    // Internal: this file as a replaying server (`hono` or `bare`) of that capture file, or as the generator.
    replay: { type: "string" },
    kind: { type: "string" },
    generate: { type: "boolean", default: false },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const WARMUP = Number(values.warmup);
const ROUNDS = Math.max(1, Number(values.rounds));
/** The warm-up of the later slices: the connections are opened again, the code is already optimised. */
const SLICE_WARMUP = 0.5;
const THIS_FILE = fileURLToPath(import.meta.url);
const ORIGIN = "https://moncompte.snu.gouv.fr"; // an allowed host page: the CORS path is measured
const BUDGET_RATIO = 0.8;

/** What the widget asks on a host page, with the headers a browser sends for it. */
const ENDPOINTS: {
  name: string;
  path: string;
  headers: Record<string, string>;
}[] = [
  { name: "GET /healthz", path: "/healthz", headers: {} },
  {
    name: "GET /v1/anchors",
    path: "/v1/anchors?platform=moncompte",
    headers: { Origin: ORIGIN },
  },
  {
    // The loader's query on the phase 1 page of moncompte for a young volunteer (widget/shared/api-client.ts).
    name: "GET /v1/tips",
    path: `/v1/tips?${new URLSearchParams({ platform: "moncompte", route: "/phase1", role: "young" })}`,
    headers: { Origin: ORIGIN },
  },
  {
    name: "GET /widget/loader.js",
    path: "/widget/loader.js",
    headers: { "Accept-Encoding": "gzip, deflate, br" },
  },
];

// ---------------------------------------------------------------------------------------------------------
// The replay: one answer per address, as the real server gave it (status, headers, body).
// ---------------------------------------------------------------------------------------------------------
interface Answer {
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string; // base64
}

/** Added by Node on every answer: not part of what a route sets. */
const HOP_BY_HOP = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
]);

function fetchOnce(
  port: number,
  target: string,
  headers: Record<string, string>,
) {
  return new Promise<{
    status: number;
    headers: Record<string, string>;
    body: Buffer;
  }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: target, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const kept: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (!HOP_BY_HOP.has(name) && value !== undefined)
              kept[name] = Array.isArray(value) ? value.join(", ") : value;
          resolve({
            status: res.statusCode!,
            headers: kept,
            body: Buffer.concat(chunks),
          });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

function serveReplay(file: string, kind: string) {
  const answers = (JSON.parse(fs.readFileSync(file, "utf8")) as Answer[]).map(
    (a) => ({
      ...a,
      bytes: new Uint8Array(Buffer.from(a.body, "base64")),
    }),
  );
  const listening = (name: string, port: number) =>
    console.log(`${name} écoute sur http://127.0.0.1:${port}/`);
  let close: () => void;
  if (kind === "hono") {
    // The "minimal Hono app" of issue 14: each route a plain c.body(bytes, status, headers).
    const app = new Hono();
    for (const a of answers)
      app.get(new URL(a.path, "http://x").pathname, (c) =>
        c.body(a.bytes, a.status as 200, a.headers),
      );
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: "127.0.0.1" },
      (info) => listening("minimal Hono", info.port),
    );
    close = () => server.close();
  } else {
    const byPath = new Map(
      answers.map((a) => [
        new URL(a.path, "http://x").pathname,
        {
          ...a,
          headers: { ...a.headers, "content-length": String(a.bytes.length) },
        },
      ]),
    );
    const server = http.createServer((req, res) => {
      const a = byPath.get(req.url!.split("?")[0]!);
      if (!a) return void res.writeHead(404).end();
      res.writeHead(a.status, a.headers);
      res.end(a.bytes);
    });
    server.listen(0, "127.0.0.1", () =>
      listening("bare node:http", (server.address() as { port: number }).port),
    );
    close = () => {
      server.close();
      server.closeIdleConnections();
    };
  }
  process.once("SIGTERM", () => {
    close();
    process.exit(0); // writes the CPU profile, if asked
  });
}

// ---------------------------------------------------------------------------------------------------------
// The generator: in its own process by default (jobs and results over IPC), so that its CPU is not the
// orchestrator's; `--generator inline` runs it here instead.
// ---------------------------------------------------------------------------------------------------------
function serveGenerator() {
  process.on("message", (job: LoadJob) => {
    void runLoad(job).then((result) => process.send!(result));
  });
}

function startGenerator(): {
  run(job: LoadJob): Promise<LoadResult>;
  stop(): void;
} {
  if (values.generator === "inline") {
    if (values.pin) execFileSync("taskset", ["-cp", "1", String(process.pid)]);
    return { run: runLoad, stop: () => {} };
  }
  const [command, args] = nodeCommand(
    [THIS_FILE, "--generate"],
    values.pin ? { cpus: "1" } : {},
  );
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced", // the latencies travel as a Float64Array
  });
  return {
    run: (job) =>
      new Promise((resolve) => {
        child.once("message", (result) => resolve(result as LoadResult));
        child.send(job);
      }),
    stop: () => child.kill(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------------------
interface Measure extends LoadResult {
  serverCpu: number; // share of one core
}

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const fmt = (n: number, digits = 1) => n.toFixed(digits);
/** The server's CPU time per answer, in µs. */
const cpuPerAnswer = (m: Measure) => (m.serverCpu * 1e6) / m.rps;
const errorCount = (r: LoadResult) =>
  Object.values(r.errors).reduce((a, b) => a + b, 0);

async function main() {
  if (!fs.existsSync(path.join(ROOT, "dist", "widget", "loader.js"))) {
    console.error(
      "Le widget n'est pas construit : lancez « npm run build » avant ce banc (il mesure /widget/loader.js).",
    );
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snu-aide-bench-read-"));
  const keep = values.keep || values["cpu-prof"];
  const serverOptions = (name: string) => ({
    ...(values.pin ? { cpus: "0" } : {}),
    ...(values["cpu-prof"]
      ? { cpuProfDir: path.join(dir, `${name}-cpuprofiles`) }
      : {}),
  });
  const endpoints = ENDPOINTS.filter(
    (e) => !values.only || e.name.includes(values.only),
  );
  console.log(
    `read path — ${SECONDS} s measured per server and address in ${ROUNDS} slices taken in turns, after ${WARMUP} s warm-up ` +
      `(${SLICE_WARMUP} s before each later slice), ${CONNECTIONS} keep-alive connections`,
  );
  console.log(
    `machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; ` +
      `each server in its own process, the generator ${values.generator === "inline" ? "in this one" : "in another"}` +
      (values.pin
        ? "; servers pinned to CPU 0, generator to CPU 1"
        : "; no pinning"),
  );

  const realDir = path.join(dir, "real");
  fs.mkdirSync(realDir);
  const real = await startServer(
    ["api/server.ts"],
    realServerEnv(realDir, ORIGIN),
    path.join(dir, "real.log"),
    {
      ...serverOptions("real"),
      ...(values["real-dir"] ? { cwd: path.resolve(values["real-dir"]) } : {}),
    },
  );

  // The capture: what the real server answers, byte for byte, to what the load sends.
  const answers: Answer[] = [];
  for (const e of endpoints) {
    const got = await fetchOnce(real.port, e.path, e.headers);
    answers.push({
      path: e.path,
      status: got.status,
      headers: got.headers,
      body: got.body.toString("base64"),
    });
    let what = `${got.body.length} bytes${got.headers["content-encoding"] ? ` (${got.headers["content-encoding"]})` : ""}`;
    if (e.path.startsWith("/v1/tips"))
      what += `, ${(JSON.parse(got.body.toString()) as { tips: unknown[] }).tips.length} tips`;
    console.log(
      `  ${e.name}: ${got.status}, ${Object.keys(got.headers).length} headers, ${what}`,
    );
    if (got.status !== 200) throw new Error(`${e.path} answered ${got.status}`);
  }
  const captureFile = path.join(dir, "capture.json");
  fs.writeFileSync(captureFile, JSON.stringify(answers));

  const replays: [string, ServerProcess][] = [
    [
      "minimal Hono",
      await startServer(
        [THIS_FILE, "--replay", captureFile, "--kind", "hono"],
        {},
        path.join(dir, "minimal.log"),
        serverOptions("minimal"),
      ),
    ],
  ];
  if (!values["without-bare"])
    replays.push([
      "bare node:http",
      await startServer(
        [THIS_FILE, "--replay", captureFile, "--kind", "bare"],
        {},
        path.join(dir, "bare.log"),
        serverOptions("bare"),
      ),
    ]);
  // Same bytes, same headers: checked, not assumed (the request id and Date differ by nature).
  for (const [name, server] of replays)
    for (const [i, e] of endpoints.entries()) {
      const got = await fetchOnce(server.port, e.path, e.headers);
      const want = answers[i]!;
      const sameHeaders =
        JSON.stringify(
          Object.entries(got.headers)
            .filter(([k]) => k !== "x-request-id")
            .sort(),
        ) ===
        JSON.stringify(
          Object.entries(want.headers)
            .filter(([k]) => k !== "x-request-id")
            .sort(),
        );
      if (
        got.status !== want.status ||
        got.body.toString("base64") !== want.body ||
        !sameHeaders
      )
        throw new Error(`${name} does not replay ${e.path} exactly`);
    }

  const generator = startGenerator();
  // One slice: the server's CPU is read over the measured part only (after the warm-up).
  const measure = async (
    server: ServerProcess,
    e: (typeof ENDPOINTS)[number],
    seconds: number,
    warmup: number,
  ): Promise<LoadResult & { serverCpuMs: number }> => {
    let cpuFrom = NaN;
    const mark = setTimeout(
      () => (cpuFrom = procCpuMs(server.pid)),
      warmup * 1000,
    );
    const result = await generator.run({
      port: server.port,
      path: e.path,
      headers: e.headers,
      connections: CONNECTIONS,
      seconds,
      warmupSeconds: warmup,
    });
    clearTimeout(mark);
    return { ...result, serverCpuMs: procCpuMs(server.pid) - cpuFrom };
  };

  const servers = [["real", real] as const, ...replays];
  const results: { endpoint: string; runs: [string, Measure][] }[] = [];
  for (const e of endpoints) {
    process.stdout.write(`running ${e.name}, ${ROUNDS} slices per server…`);
    const slices = servers.map(
      () => [] as (LoadResult & { serverCpuMs: number })[],
    );
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, [, server]] of servers.entries())
        slices[i]!.push(
          await measure(
            server,
            e,
            SECONDS / ROUNDS,
            round === 0 ? WARMUP : SLICE_WARMUP,
          ),
        );
    const runs = servers.map(([name], i): [string, Measure] => {
      const all = combineLoads(slices[i]!);
      const cpuMs = slices[i]!.reduce((sum, s) => sum + s.serverCpuMs, 0);
      return [name, { ...all, serverCpu: cpuMs / all.elapsedMs }];
    });
    console.log(
      ` ${runs.map(([name, m]) => `${name} ${fmtInt(m.rps)}`).join(", ")} req/s`,
    );
    results.push({ endpoint: e.name, runs });
  }
  generator.stop();
  await Promise.all([real, ...replays.map(([, s]) => s)].map((s) => s.stop()));

  // The table.
  const pad = (s: string, n: number) => s.padStart(n);
  console.log(
    `\n${"address".padEnd(22)}${pad("real req/s", 11)}${pad("minimal", 9)}${pad("bare", 9)}` +
      `${pad("real p50/p99 ms", 17)}${pad("min. p50/p99", 14)}${pad("errors", 8)}${pad("CPU µs/answer", 15)}${pad("srv/gen CPU", 13)}` +
      `${pad("real/minimal", 14)}${pad("budget", 8)}  verdict`,
  );
  let over = 0;
  for (const { endpoint, runs } of results) {
    const get = (name: string) => runs.find(([n]) => n === name)?.[1];
    const r = get("real")!;
    const m = get("minimal Hono")!;
    const b = get("bare node:http");
    const ratio = r.rps / m.rps;
    const ok = ratio >= BUDGET_RATIO && errorCount(r) === 0;
    if (!ok) over++;
    console.log(
      `${endpoint.padEnd(22)}${pad(fmtInt(r.rps), 11)}${pad(fmtInt(m.rps), 9)}${pad(b ? fmtInt(b.rps) : "–", 9)}` +
        `${pad(`${fmt(r.p50)} / ${fmt(r.p99)}`, 17)}${pad(`${fmt(m.p50)} / ${fmt(m.p99)}`, 14)}` +
        `${pad(String(errorCount(r)), 8)}${pad(`${Math.round(cpuPerAnswer(r))} / ${Math.round(cpuPerAnswer(m))}`, 15)}` +
        `${pad(`${Math.round(r.serverCpu * 100)} / ${Math.round(r.generatorCpu * 100)} %`, 13)}` +
        `${pad(fmt(ratio, 2), 14)}${pad(`≥ ${BUDGET_RATIO}`, 8)}  ${ok ? "OK" : "OVER BUDGET"}`,
    );
  }
  for (const { endpoint, runs } of results)
    for (const [name, r] of runs)
      if (errorCount(r))
        console.log(
          `${endpoint} on ${name}: errors ${JSON.stringify(r.errors)}`,
        );
  // The log line is part of the read path: every measured answer must be in the real server's log.
  const logged = fs
    .readFileSync(path.join(dir, "real.log"), "utf8")
    .split("\n")
    .filter((line) => line.includes('"event":"request"')).length;
  const answered = results.reduce(
    (sum, { runs }) => sum + runs[0]![1].completed,
    0,
  );
  console.log(
    `\nreal server log: ${fmtInt(logged)} request lines for ${fmtInt(answered)} measured answers (warm-up and capture add more)` +
      (logged < answered ? " — LINES MISSING" : ""),
  );
  console.log(
    `CPU µs/answer: the server's CPU time per answer, real / minimal — steadier than req/s on a busy machine.\n` +
      `srv/gen CPU: the real server's and the generator's CPU as a share of one core; a generator near 100 % sets the pace itself.`,
  );
  console.log(
    `verdict: real ≥ ${BUDGET_RATIO}× minimal and no error — ${over === 0 ? "OK" : `${over} OVER BUDGET`}`,
  );
  if (CONNECTIONS !== 50)
    console.log(
      `(the budget is stated for 50 connections: this run is indicative)`,
    );
  if (keep) console.log(`\nlogs, capture and profiles kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

if (values.replay) serveReplay(values.replay, values.kind ?? "hono");
else if (values.generate) serveGenerator();
else await main();
