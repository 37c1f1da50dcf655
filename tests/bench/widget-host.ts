// Benchmark: what the widget costs a host page (issue 14, BUDGETS.md « Widget »). The built demo app
// (dist/demo) is served from its own origin (widget-host-server.ts), with and without the loader tag, the
// same page otherwise; the loader, its chunks and the API come from the real server (api/server.ts) on
// another origin. Debian's Chromium (playwright-core) at 4× CPU throttling, a fresh context (cold cache)
// per run, the variants interleaved (widget-host-run.ts); per page: medians of the extra script time and
// main-thread task time (CDP Performance.getMetrics, with minus without, run by run), long tasks and layout
// shift (observers set before the page's scripts), click on the launcher → the frame that shows the panel
// (cold, then warm after a reload), the bytes the widget's server sent before and after that click, and
// the widget's own share of the script (CPU profile: samples with one of its scripts on the stack — the
// with-minus-without difference cannot resolve 20 ms on a busy 2-core machine). That share comes from
// profiled loads of their own: the profiler slows down code run for the first time, all of the widget's,
// and made the other figures of a profiled run larger (a same-run A/B, issue 14).
// Run: npm run bench:widget -- [--runs 7] [--throttle 4] [--profile DIR]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "../e2e/support/browser.ts";
import { startWidgetServer } from "../e2e/support/widget-server.ts";
import { printProfile } from "./widget-host-profile.ts";
import { measureRun, type RunFigures } from "./widget-host-run.ts";
import { startBenchHost } from "./widget-host-server.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    throttle: { type: "string", default: "4" },
    // Also one profiled run per page with the loader: V8 CPU profiles written there, summed up here.
    profile: { type: "string" },
  },
});
const RUNS = Number(values.runs);
/** Profiled loads per page, with the loader, for the widget's own share (not counted in the other figures). */
const PROFILED_RUNS = 3;
const THROTTLE = Number(values.throttle);

/** The two kinds of page (demo/moncompte): the anchors index has `/inscription/documents`, not `/mission`. */
const PAGES = [
  {
    name: "page sans astuces ancrées",
    path: "/demo/moncompte/mission",
    anchored: false,
    scriptBudget: 20,
    before: { script: "+24 ms", tasks: "+38 ms" },
  },
  {
    name: "page avec astuces ancrées",
    path: "/demo/moncompte/inscription/documents",
    anchored: true,
    scriptBudget: 40,
    before: { script: "+35 ms", tasks: "+125 ms" },
  },
] as const;
const CLICK_BUDGET = 150;

/** Builds what is missing (the loader, its chunks, the demo); warns when the built widget is older than its sources. */
function ensureBuilt() {
  const missing = [
    "dist/widget/loader.js",
    "dist/widget/panel.js",
    "dist/demo/moncompte/index.html",
  ];
  if (missing.some((file) => !fs.existsSync(file))) {
    console.log("dist/ incomplet : vite build --mode loader, panel, demo…");
    for (const mode of ["loader", "panel", "demo"])
      execFileSync(
        "npx",
        ["vite", "build", "--mode", mode, "--logLevel", "warn"],
        {
          stdio: "inherit",
        },
      );
    return;
  }
  const built = fs.statSync("dist/widget/loader.js").mtimeMs;
  const newer = fs
    .readdirSync("widget", { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .some(
      (entry) =>
        fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs > built,
    );
  console.log(
    newer
      ? "ATTENTION : widget/ a changé depuis le dernier build — mesuré : dist/ tel quel (npm run build pour le mettre à jour)."
      : "dist/ à jour : rien à construire.",
  );
}

const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? sorted[mid]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Row = [string, string, string, string, string, string, string];

function report(
  page: (typeof PAGES)[number],
  without: RunFigures[],
  withLoader: RunFigures[],
  profiled: RunFigures[],
): Row[] {
  const pick = (runs: RunFigures[], key: keyof RunFigures) =>
    runs.map((run) => run[key] ?? NaN);
  // Extras: the median of the run-by-run differences (the variants alternate within each round).
  const extra = (key: keyof RunFigures) =>
    median(
      withLoader.map(
        (run, i) => (run[key] ?? NaN) - (without[i]?.[key] ?? NaN),
      ),
    );
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const plus = (value: number, unit = " ms", digits = 1) =>
    `${value >= 0 ? "+" : ""}${value.toFixed(digits)}${unit}`;
  const verdict = (ok: boolean) => (ok ? "OK" : "OVER BUDGET");
  const kb = (value: number) => `${(value / 1024).toFixed(1)} KiB`;
  const script = extra("script");
  const longTasks = extra("longTasks");
  const cls = extra("cls");
  const clickCold = median(pick(withLoader, "clickCold"));
  return [
    [
      "script en plus (trace, promesses comprises)",
      ms(median(pick(without, "script"))),
      ms(median(pick(withLoader, "script"))),
      plus(script),
      `≤ ${page.scriptBudget} ms`,
      "—",
      verdict(script <= page.scriptBudget),
    ],
    [
      // The measure of the first figures: blind to promise reactions (widget-host-trace.ts).
      "  ScriptDuration (CDP, sans les promesses)",
      ms(median(pick(without, "scriptCdp"))),
      ms(median(pick(withLoader, "scriptCdp"))),
      plus(extra("scriptCdp")),
      "—",
      page.before.script,
      "—",
    ],
    [
      // Not the same measure: DOM calls and the layouts they force count here, and the profiler slows down
      // code that runs for the first time (all of the widget's): an upper bound, to compare builds.
      `code du widget (profil CPU, ${PROFILED_RUNS} passages à part)`,
      "—",
      ms(median(pick(profiled, "widgetScript"))),
      "",
      "—",
      "—",
      "—",
    ],
    [
      "tâches en plus (TaskDuration)",
      ms(median(pick(without, "tasks"))),
      ms(median(pick(withLoader, "tasks"))),
      plus(extra("tasks")),
      "—",
      page.before.tasks,
      "—",
    ],
    [
      "tâches longues (≥ 50 ms)",
      String(median(pick(without, "longTasks"))),
      String(median(pick(withLoader, "longTasks"))),
      plus(longTasks, "", 0),
      "0 de plus",
      "—",
      verdict(longTasks <= 0),
    ],
    [
      "  dont durée",
      ms(median(pick(without, "longTaskTime"))),
      ms(median(pick(withLoader, "longTaskTime"))),
      plus(extra("longTaskTime")),
      "—",
      "—",
      "—",
    ],
    [
      "décalage de mise en page (CLS)",
      median(pick(without, "cls")).toFixed(4),
      median(pick(withLoader, "cls")).toFixed(4),
      plus(cls, "", 4),
      "0 de plus",
      "—",
      verdict(cls <= 0),
    ],
    [
      "clic → panneau visible, à froid (p50)",
      "—",
      ms(clickCold),
      "",
      `≤ ${CLICK_BUDGET} ms`,
      "190–220 ms",
      verdict(clickCold <= CLICK_BUDGET),
    ],
    [
      "clic → panneau visible, à chaud (p50)",
      "—",
      ms(median(pick(withLoader, "clickWarm"))),
      "",
      "—",
      "—",
      "—",
    ],
    [
      "octets du widget avant intention",
      "0",
      kb(median(pick(withLoader, "bytesBefore"))),
      "",
      "—",
      "—",
      "—",
    ],
    [
      "octets du widget après intention",
      "0",
      kb(median(pick(withLoader, "bytesAfter"))),
      "",
      "—",
      "—",
      "—",
    ],
  ];
}

function printTable(title: string, rows: Row[]) {
  const header: Row = [
    "mesure",
    "sans chargeur",
    "avec chargeur",
    "écart",
    "budget",
    "issue 14 (avant)",
    "verdict",
  ];
  const all = [header, ...rows];
  const widths = header.map((_, i) =>
    Math.max(...all.map((row) => row[i]!.length)),
  );
  console.log(`\n${title}`);
  for (const row of all)
    console.log(
      row
        .map((cell, i) =>
          i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!),
        )
        .join("  "),
    );
}

async function main() {
  ensureBuilt();
  let widgetOrigin = "";
  const host = await startBenchHost("dist/demo", () => widgetOrigin);
  const server = await startWidgetServer({ ALLOWED_ORIGINS: host.origin });
  widgetOrigin = server.origin;
  const browser = await launchChromium();
  console.log(
    `${new Date().toISOString()} — hôte ${host.origin}, widget ${server.origin} ; Chromium ${browser.version()}, CPU ÷${THROTTLE}, ${RUNS} passages par variante ; charge de la machine ${os.loadavg()[0]!.toFixed(2)} (${os.cpus().length} cœurs)`,
  );
  try {
    const results = PAGES.map(() => ({
      without: [] as RunFigures[],
      with: [] as RunFigures[],
      profiled: [] as RunFigures[],
    }));
    // Round 0 warms the browser up (its first contexts are slower) and is not counted.
    for (let round = 0; round <= RUNS; round++) {
      for (const [index, page] of PAGES.entries()) {
        // Alternate which variant goes first, so that a slow patch of the machine falls on both.
        const order = round % 2 ? [true, false] : [false, true];
        for (const withLoader of order) {
          const figures = await measureRun(browser, {
            url: `${host.origin}${page.path}${withLoader ? "" : "?sans-chargeur"}`,
            widgetOrigin,
            withLoader,
            anchored: page.anchored,
            throttle: THROTTLE,
          });
          if (round > 0)
            results[index]![withLoader ? "with" : "without"].push(figures);
        }
      }
      process.stdout.write(`passage ${round}/${RUNS}\r`);
    }
    for (const [index, page] of PAGES.entries())
      for (let run = 0; run < PROFILED_RUNS; run++)
        results[index]!.profiled.push(
          await measureRun(browser, {
            url: host.origin + page.path,
            widgetOrigin,
            withLoader: true,
            anchored: page.anchored,
            throttle: THROTTLE,
            profile: true,
            skipClick: true,
          }),
        );
    for (const [index, page] of PAGES.entries())
      printTable(
        `${page.name} (${page.path}) — médianes de ${RUNS} passages, CPU ÷${THROTTLE}`,
        report(
          page,
          results[index]!.without,
          results[index]!.with,
          results[index]!.profiled,
        ),
      );
    if (values.profile)
      for (const page of PAGES)
        await measureRun(browser, {
          url: host.origin + page.path,
          widgetOrigin,
          withLoader: true,
          anchored: page.anchored,
          throttle: THROTTLE,
          profile: true,
          onProfile: (step, profile) =>
            printProfile(
              `${page.name}, ${step === "load" ? "chargement" : "clic à froid"}`,
              path.resolve(
                values.profile!,
                `${path.basename(page.path)}-${step}.cpuprofile`,
              ),
              profile,
              widgetOrigin,
            ),
        });
  } finally {
    await browser.close();
    await server.stop();
    await host.close();
  }
}

await main();
