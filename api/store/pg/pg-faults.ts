import { StoreUnavailableError } from "../store-faults.ts";

// SQLSTATE classes and codes that say « the database cannot serve now », not « this query is wrong »
// (https://www.postgresql.org/docs/current/errcodes-appendix.html): they end by themselves or by an
// operator's hand, so the API answers 503 with Retry-After.
const TRANSIENT_CLASSES = [
  "08", // connection exception
  "53", // insufficient resources: too many connections, disk full, out of memory
  "57", // operator intervention: shutdown, cannot connect now
  "58", // system error: I/O
];
const TRANSIENT_CODES = [
  "25006", // read_only_sql_transaction: a replica, or a database set read-only
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available (lock_timeout)
  "57014", // query_canceled (statement_timeout)
];
// Node's socket errors: the server is unreachable or the connection was cut.
const NETWORK_CODES = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
];
// pg's own errors carry no code, only these messages: a connection lost mid-query, a pool where no
// connection came free in time.
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** A PostgreSQL or connection fault that should clear by itself, as a `StoreUnavailableError`. */
export function pgFault(error: unknown): StoreUnavailableError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    const transient =
      TRANSIENT_CODES.includes(code) ||
      NETWORK_CODES.includes(code) ||
      (/^[0-9A-Z]{5}$/.test(code) &&
        TRANSIENT_CLASSES.includes(code.slice(0, 2)));
    return transient ? new StoreUnavailableError(code, error) : undefined;
  }
  return DRIVER_MESSAGES.test(error.message)
    ? new StoreUnavailableError("connection", error)
    : undefined;
}
