// Same-run A/B of two builds of the widget on the host pages of `npm run bench:widget` (issue 14). Each
// build is a copy of the repository at that state, built (`vite build --mode loader` and `--mode panel`),
// served by its own real server; the demo host page is this folder's dist/demo. Runs interleave the page
// without the loader, then A and B in turn (the order alternating), so that the busy 2-core machine's slow
// patches fall on all three. Per page: medians of the extra script and task time, main-thread CPU time
// (with minus without, same round), long tasks, the widget's own share (CPU profile, when profiled), and
// B − A round by round. `--count` instead counts, in one load per page and build, the runs of redactText's
// regular expression and the calls of getBoundingClientRect (floating-ui makes some for every position it
// computes).
// Run: node --import tsx tests/bench/widget-host-ab.ts --a DIR [--b DIR] [--runs 7] [--throttle 4]
//        [--profile both|none|a|b] [--only anchored|plain] [--json FILE] [--count]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Browser } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import {
  startWidgetServer,
  type WidgetServer,
} from "../e2e/support/widget-server.ts";
import { measureRun, type RunFigures } from "./widget-host-run.ts";
import { startBenchHost } from "./widget-host-server.ts";

const { values } = parseArgs({
  options: {
    a: { type: "string" },
    b: { type: "string", default: "." },
    runs: { type: "string", default: "7" },
    throttle: { type: "string", default: "4" },
    count: { type: "boolean", default: false },
    // Which builds' runs are profiled (the widget's share): both, none, a or b — a and b measure the
    // profiler's own cost when --a and --b name the same build.
    profile: { type: "string", default: "both" },
    // Only the page with (or without) anchored tips.
    only: { type: "string" },
    // Every run's figures, for a closer look than the medians.
    json: { type: "string" },
  },
});
if (!values.a) throw new Error("--a DIR: a copy of the repository, built");
const RUNS = Number(values.runs);
const THROTTLE = Number(values.throttle);
const BUILDS = { A: path.resolve(values.a), B: path.resolve(values.b!) };

const PAGES = [
  {
    name: "sans astuces ancrées",
    path: "/demo/moncompte/mission",
    anchored: false,
  },
  {
    name: "avec astuces ancrées",
    path: "/demo/moncompte/inscription/documents",
    anchored: true,
  },
] as const;

/** The real server of the copy in `dir` (startWidgetServer runs `api/server.ts` of the current folder). */
async function startServerIn(dir: string, hostOrigin: string) {
  const here = process.cwd();
  process.chdir(dir);
  try {
    return await startWidgetServer({ ALLOWED_ORIGINS: hostOrigin });
  } finally {
    process.chdir(here);
  }
}

const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? sorted[mid]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// Runs in the page before its scripts: counts redactText's runs (its regular expression has `(?<keep>`).
function countRedactions() {
  const proto = RegExp.prototype as unknown as Record<
    symbol,
    (this: RegExp, ...args: unknown[]) => unknown
  >;
  const replace = proto[Symbol.replace]!;
  // And getBoundingClientRect calls: floating-ui makes them for each position it computes.
  const rect = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    notes.rects++;
    return rect.call(this);
  };
  const notes = { runs: 0, rects: 0 };
  (window as { __redactions?: typeof notes }).__redactions = notes;
  proto[Symbol.replace] = function (this: RegExp, ...args: unknown[]) {
    if (this.source.includes("(?<keep>")) notes.runs++;
    return replace.apply(this, args);
  };
}

async function count(
  browser: Browser,
  host: string,
  servers: Record<string, WidgetServer>,
) {
  for (const page of PAGES)
    for (const [name, server] of Object.entries(servers)) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.addInitScript("globalThis.__name = (fn) => fn;");
      await tab.addInitScript(countRedactions);
      await tab.goto(`${host}${page.path}?widget=${server.origin}`);
      // Until the widget shows what it shows before intent (a hotspot on a page with anchored tips).
      await tab
        .locator(
          page.anchored
            ? "snu-aide button.hotspot"
            : "snu-aide button.launcher",
        )
        .first()
        .waitFor();
      await tab.waitForLoadState("networkidle");
      await tab.waitForTimeout(1000);
      const { runs, rects } = await tab.evaluate(
        () =>
          (window as { __redactions?: { runs: number; rects: number } })
            .__redactions!,
      );
      console.log(
        `${page.name}, build ${name} : ${runs} passage(s) de l'expression de masquage, ${rects} appels de getBoundingClientRect au chargement`,
      );
      await context.close();
    }
}

async function main() {
  const servers: Record<string, WidgetServer> = {};
  // The host page's loader tag points at the server named by `?widget=` (both builds share the page).
  const host = await startBenchHost(
    "dist/demo",
    (url) => url.searchParams.get("widget") ?? "",
  );
  const browser = await launchChromium();
  try {
    for (const [name, dir] of Object.entries(BUILDS))
      servers[name] = await startServerIn(dir, host.origin);
    console.log(
      `${new Date().toISOString()} — A ${BUILDS.A}, B ${BUILDS.B} ; CPU ÷${THROTTLE}, ${RUNS} passages ; charge ${os.loadavg()[0]!.toFixed(2)}`,
    );
    if (values.count) return await count(browser, host.origin, servers);
    const all: Record<string, Record<string, RunFigures[]>> = {};
    for (const page of PAGES.filter(
      (page) => !values.only || (values.only === "anchored") === page.anchored,
    )) {
      const runs: Record<string, RunFigures[]> = { sans: [], A: [], B: [] };
      all[page.path] = runs;
      for (let round = 0; round <= RUNS; round++) {
        const order = round % 2 ? ["B", "A"] : ["A", "B"];
        for (const variant of ["sans", ...order]) {
          const server = servers[variant] ?? servers.A!;
          const figures = await measureRun(browser, {
            url: `${host.origin}${page.path}?${variant === "sans" ? "sans-chargeur" : `widget=${server.origin}`}`,
            widgetOrigin: server.origin,
            withLoader: variant !== "sans",
            anchored: page.anchored,
            throttle: THROTTLE,
            skipClick: true,
            profile: ["both", variant.toLowerCase()].includes(values.profile!),
          });
          if (round > 0) runs[variant]!.push(figures);
        }
        process.stdout.write(`${page.name} : passage ${round}/${RUNS}\r`);
      }
      const extra = (variant: string, key: keyof RunFigures) =>
        median(
          runs[variant]!.map(
            (run, i) => (run[key] ?? NaN) - (runs.sans![i]![key] ?? NaN),
          ),
        ).toFixed(1);
      const own = (variant: string, key: keyof RunFigures) =>
        median(runs[variant]!.map((run) => run[key] ?? NaN)).toFixed(1);
      // B − A round by round: the page's own variation (the baseline's) cancels out.
      const delta = (key: keyof RunFigures) =>
        median(
          runs.B!.map(
            (run, i) => (run[key] ?? NaN) - (runs.A![i]![key] ?? NaN),
          ),
        ).toFixed(1);
      console.log(
        `\n${page.name} (${page.path}) — médianes de ${RUNS} passages`,
      );
      const rows: [string, string, string, string][] = [
        ["mesure", "A", "B", "B − A (même passage)"],
        [
          "script en plus, trace (ms)",
          extra("A", "script"),
          extra("B", "script"),
          delta("script"),
        ],
        [
          "ScriptDuration en plus (ms)",
          extra("A", "scriptCdp"),
          extra("B", "scriptCdp"),
          delta("scriptCdp"),
        ],
        [
          "tâches en plus (ms)",
          extra("A", "tasks"),
          extra("B", "tasks"),
          delta("tasks"),
        ],
        [
          "CPU du fil principal en plus (ms)",
          extra("A", "thread"),
          extra("B", "thread"),
          delta("thread"),
        ],
        [
          "tâches longues en plus",
          extra("A", "longTasks"),
          extra("B", "longTasks"),
          delta("longTasks"),
        ],
        [
          "code du widget, profil (ms)",
          own("A", "widgetScript"),
          own("B", "widgetScript"),
          delta("widgetScript"),
        ],
      ];
      for (const [label, ...cells] of rows)
        console.log(
          label.padEnd(36) + cells.map((cell) => cell.padStart(11)).join(""),
        );
    }
    if (values.json) fs.writeFileSync(values.json, JSON.stringify(all));
  } finally {
    await browser.close();
    for (const server of Object.values(servers)) await server.stop();
    await host.close();
  }
}

await main();
