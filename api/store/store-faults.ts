// Faults of the storage itself (not of the request): the database is busy or locked beyond its busy
// timeout, the disk is full or read-only, an I/O error. They end, so the API answers 503 with
// Retry-After (BUDGETS.md: overload answers 503, never a crash) instead of a 500 blaming a bug. Each store
// maps its own engine's faults to `StoreUnavailableError`; the HTTP error handler knows only that class.

/** The storage cannot serve now but should by itself soon; `code` is the engine's, for the logs. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
  constructor(
    readonly code: string,
    cause?: unknown,
  ) {
    super(`Storage unavailable (${code})`, { cause });
  }
}

const TRANSIENT_SQLITE_CODES = [
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "SQLITE_IOERR",
  "SQLITE_CANTOPEN",
  "SQLITE_PROTOCOL",
];

/** A SQLite fault that should clear by itself as a `StoreUnavailableError` (extended codes included). */
export function sqliteFault(error: unknown): StoreUnavailableError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" &&
    TRANSIENT_SQLITE_CODES.some(
      (known) => code === known || code.startsWith(`${known}_`),
    )
    ? new StoreUnavailableError(code, error)
    : undefined;
}

/**
 * The store with every method's faults mapped by `toFault` (other errors pass unchanged): promises,
 * synchronous throws and async iterables (the CSV export's batches) alike. Stores are plain objects of
 * functions (spread together); anything else is refused rather than losing its prototype's methods.
 */
export function mapStoreFaults<T extends object>(
  store: T,
  toFault: (error: unknown) => Error | undefined,
): T {
  if (Object.getPrototypeOf(store) !== Object.prototype)
    throw new TypeError("mapStoreFaults takes a plain object of methods");
  const mapped = (error: unknown) => toFault(error) ?? error;
  const wrapIterable = (items: AsyncIterable<unknown>) => ({
    async *[Symbol.asyncIterator]() {
      try {
        yield* items;
      } catch (error) {
        throw mapped(error);
      }
    },
  });
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(store)) {
    if (typeof member !== "function") {
      wrapped[name] = member;
      continue;
    }
    wrapped[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = member.apply(store, args);
      } catch (error) {
        throw mapped(error);
      }
      if (result instanceof Promise)
        return result.catch((error: unknown) => {
          throw mapped(error);
        });
      if (
        result &&
        typeof result === "object" &&
        Symbol.asyncIterator in result
      )
        return wrapIterable(result as AsyncIterable<unknown>);
      return result;
    };
  }
  return wrapped as T;
}
