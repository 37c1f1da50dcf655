import type { WidgetEventLine } from "../../api/contract/widget-events.ts";

// The contract's limits, from its zod-free rules (widget-events.ts would bring zod into the widget).
import {
  MAX_EVENT_BATCH_BYTES,
  MAX_EVENT_COUNT,
  MAX_EVENT_LINES,
} from "../../api/contract/widget-event-rules.ts";

/** Events counted close together leave in one batch, at most one every 10 s (and one on `pagehide`). */
export const EVENT_BATCH_DELAY_MS = 10_000;

export interface EventBatchDeps {
  platform: string;
  /** Sends one batch's JSON; anonymous, never retried, never throwing (api-client.ts). */
  post(json: string): unknown;
  /** Its timers, and its `pagehide` (tests pass fakes). */
  win: Pick<
    Window,
    "setTimeout" | "clearTimeout" | "addEventListener" | "removeEventListener"
  >;
}

/**
 * Batches the widget's counted events (event-counter.ts): identical lines are merged with a `count`, and
 * the batch leaves 10 s after its first event, or on `pagehide`, whichever comes first. Each tip read is
 * counted once more with the next request sent (`tip_then_request`). Nothing is stored or sent again: a
 * lost batch is only lost counts.
 */
export function createEventBatch({ platform, post, win }: EventBatchDeps) {
  const lines = new Map<string, WidgetEventLine>();
  // Each tip read, with the page it was read on: its « requests after » belong to that page's row.
  const read = new Map<string, string>();
  let timer: number | undefined;

  const flush = () => {
    win.clearTimeout(timer);
    timer = undefined;
    win.removeEventListener("pagehide", flush);
    // Cut to the contract's limits rather than refused whole: 50 lines, then 8 KB (UTF-8 bytes).
    const events = [...lines.values()].slice(0, MAX_EVENT_LINES);
    lines.clear();
    for (; events.length; events.pop()) {
      const json = JSON.stringify({ platform, events });
      if (new Blob([json]).size <= MAX_EVENT_BATCH_BYTES)
        return void post(json);
    }
  };

  const add = (line: WidgetEventLine) => {
    const { event, tip } = line;
    if (event === "tip_read") read.set(tip!, line.route);
    const key = JSON.stringify(line);
    const known = lines.get(key);
    // Beyond 50 identical events in 10 s it is no person's use: the rest is not counted.
    if (known) known.count = Math.min(MAX_EVENT_COUNT, (known.count ?? 1) + 1);
    else lines.set(key, line);
    if (event === "request_sent") {
      read.forEach((route, id) =>
        add({ event: "tip_then_request", route, tip: id }),
      );
      read.clear();
    }
    if (timer === undefined) {
      win.addEventListener("pagehide", flush);
      timer = win.setTimeout(flush, EVENT_BATCH_DELAY_MS);
    }
  };

  return { add, flush };
}

export type EventBatch = ReturnType<typeof createEventBatch>;
