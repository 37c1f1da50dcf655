/** Structured log sink. Callers pass only ids, routes, codes and timings: never message text or e-mails. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Where log lines go: one call per line, `isError` for the error stream. */
export type LineWrite = (line: string, isError: boolean) => void;

/** One JSON line per event on stdout/stderr, easy to ship and to grep. */
export function createJsonLogger(write: LineWrite = defaultWrite): Logger {
  const log = (
    level: "info" | "error",
    event: string,
    fields?: Record<string, unknown>,
  ) =>
    write(
      JSON.stringify({
        time: isoNow(),
        level,
        event,
        ...fields,
      }),
      level === "error",
    );
  return {
    info: (event, fields) => log("info", event, fields),
    error: (event, fields) => log("error", event, fields),
  };
}

let isoMs = NaN;
let iso = "";
/** The time as ISO 8601, formatted once per millisecond: a busy server logs many lines in each (issue 14). */
function isoNow(): string {
  const now = Date.now();
  if (now !== isoMs) {
    isoMs = now;
    iso = new Date(now).toISOString();
  }
  return iso;
}

function defaultWrite(line: string, isError: boolean) {
  (isError ? process.stderr : process.stdout).write(line + "\n");
}

/** Keeps log lines in memory: for tests that check what is (and is not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createJsonLogger((line) => lines.push(line)) };
}

export interface BufferedWriteOptions {
  /** Writes a batch of info lines (default: process.stdout). */
  out?: (chunk: string) => void;
  /** Writes an error line (default: process.stderr). */
  err?: (chunk: string) => void;
  /** A batch this large is written at once (default 64 KiB). */
  maxChars?: number;
  /** Runs the batch write later (default: setImmediate, i.e. once the current I/O events are handled). */
  schedule?: (flush: () => void) => void;
}

/**
 * A `LineWrite` that batches info lines: one write per turn of the event loop instead of one per line
 * (a write to a file or a pipe is a synchronous system call in Node on Linux, paid by the request that logs
 * it: issue 14). Errors are rare and may precede a crash: they are written at once, after the info lines
 * before them. Nothing is dropped: `flush` writes what is pending; call it when the process exits.
 */
export function createBufferedWrite(options: BufferedWriteOptions = {}): {
  write: LineWrite;
  flush: () => void;
} {
  const out = options.out ?? ((chunk) => void process.stdout.write(chunk));
  const err = options.err ?? ((chunk) => void process.stderr.write(chunk));
  const maxChars = options.maxChars ?? 64 * 1024;
  const schedule = options.schedule ?? ((run) => void setImmediate(run));
  let pending = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === "") return;
    const chunk = pending;
    pending = "";
    out(chunk);
  };
  return {
    flush,
    write(line, isError) {
      if (isError) {
        flush();
        return err(line + "\n");
      }
      pending += line + "\n";
      if (pending.length >= maxChars) flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
  };
}
