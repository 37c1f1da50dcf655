import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import { schedulePeriodicJob } from "../server/periodic-job.ts";
import type { ConversationStore } from "../store/conversation-types.ts";
import { createLocalJobLock, type JobLock } from "../store/job-lock.ts";

const HOUR_MS = 3600_000;

/**
 * The automatic follow-ups (issue 10), now and then every hour: a reminder after `reminderDays` waiting for
 * the user, a resolution after `autoResolveDays`. Hourly so that a reminder is at most an hour late; each
 * pass is one transaction, so two instances never remind twice; on PostgreSQL `deps.lock` also keeps a
 * second instance from running a pass while one runs (issue 15). Returns the cleanup.
 */
export function scheduleFollowUps(
  deps: {
    store: ConversationStore;
    clock: Clock;
    logger: Logger;
    /** Wakes the mail worker when e-mails were queued. */
    onMailQueued?: () => void;
    /** Which instance runs a pass (default: this one, always). */
    lock?: JobLock;
  },
  days: { reminderDays: number; autoResolveDays: number },
): () => void {
  const pass = async () => {
    const { reminded, resolved } = await deps.store.runFollowUpAutomation(
      deps.clock.now(),
      days,
    );
    // Counts only: references are fine for support but logs keep to the minimum.
    if (reminded.length || resolved.length) {
      deps.logger.info("follow_ups_done", {
        reminded: reminded.length,
        resolved: resolved.length,
      });
      deps.onMailQueued?.();
    }
  };
  return schedulePeriodicJob({
    name: "follow-ups",
    everyMs: HOUR_MS,
    job: pass,
    lock: deps.lock ?? createLocalJobLock(),
    logger: deps.logger,
    failedEvent: "follow_ups_failed",
  });
}
