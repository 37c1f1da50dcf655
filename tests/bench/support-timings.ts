// Timings of the console at the benchmark's scale, whichever store holds the data: list, filters and text
// search (budget p95 ≤ 100 ms), then the indicators (p95 ≤ 200 ms, indicator-timings.ts), each through the
// real app (createApp) as an agent and as referents.
import { createApp, type AppDeps } from "../../api/app.ts";
import { systemClock } from "../../api/clock.ts";
import { CATEGORIES } from "../../api/contract/categories.ts";
import { ROUTE_PATTERNS } from "../../api/contract/routes.ts";
import type { Platform } from "../../api/contract/vocabulary.ts";
import { createJsonLogger } from "../../api/logger.ts";
import type { AppStore } from "../../api/store/app-store.ts";
import type { NewRequest } from "../../api/store/store.ts";
import { createAccount } from "../../api/support/accounts.ts";
import { STATUSES, today, type Draws } from "./indicator-seed.ts";
import { timeIndicators, type IndicatorShape } from "./indicator-timings.ts";
import { DEPARTMENTS, WORDS } from "./support-rows.ts";

export const BUDGET = { consoleP95: 100, indicatorsP95: 200 };

/** The budget's verdict on a worst p95; « NOT MEASURED » when it could not be timed. */
export const verdict = (p95: number | undefined, budget: number) =>
  p95 === undefined
    ? "NOT MEASURED"
    : `${p95.toFixed(1)} ms ≤ ${budget} ms — ${p95 <= budget ? "OK" : "OVER BUDGET"}`;

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

const WORST = "con bon mer que pro imp err pag";
const SHORT = "co pa re ce ph tr ba mi";
const search = (q: string) =>
  `/support/api/requests?q=${encodeURIComponent(q)}`;

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ]!;
}

export interface SupportTimingOptions {
  /** Which store, in the tables' titles. */
  label: string;
  iterations: number;
  indicatorIterations: number;
  onlyIndicators: boolean;
  /** False when the store could not take the widget's counters: the indicators are not timed. */
  indicators: boolean;
}

/** The worst p95 (ms) of the console's queries and of the indicators' whole GET; undefined when not timed. */
export interface SupportTimings {
  consoleP95?: number;
  indicatorsP95?: number;
}

/**
 * Times the console against `store` (already seeded), its app built as the server builds it: `deps` are
 * what the store shares besides itself (on PostgreSQL, the rate counters and login failures).
 */
export async function timeSupport(
  store: AppStore,
  deps: Pick<AppDeps, "rateCounters" | "loginFailures">,
  draws: Draws,
  options: SupportTimingOptions,
): Promise<SupportTimings> {
  const { pick } = draws;
  const { label } = options;
  const app = createApp({
    store,
    clock: systemClock,
    logger: createJsonLogger(() => {}),
    config: { allowedOrigins: [], trustProxy: false, rateLimitPerMinute: 0 },
    ...deps,
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
    if (response.status !== 200)
      throw new Error(`${label}: login ${response.status}`);
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
  // A search's text window is kept until the next write (api/store/sqlite-text-window.ts): repeating the
  // same search would then measure the memo. One new request before each timed call, as a live server
  // receives them, makes every search read the text index again (on either store).
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
  const timings: SupportTimings = {};
  if (!options.onlyIndicators) {
    let consoleP95 = 0;
    console.log(
      `\n${`console queries — ${label}`.padEnd(46)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`,
    );
    for (const [name, cookie, url] of cases) {
      const runs: number[] = [];
      for (let i = 0; i < options.iterations; i++) {
        await write();
        const started = performance.now();
        const response = await app.request(url(), {
          headers: { Cookie: cookie },
        });
        await response.arrayBuffer();
        if (response.status !== 200)
          throw new Error(`${label}, ${name}: ${response.status}`);
        runs.push(performance.now() - started);
      }
      runs.sort((a, b) => a - b);
      const p95 = percentile(runs, 95);
      consoleP95 = Math.max(consoleP95, p95);
      console.log(
        `${name.padEnd(46)} ${percentile(runs, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${runs.at(-1)!.toFixed(1).padStart(8)}`,
      );
    }
    console.log(
      `\n${label}: console worst p95 ${verdict(consoleP95, BUDGET.consoleP95)}`,
    );
    timings.consoleP95 = consoleP95;
  }
  if (!options.indicators) return timings;

  const referent1 = await login(`referent75-${run}@bench.fr`, "referent", "75");
  const referent13 = await login(
    `referent13-${run}@bench.fr`,
    "referent",
    THIRTEEN.join(","),
  );
  const indicatorsP95 = await timeIndicators(
    store,
    app,
    indicatorShapes(agent, referent1, referent13),
    today(),
    options.indicatorIterations,
    label,
  );
  console.log(
    `\n${label}: indicators worst p95 (whole GET) ${verdict(indicatorsP95, BUDGET.indicatorsP95)}`,
  );
  return { ...timings, indicatorsP95 };
}

function indicatorShapes(
  agent: string,
  referent1: string,
  referent13: string,
): IndicatorShape[] {
  const ALL = { kind: "all" } as const;
  const thirteen = { kind: "departments", departments: THIRTEEN } as const;
  return [
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
      scope: thirteen,
      filter: {},
      cookie: referent13,
    },
    {
      name: "referent 13, platform admin + role",
      scope: thirteen,
      filter: { platform: "admin", role: "referent_department" },
      cookie: referent13,
    },
  ];
}

/** A request as POST /v1/requests stores it, with an identity (most do): the insert path's timings. */
export function makeInsertRequest(draws: Draws): NewRequest {
  const { random, pick } = draws;
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
