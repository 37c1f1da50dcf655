/**
 * The keys of the session-level advisory locks the app takes (pg_advisory_lock(namespace, id)): one list,
 * so that two uses never share a key by chance. The namespace keeps them apart from any other software's
 * locks on the same database.
 */
export const ADVISORY_LOCK_NAMESPACE = 0x534e55; // « SNU »

export const ADVISORY_LOCKS = {
  /** Held while an instance brings the schema up to date: the others wait, then find nothing to do. */
  migrations: 1,
} as const;
