/**
 * The keys of the session-level advisory locks the app takes (pg_advisory_lock(namespace, id)): one list,
 * so that two uses never share a key by chance. The namespace keeps them apart from any other software's
 * locks on the same database.
 */
export const ADVISORY_LOCK_NAMESPACE = 0x534e55; // « SNU »

export const ADVISORY_LOCKS = {
  /** Held while an instance brings the schema up to date: the others wait, then find nothing to do. */
  migrations: 1,
  // The periodic jobs (pg-job-lock.ts): held by the instance running one, for the run; the others skip it.
  /** Idempotency keys and expired console sessions (api/server/purge-job.ts). */
  purges: 2,
  /** Anonymisation of the closed requests (api/support/retention-job.ts). */
  retention: 3,
  /** Reminders and automatic resolutions (api/support/follow-up-job.ts). */
  followUps: 4,
  /** Ended rate-limit windows and old login failures (api/server/shared-limits-purge.ts). */
  sharedLimits: 5,
  /** The indicators' pending facts folded into their rollups (api/server/indicator-fold-job.ts). */
  indicatorFold: 6,
  /**
   * The demo accounts and reply templates (DEMO=true, api/support/demo-data.ts): instances starting at once
   * would each find none and create them twice; the one holding it creates them, the others skip.
   */
  demo: 7,
} as const;
