import type { WidgetEvent } from "../../api/contract/widget-events.ts";
import { createEventBatch, type EventBatchDeps } from "./event-batch.ts";

export interface EventCounterDeps extends EventBatchDeps {
  /** The route tag of the current page, read when an event happens (page-route.ts). */
  route(): string;
}

/**
 * The widget's anonymous counters (issue 13, api/contract/widget-events.ts), and the answers of a panel
 * session to « Cette astuce vous a-t-elle aidé ? ». A session is the widget's life on this page (until it
 * is left or destroyed). Nothing names the user, nothing is stored. The batching code (event-batch.ts)
 * comes with the panel: `panel_open`, counted each time it opens, would fetch it anyway (BUDGETS.md).
 */
export function createEventCounter({ route, ...deps }: EventCounterDeps) {
  const votes = new Map<string, boolean>();
  const batch = createEventBatch(deps);

  const count = (event: WidgetEvent, tip?: string, term?: string) =>
    batch.add({ event, route: route(), tip, term });

  return {
    count,
    /**
     * « Cette astuce vous a-t-elle aidé ? »: the first answer for a tip is counted and kept for the
     * session; returns the answer kept (undefined before any).
     */
    vote(tip: string, helpful?: boolean): boolean | undefined {
      if (helpful !== undefined && !votes.has(tip)) {
        votes.set(tip, helpful);
        count(helpful ? "tip_helpful" : "tip_not_helpful", tip);
      }
      return votes.get(tip);
    },
    /** Sends what is waiting now, and stops its timer (the widget is destroyed): none outlives it. */
    flush: batch.flush,
  };
}

export type EventCounter = ReturnType<typeof createEventCounter>;
