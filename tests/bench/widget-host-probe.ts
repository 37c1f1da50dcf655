// Development aid (issue 14): loads a bench page N times at N× throttling and prints each long task and
// each long animation frame (LoAF) with the scripts that made it — which code of the widget makes a long
// task, where the CPU profile cannot say (it slows down code that runs for the first time).
// Run: node --import tsx tests/bench/widget-host-probe.ts --build DIR [--path /demo/moncompte/…] [--runs 3]
import path from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "../e2e/support/browser.ts";
import { startWidgetServer } from "../e2e/support/widget-server.ts";
import { waitForWidget } from "./widget-host-page.ts";
import { startBenchHost } from "./widget-host-server.ts";

const { values } = parseArgs({
  options: {
    build: { type: "string", default: "." },
    path: { type: "string", default: "/demo/moncompte/inscription/documents" },
    runs: { type: "string", default: "3" },
    throttle: { type: "string", default: "4" },
  },
});

interface Frame {
  start: number;
  duration: number;
  blocking: number;
  scripts: { src: string; invoker: string; duration: number; start: number }[];
}

/** A `long-animation-frame` entry, as far as the probe reads it (not yet in TypeScript's DOM types). */
interface LoafEntry {
  startTime: number;
  duration: number;
  blockingDuration: number;
  scripts: {
    sourceURL: string;
    invoker: string;
    duration: number;
    startTime: number;
  }[];
}

function watchFrames() {
  const notes = { tasks: [] as number[][], frames: [] as Frame[] };
  (window as { __probe?: typeof notes }).__probe = notes;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      notes.tasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as LoafEntry[])
      notes.frames.push({
        start: e.startTime,
        duration: e.duration,
        blocking: e.blockingDuration,
        scripts: e.scripts.map((s) => ({
          src: s.sourceURL.split("/").pop()!,
          invoker: s.invoker,
          duration: s.duration,
          start: s.startTime,
        })),
      });
  }).observe({ type: "long-animation-frame", buffered: true });
}

const here = process.cwd();
process.chdir(path.resolve(values.build!));
let widget = "";
const host = await startBenchHost(path.join(here, "dist/demo"), () => widget);
const server = await startWidgetServer({ ALLOWED_ORIGINS: host.origin });
process.chdir(here);
widget = server.origin;
const browser = await launchChromium();
try {
  for (let run = 0; run < Number(values.runs); run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript("globalThis.__name = (fn) => fn;");
    await page.addInitScript(watchFrames);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", {
      rate: Number(values.throttle),
    });
    await page.goto(host.origin + values.path);
    await page.evaluate(waitForWidget, {
      loader: true,
      anchored: values.path!.includes("documents"),
    });
    await page.waitForTimeout(1500);
    const notes = (await page.evaluate(
      () => (window as { __probe?: unknown }).__probe,
    )) as { tasks: number[][]; frames: Frame[] };
    console.log(`\n— passage ${run}`);
    for (const [start, duration] of notes.tasks)
      console.log(`longtask @${start!.toFixed(0)} ${duration!.toFixed(0)} ms`);
    for (const f of notes.frames) {
      console.log(
        `LoAF @${f.start.toFixed(0)} ${f.duration.toFixed(0)} ms (bloquant ${f.blocking.toFixed(0)})`,
      );
      for (const s of f.scripts)
        console.log(
          `    ${s.duration.toFixed(0).padStart(4)} ms @${s.start.toFixed(0)} ${s.src} ${s.invoker}`,
        );
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  await host.close();
}
