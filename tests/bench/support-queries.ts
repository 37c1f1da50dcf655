// Benchmark: console list, filters and text search at 1 M requests, through the real app (Hono +
// better-sqlite3), as an agent and as a departmental referent. Prints p50/p95 per query; budget p95 ≤ 100 ms.
// Then the indicators (issue 13) over a year of requests and widget counters: p95 ≤ 200 ms; and what their
// triggers cost POST /v1/requests' insert.
// Run: npm run bench:support -- [--rows 1000000] [--iterations 200] [--indicator-iterations 30]
//      [--inserts 20000] [--keep] [--reuse FILE (a kept database: no seeding)] [--only-indicators]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createApp } from "../../api/app.ts";
import { systemClock } from "../../api/clock.ts";
import { CATEGORIES } from "../../api/contract/categories.ts";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import { createJsonLogger } from "../../api/logger.ts";
import type { Platform } from "../../api/contract/vocabulary.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import type { NewRequest } from "../../api/store/store.ts";
import { registerIndicatorFunctions } from "../../api/store/sqlite-indicator-functions.ts";
import { createAccount } from "../../api/support/accounts.ts";
import { timeIndicators, timeInsertPath } from "./indicator-timings.ts";
import {
  liveRequests,
  seedWidgetCounts,
  STATUSES,
  today,
} from "./indicator-seed.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    iterations: { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    "only-indicators": { type: "boolean", default: false },
    "indicator-iterations": { type: "string", default: "30" },
    inserts: { type: "string", default: "20000" },
  },
});
const ROWS = Number(values.rows);
const ITERATIONS = Number(values.iterations);
const dir = values.reuse
  ? path.dirname(values.reuse)
  : fs.mkdtempSync(path.join(os.tmpdir(), "snu-aide-bench-"));
const file = values.reuse ?? path.join(dir, "snu-aide.sqlite");

// Deterministic pseudo-random numbers, so two runs seed the same data.
// mulberry32: 32-bit integer steps (Math.imul). The former LCG multiplied past 2^53 in floating point and
// lost its low bits: départements came out very unevenly (one had a single request).
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const pick = <T>(items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;
const draws = { random, pick };

const DEPARTMENTS = Array.from({ length: 95 }, (_, i) =>
  String(i + 1).padStart(2, "0"),
).filter((d) => d !== "20");
const WORDS = (
  "séjour affectation convocation rassemblement bagages trousseau mission candidature contrat équivalence " +
  "téléversement pièce identité recto verso consentement parent représentant inscription dossier correction " +
  "phase transport bus centre pointage fiche sanitaire attestation code route journée défense citoyenneté " +
  "bonjour merci question problème impossible bouton erreur page lien courriel compte mot passe connexion"
).split(" ");

// Roles of the admin platform's users, the departmental referent the most frequent.
const ADMIN_ROLES = [
  "referent_department",
  "referent_department",
  "referent_department",
  "referent_region",
  "head_center",
  "head_center_adjoint",
  "responsible",
  "supervisor",
  "administrateur_cle",
  "referent_classe",
  "visitor",
] as const;

async function seedRows() {
  const store = createSqliteStore({ file });
  void store.close();
  const db = new Database(file);
  // Migration 6's triggers call these functions: every connection that writes registers them.
  registerIndicatorFunctions(db);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // seeding only; the server keeps its own setting
  const insert = db.prepare(
    `INSERT INTO requests (reference, created_at, status, platform, route, category, subject, department, role, email, message, context)
     VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const agentId = Number(
    db
      .prepare(
        `INSERT INTO support_users (email, display_name, role, password_hash, created_at)
         VALUES ('seed@bench.fr', 'Support SNU', 'agent', 'x', ?)`,
      )
      .run(new Date().toISOString()).lastInsertRowid,
  );
  const now = Date.now();
  const start = now - 365 * 86_400_000;
  const started = performance.now();
  let insertMs = 0;
  let lifeMs = 0;
  let statements = 0;
  const batch = db.transaction((from: number, to: number) => {
    const inserted: { id: number; createdAt: number }[] = [];
    const insertStarted = performance.now();
    for (let i = from; i < to; i++) {
      const platform = random() < 0.7 ? "moncompte" : "admin";
      const category = pick(CATEGORIES.filter((c) => c.platform === platform));
      const route = pick(ROUTE_PATTERNS[platform]);
      const role =
        platform === "moncompte"
          ? random() < 0.92
            ? "young"
            : null
          : pick(ADMIN_ROLES);
      const department = role && random() < 0.96 ? pick(DEPARTMENTS) : null;
      const message = Array.from(
        { length: 12 + Math.floor(random() * 30) },
        () => pick(WORDS),
      ).join(" ");
      const createdAt = start + (i / ROWS) * 365 * 86_400_000;
      const context = JSON.stringify({
        platform,
        route,
        title: "Page",
        locale: "fr",
        viewport: { w: 390, h: 844 },
        userAgent: "bench",
        widgetVersion: "0",
        ...(role
          ? {
              identity: {
                role,
                ...(department ? { department } : {}),
                ...(role === "young" ? { status: pick(STATUSES) } : {}),
              },
            }
          : {}),
      });
      const { lastInsertRowid } = insert.run(
        `SNU-2026-${String(i + 1).padStart(7, "0")}`,
        new Date(createdAt).toISOString(),
        platform,
        route,
        category.id,
        pick(category.subjects).id,
        department,
        role,
        message,
        context,
      );
      inserted.push({ id: Number(lastInsertRowid), createdAt });
    }
    const lifeStarted = performance.now();
    insertMs += lifeStarted - insertStarted;
    statements += liveRequests(db, draws, inserted, now, agentId);
    lifeMs += performance.now() - lifeStarted;
  });
  for (let from = 0; from < ROWS; from += 50_000)
    batch(from, Math.min(ROWS, from + 50_000));
  db.exec("ANALYZE");
  db.close();
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `seeded ${ROWS.toLocaleString("fr-FR")} requests in ${seconds(performance.now() - started)} s ` +
      `(inserts ${seconds(insertMs)} s; their life — ${statements.toLocaleString("fr-FR")} replies, answers, ` +
      `status changes and ratings — ${seconds(lifeMs)} s; triggers included)`,
  );
  const widgetStore = createSqliteStore({ file });
  const widgetStarted = performance.now();
  const lines = await seedWidgetCounts(
    widgetStore,
    draws,
    ROUTE_PATTERNS,
    today(),
  );
  await widgetStore.close();
  console.log(
    `seeded a year of widget counters (${lines.toLocaleString("fr-FR")} lines) in ${seconds(performance.now() - widgetStarted)} s`,
  );
}

// A referent who follows 13 départements (a large region).
const THIRTEEN = [
  "13",
  "33",
  "59",
  "62",
  "69",
  "75",
  "76",
  "77",
  "78",
  "91",
  "92",
  "93",
  "94",
];

/** A request as POST /v1/requests stores it, with an identity (most do). */
function makeInsertRequest(): NewRequest {
  const platform: Platform = random() < 0.7 ? "moncompte" : "admin";
  const category = pick(CATEGORIES.filter((c) => c.platform === platform));
  const department = pick(DEPARTMENTS);
  return {
    category: category.id,
    subject: pick(category.subjects).id,
    message: Array.from({ length: 30 }, () => pick(WORDS)).join(" "),
    email: "camille@example.fr",
    context: {
      platform,
      route: pick(ROUTE_PATTERNS[platform]),
      title: "Page",
      locale: "fr",
      viewport: { w: 390, h: 844 },
      userAgent: "bench",
      widgetVersion: "0",
      identity: {
        role:
          platform === "moncompte"
            ? ("young" as const)
            : ("referent_department" as const),
        department,
        ...(platform === "moncompte" ? { status: pick(STATUSES) } : {}),
      },
    },
  };
}

const WORST = "con bon mer que pro imp err pag";
const SHORT = "co pa re ce ph tr ba mi";
const search = (q: string) =>
  `/support/api/requests?q=${encodeURIComponent(q)}`;

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ]!;
}

async function main() {
  if (!values.reuse) await seedRows();
  const store = createSqliteStore({ file });
  const logger = createJsonLogger(() => {});
  const app = createApp({
    store,
    clock: systemClock,
    logger,
    config: { allowedOrigins: [], trustProxy: false, rateLimitPerMinute: 0 },
  });
  const password = "benchmark password 2026";
  const login = async (
    email: string,
    role: "agent" | "referent",
    departments?: string,
  ) => {
    await createAccount(
      store,
      { email, role, password, ...(departments ? { departments } : {}) },
      new Date(),
    );
    const response = await app.request("/support/api/session", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-SNU-Support": "1",
        Origin: "http://localhost",
      },
      body: JSON.stringify({ email, password }),
    });
    return response.headers.get("set-cookie")!.split(";")[0]!;
  };
  // A reused database has the accounts of earlier runs already.
  const run = Date.now().toString(36);
  const agent = await login(`agent-${run}@bench.fr`, "agent");
  const referent = await login(
    `referent-${run}@bench.fr`,
    "referent",
    "75,92,93",
  );

  const cases: [string, string, () => string][] = [
    ["list (agent, newest first)", agent, () => "/support/api/requests"],
    ["list (referent 75+92+93)", referent, () => "/support/api/requests"],
    [
      "filter by route",
      agent,
      () =>
        `/support/api/requests?platform=moncompte&route=${encodeURIComponent(pick(ROUTE_PATTERNS.moncompte))}`,
    ],
    [
      "filter by département",
      agent,
      () => `/support/api/requests?department=${pick(DEPARTMENTS)}`,
    ],
    [
      "filter by status + département (referent)",
      referent,
      () => `/support/api/requests?status=new&department=75`,
    ],
    [
      "text search (agent)",
      agent,
      () => `/support/api/requests?q=${encodeURIComponent(pick(WORDS))}`,
    ],
    [
      "text search, 2 words (referent)",
      referent,
      () =>
        `/support/api/requests?q=${encodeURIComponent(`${pick(WORDS)} ${pick(WORDS)}`)}`,
    ],
    // The worst search allowed (issue 11): 8 distinct words, each a prefix of frequent words (« con »
    // begins four of them), whose intersection is small, so every page and count reads them all.
    ["text search, 8 words, worst allowed (agent)", agent, () => search(WORST)],
    [
      "text search, 8 words, worst allowed (referent)",
      referent,
      () => search(WORST),
    ],
    // What used to cost most: prefixes of one or two letters, repeated (now whole words, once each).
    ["text search, 8 two-letter words (agent)", agent, () => search(SHORT)],
    [
      "text search, 200 chars of one prefix (agent)",
      agent,
      () => search("se ".repeat(66)),
    ],
  ];
  console.log(
    `\n${"query".padEnd(44)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`,
  );
  // A search's text window is kept until the next write (api/store/sqlite-text-window.ts): repeating the
  // same search would then measure the memo. One new request before each timed call, as a live server
  // receives them, makes every search read FTS5 again.
  const [category] = CATEGORIES;
  const write = () =>
    store.createRequest(
      {
        category: category!.id,
        subject: category!.subjects[0]!.id,
        message: "mesure",
        context: {
          platform: category!.platform,
          route: ROUTE_PATTERNS[category!.platform][0]!,
          title: "Page",
          locale: "fr",
          viewport: { w: 390, h: 844 },
          userAgent: "bench",
          widgetVersion: "0",
        },
      },
      new Date(),
    );
  let worst = 0;
  for (const [name, cookie, url] of values["only-indicators"] ? [] : cases) {
    const timings: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      await write();
      const started = performance.now();
      const response = await app.request(url(), {
        headers: { Cookie: cookie },
      });
      await response.arrayBuffer();
      if (response.status !== 200)
        throw new Error(`${name}: ${response.status}`);
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const p95 = percentile(timings, 95);
    worst = Math.max(worst, p95);
    console.log(
      `${name.padEnd(44)} ${percentile(timings, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${timings.at(-1)!.toFixed(1).padStart(8)}`,
    );
  }
  console.log(
    `\nworst p95: ${worst.toFixed(1)} ms (budget 100 ms) — ${worst <= 100 ? "OK" : "OVER BUDGET"}`,
  );

  const referent1 = await login(`referent75-${run}@bench.fr`, "referent", "75");
  const referent13 = await login(
    `referent13-${run}@bench.fr`,
    "referent",
    THIRTEEN.join(","),
  );
  const ALL = { kind: "all" } as const;
  const worstIndicators = await timeIndicators(
    store,
    app,
    [
      { name: "all requests", scope: ALL, filter: {}, cookie: agent },
      {
        name: "all, platform moncompte",
        scope: ALL,
        filter: { platform: "moncompte" },
        cookie: agent,
      },
      {
        name: "all, role young",
        scope: ALL,
        filter: { role: "young" },
        cookie: agent,
      },
      {
        name: "all, role none",
        scope: ALL,
        filter: { role: "none" },
        cookie: agent,
      },
      {
        name: "all, role head_center + platform admin",
        scope: ALL,
        filter: { role: "head_center", platform: "admin" },
        cookie: agent,
      },
      {
        name: "all, département 75",
        scope: ALL,
        filter: { department: "75" },
        cookie: agent,
      },
      {
        name: "referent 1 département",
        scope: { kind: "departments", departments: ["75"] },
        filter: {},
        cookie: referent1,
      },
      {
        name: "referent 13 départements",
        scope: { kind: "departments", departments: THIRTEEN },
        filter: {},
        cookie: referent13,
      },
      {
        name: "referent 13, platform admin + role",
        scope: { kind: "departments", departments: THIRTEEN },
        filter: { platform: "admin", role: "referent_department" },
        cookie: referent13,
      },
    ],
    today(),
    Number(values["indicator-iterations"]),
  );
  console.log(
    `\nindicators worst p95 (whole GET): ${worstIndicators.toFixed(1)} ms (budget 200 ms) — ${worstIndicators <= 200 ? "OK" : "OVER BUDGET"}`,
  );
  await store.close();

  const inserts = Number(values.inserts);
  if (inserts > 0) {
    const insertDir = fs.mkdtempSync(
      path.join(os.tmpdir(), "snu-aide-insert-"),
    );
    const { withTriggers, without } = await timeInsertPath(
      (name) => path.join(insertDir, name, "snu-aide.sqlite"),
      () => makeInsertRequest(),
      inserts,
    );
    fs.rmSync(insertDir, { recursive: true, force: true });
    const per = (ms: number) => ((ms * 1000) / inserts).toFixed(1);
    console.log(
      `\ninsert path: ${inserts.toLocaleString("fr-FR")} × createRequest — without the indicator triggers ` +
        `${(without / 1000).toFixed(2)} s (${per(without)} µs each), with them ${(withTriggers / 1000).toFixed(2)} s ` +
        `(${per(withTriggers)} µs each): ×${(withTriggers / without).toFixed(2)}`,
    );
  }
  if (values.keep || values.reuse) console.log(`database kept at ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

await main();
