/** A tip whose element is still missing this long after the page settled is reported. */
export const MISSING_GRACE_MS = 4_000;
/** Reports found close together leave in one request. */
const BATCH_DELAY_MS = 1_000;
const MAX_PER_REQUEST = 20;

export interface AnchorReport {
  tip: string;
  route: string;
}

/** The timers of the host window (tests pass fake ones). */
export type Timers = Pick<Window, "setTimeout" | "clearTimeout">;

/**
 * Reports anchored tips whose element cannot be found on their page (after a host release renamed it), so
 * that support sees « ancres cassées » in the console. A tip is suspected when it is missing, confirmed if
 * it is still missing after a grace period (the page may still be rendering), reported at most once per
 * route while the page is open, and batched.
 */
export function createAnchorReporter(
  timers: Timers,
  /** Sends one batch; anonymous, and never retried (a lost report is harmless). */
  send: (reports: AnchorReport[]) => unknown,
) {
  const reported = new Set<string>();
  const suspects = new Map<string, number>();
  let batch: AnchorReport[] = [];
  let flushTimer: number | undefined;

  const flush = () => {
    flushTimer = undefined;
    while (batch.length) send(batch.splice(0, MAX_PER_REQUEST));
  };

  return {
    /**
     * Called after each resolution of the page's targets. `stillMissing` re-checks a tip when its grace
     * period ends (the route may have changed meanwhile: then it answers false).
     */
    missing(report: AnchorReport, stillMissing: () => boolean) {
      const key = `${report.tip} ${report.route}`;
      if (reported.has(key) || suspects.has(key)) return;
      suspects.set(
        key,
        timers.setTimeout(() => {
          suspects.delete(key);
          if (!stillMissing()) return;
          reported.add(key);
          batch.push(report);
          flushTimer ??= timers.setTimeout(flush, BATCH_DELAY_MS);
        }, MISSING_GRACE_MS),
      );
    },
    /** Stops every pending check; what was already confirmed leaves now. */
    destroy() {
      suspects.forEach((timer) => timers.clearTimeout(timer));
      suspects.clear();
      if (flushTimer !== undefined) timers.clearTimeout(flushTimer);
      flush();
    },
  };
}
