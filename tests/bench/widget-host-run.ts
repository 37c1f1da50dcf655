// One run of `npm run bench:widget`: a fresh browser context (cold cache), the host page loaded at N× CPU
// throttling, its main-thread figures once it has settled, then — with the loader — a click on the
// launcher (cold chunk), and a reload in the same context and a second click (warm cache).
import type {
  Browser,
  BrowserContext,
  CDPSession,
  Page,
} from "playwright-core";
import {
  cumulativeLayoutShift,
  launcherCentre,
  notePage,
  readNotes,
  waitForWidget,
  watchPanel,
} from "./widget-host-page.ts";
import { scriptTime, startTrace } from "./widget-host-trace.ts";
import {
  startProfile,
  widgetTime,
  type CpuProfile,
} from "./widget-host-profile.ts";

export interface RunOptions {
  url: string;
  /** The widget's server: its requests are the widget's bytes. */
  widgetOrigin: string;
  withLoader: boolean;
  /** Whether the page has anchored tips: then the run waits for their hotspots to be shown. */
  anchored: boolean;
  throttle: number;
  /**
   * Whether the load is profiled (the widget's share, `widgetScript`). The profiler slows down code that
   * runs for the first time, all of the widget's: the timings of a profiled run are not the page's.
   */
  profile?: boolean;
  /** Measures the load only (the A/B bench): no click. */
  skipClick?: boolean;
  /** Given, the profiles of the load and of the cold click (a profiled click is slower: not measured then). */
  onProfile?: (step: "load" | "click", profile: CpuProfile) => void;
}

export interface RunFigures {
  /** Main-thread script time until the page settled (ms), from a trace: promise reactions included. */
  script: number;
  /** CDP's `ScriptDuration` over the same time: promise reactions left out (widget-host-trace.ts). */
  scriptCdp: number;
  /** Main-thread time in tasks (ms). */
  tasks: number;
  /**
   * CPU time of the main thread (ThreadTime): unlike the durations above, not lengthened when the busy
   * machine runs another process; at N× throttling it includes the throttler's own waits.
   */
  thread: number;
  /** Of which the widget's own code (CPU profile, widget-host-profile.ts). */
  widgetScript: number;
  longTasks: number;
  longTaskTime: number;
  cls: number;
  /** Click's dispatch → the frame that shows the panel (ms), chunk not yet fetched / in the HTTP cache. */
  clickCold?: number;
  clickWarm?: number;
  /** Bytes received from the widget's server (encoded, headers included) before and after the click. */
  bytesBefore: number;
  bytesAfter: number;
}

/** How long the network must stay idle for the page to count as settled. */
const QUIET_MS = 500;
const TIMEOUT_MS = 20_000;
const COOL_DOWN_MS = 1000;

/** The page's requests through CDP: bytes per phase, and when the network was last busy. */
function watchNetwork(cdp: CDPSession, widgetOrigin: string) {
  const state = {
    phase: "before" as "before" | "after",
    bytes: { before: 0, after: 0 },
    inFlight: new Map<string, "before" | "after" | null>(),
    lastActivity: performance.now(),
  };
  cdp.on("Network.requestWillBeSent", (event) => {
    state.lastActivity = performance.now();
    const ours = new URL(event.request.url).origin === widgetOrigin;
    // A redirect sends the same id again: the phase stays the one it started in.
    if (!state.inFlight.has(event.requestId))
      state.inFlight.set(event.requestId, ours ? state.phase : null);
  });
  const finish = (requestId: string, bytes: number) => {
    state.lastActivity = performance.now();
    const phase = state.inFlight.get(requestId);
    state.inFlight.delete(requestId);
    if (phase) state.bytes[phase] += bytes;
  };
  cdp.on("Network.loadingFinished", (event) =>
    finish(event.requestId, event.encodedDataLength),
  );
  cdp.on("Network.loadingFailed", (event) => finish(event.requestId, 0));
  return state;
}

/** Waits until no request is in flight and none started or ended for {@link QUIET_MS}. */
async function settle(network: ReturnType<typeof watchNetwork>) {
  const deadline = performance.now() + TIMEOUT_MS;
  for (;;) {
    const now = performance.now();
    if (network.inFlight.size === 0 && now - network.lastActivity >= QUIET_MS)
      return;
    if (now > deadline) throw new Error("the page never settled");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `promise`, or a failure after {@link TIMEOUT_MS} (the bench then stops with that message). */
async function withTimeout<T>(promise: Promise<T>, message: string) {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function metrics(cdp: CDPSession) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const value = (name: string) =>
    (metrics.find((metric) => metric.name === name)?.value ?? NaN) * 1000;
  return {
    script: value("ScriptDuration"),
    tasks: value("TaskDuration"),
    thread: value("ThreadTime"),
  };
}

/** Loads the page and waits until the widget (if any) has done what it does before intent. */
async function load(
  page: Page,
  options: RunOptions,
  network: ReturnType<typeof watchNetwork>,
) {
  await page.goto(options.url, { waitUntil: "load", timeout: TIMEOUT_MS });
  await withTimeout(
    page.evaluate(waitForWidget, {
      loader: options.withLoader,
      anchored: options.anchored,
    }),
    "the widget never showed",
  );
  await settle(network);
}

/** Clicks the launcher and returns the time from the click's dispatch to the frame that shows the panel. */
async function clickToPanel(
  page: Page,
  network: ReturnType<typeof watchNetwork>,
) {
  // Watched from inside the page (no polling from here, which would add work to every frame).
  const shown = page.evaluate(watchPanel);
  network.phase = "after";
  // A user's click: the pointer moves onto the launcher (hover, the widget's first sign of intent), then
  // presses and releases at once — the panel's chunk has no head start.
  const { x, y } = await page.evaluate(launcherCentre);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.up();
  const visibleAt = await withTimeout(shown, "the panel never showed");
  const { clicks } = await page.evaluate(readNotes);
  await settle(network);
  return visibleAt - clicks.at(-1)!;
}

export async function measureRun(
  browser: Browser,
  options: RunOptions,
): Promise<RunFigures> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = await context.newPage();
    // tsx compiles this file with esbuild's `keepNames`: the functions handed to the page call `__name`.
    await page.addInitScript("globalThis.__name = (fn) => fn;");
    await page.addInitScript(notePage);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Performance.enable");
    await cdp.send("Emulation.setCPUThrottlingRate", {
      rate: options.throttle,
    });
    const network = watchNetwork(cdp, options.widgetOrigin);
    const stopProfile = options.profile
      ? await startProfile(cdp)
      : async () => undefined;
    const stopTrace = await startTrace(cdp);
    await load(page, options, network);
    const { script: scriptCdp, tasks, thread } = await metrics(cdp);
    const script = scriptTime(await stopTrace());
    const profile = await stopProfile();
    if (profile) options.onProfile?.("load", profile);
    const notes = await page.evaluate(readNotes);
    const figures: RunFigures = {
      script,
      scriptCdp,
      tasks,
      thread,
      widgetScript: profile ? widgetTime(profile, options.widgetOrigin) : NaN,
      longTasks: notes.longTasks.length,
      longTaskTime: notes.longTasks.reduce(
        (sum, task) => sum + task.duration,
        0,
      ),
      cls: cumulativeLayoutShift(notes.shifts),
      bytesBefore: network.bytes.before,
      bytesAfter: 0,
    };
    if (!options.withLoader || options.skipClick) return figures;
    if (options.onProfile) {
      const stop = await startProfile(cdp);
      await clickToPanel(page, network);
      options.onProfile("click", await stop());
      return figures;
    }
    figures.clickCold = await clickToPanel(page, network);
    figures.bytesAfter = network.bytes.after;
    // Warm: the same visitor's next page view, the widget's files in the HTTP cache.
    network.phase = "before";
    await load(page, { ...options, url: options.url }, network);
    figures.clickWarm = await clickToPanel(page, network);
    return figures;
  } finally {
    await context.close();
    // The closed context's renderer exits and the browser cleans up on the other core: measured on this
    // 2-core machine, the run that follows at once counts up to 2× its script time.
    await new Promise((resolve) => setTimeout(resolve, COOL_DOWN_MS));
  }
}
