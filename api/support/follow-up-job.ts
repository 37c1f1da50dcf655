import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
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
  const lock = deps.lock ?? createLocalJobLock();
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
  const run = () =>
    lock.runAlone("follow-ups", pass).catch((error) =>
      deps.logger.error("follow_ups_failed", {
        code: (error as { code?: unknown })?.code,
      }),
    );
  void run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
