/** Structured log sink. Callers pass only ids, routes, codes and timings: never message text or e-mails. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per event on stdout/stderr, easy to ship and to grep. */
export function createJsonLogger(
  write: (line: string, isError: boolean) => void = defaultWrite,
): Logger {
  const log = (
    level: "info" | "error",
    event: string,
    fields?: Record<string, unknown>,
  ) =>
    write(
      JSON.stringify({
        time: new Date().toISOString(),
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

function defaultWrite(line: string, isError: boolean) {
  (isError ? process.stderr : process.stdout).write(line + "\n");
}

/** Keeps log lines in memory: for tests that check what is (and is not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createJsonLogger((line) => lines.push(line)) };
}
