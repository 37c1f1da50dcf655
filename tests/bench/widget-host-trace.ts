// Script time of the host page's main thread from a Chromium trace (the events DevTools' Performance panel
// counts as scripting), promise reactions included. CDP's `ScriptDuration` leaves them out: 50 ms of work
// in a `.then` adds nothing to it (and 50 ms to `TaskDuration`), measured in this Chromium (issue 14) — and
// the widget does most of its work after a `fetch` or an `import()`.
import type { CDPSession } from "playwright-core";

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string }; fileName?: string };
}

/**
 * Script events as DevTools counts them, those nested in another covered by the outermost: events that run
 * a script say which (its address), but module evaluation and promise reactions never do. Timers, frames
 * and DOM events are counted through the calls they make: the benchmark's own polling, with no address,
 * stays out.
 */
const SCRIPT_EVENTS = new Set([
  "EvaluateScript",
  "v8.compile",
  "FunctionCall",
  "XHRReadyStateChange",
]);
const ANONYMOUS_SCRIPT_EVENTS = new Set([
  "v8.compileModule",
  "v8.evaluateModule",
  "RunMicrotasks",
]);

/** Starts tracing the page's renderer; the returned function stops and gives the events. */
export async function startTrace(
  cdp: CDPSession,
): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const collect = (batch: { value: object[] }) =>
    events.push(...(batch.value as TraceEvent[]));
  cdp.on("Tracing.dataCollected", collect);
  await cdp.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: {
      // The script events only: the timeline's detailed categories add thousands of events to a load,
      // and the time to record them to the page's.
      includedCategories: ["devtools.timeline", "v8.execute"],
      excludedCategories: ["*"],
    },
  });
  return async () => {
    const complete = new Promise((resolve) =>
      cdp.once("Tracing.tracingComplete", resolve),
    );
    await cdp.send("Tracing.end");
    await complete;
    cdp.off("Tracing.dataCollected", collect);
    return events;
  };
}

/**
 * Milliseconds of script on the page's main thread (the renderer thread with the most of them): the union
 * of the script events' spans.
 */
export function scriptTime(events: TraceEvent[]): number {
  const threads = new Map<string, TraceEvent[]>();
  const mains = new Set<string>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph === "M" && event.args?.name === "CrRendererMain")
      mains.add(thread);
    const scripted =
      ANONYMOUS_SCRIPT_EVENTS.has(event.name) ||
      (SCRIPT_EVENTS.has(event.name) &&
        (event.args?.data?.url ?? event.args?.fileName));
    if (event.ph === "X" && scripted) {
      if (!threads.has(thread)) threads.set(thread, []);
      threads.get(thread)!.push(event);
    }
  }
  const main = [...mains].sort(
    (a, b) => (threads.get(b)?.length ?? 0) - (threads.get(a)?.length ?? 0),
  )[0];
  let total = 0;
  let end = -Infinity;
  for (const event of (threads.get(main!) ?? []).sort((a, b) => a.ts - b.ts)) {
    const stop = event.ts + (event.dur ?? 0);
    if (stop <= end) continue;
    total += stop - Math.max(event.ts, end);
    end = stop;
  }
  return total / 1000;
}
