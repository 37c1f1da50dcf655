// Faults of the storage itself (not of the request): the database is busy or locked beyond its busy
// timeout, the disk is full or read-only, an I/O error. They end, so the API answers 503 with
// Retry-After (BUDGETS.md: overload answers 503, never a crash) instead of a 500 blaming a bug.
const TRANSIENT_SQLITE_CODES = [
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "SQLITE_IOERR",
  "SQLITE_CANTOPEN",
  "SQLITE_PROTOCOL",
];

/** Whether an error is a storage fault that should clear by itself (extended codes included: SQLITE_IOERR_WRITE…). */
export function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    TRANSIENT_SQLITE_CODES.some(
      (known) => code === known || code.startsWith(`${known}_`),
    )
  );
}
