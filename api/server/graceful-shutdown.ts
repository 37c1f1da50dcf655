import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerType } from "@hono/node-server";
import type { Logger } from "../logger.ts";

/** How long requests in flight get to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface GracefulShutdownOptions {
  server: ServerType;
  logger: Logger;
  /** Called as the stop begins: the timers and jobs that would start new work. */
  cleanups: readonly (() => void)[];
  /** Called once the last request in flight has finished (e.g. closes the store); then the process exits 0. */
  close: () => Promise<void>;
  /** How long requests in flight get before the process exits 1 anyway; default SHUTDOWN_GRACE_MS (10 s). */
  graceMs?: number;
  /** Ends the process; default `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Tracks the server's responses and returns `stop`, for SIGTERM and SIGINT: stop accepting connections, let
 * requests in flight finish (their 201 is sent only once committed), then `close`. A stuck client cannot
 * hold the stop forever. Call it right after `serve`, before any request comes in.
 */
export function createGracefulShutdown({
  server,
  logger,
  cleanups,
  close,
  graceMs = SHUTDOWN_GRACE_MS,
  exit = (code) => process.exit(code),
}: GracefulShutdownOptions): () => void {
  // Once the stop has begun, every response not yet started says "Connection: close": a keep-alive
  // client (a browser) then neither holds close() for its idle timeout (5 s) nor slips in new requests.
  let stopping = false;
  const pending = new Set<ServerResponse>();
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  };
  server.prependListener(
    "request",
    (_req: IncomingMessage, res: ServerResponse) => {
      if (stopping) return closeAfter(res);
      pending.add(res);
      res.once("close", () => pending.delete(res));
    },
  );

  return () => {
    stopping = true;
    pending.forEach(closeAfter);
    cleanups.forEach((cleanup) => cleanup());
    logger.info("shutdown_started");
    const force = setTimeout(() => {
      logger.error("shutdown_forced", { afterMs: graceMs });
      exit(1);
    }, graceMs);
    force.unref();
    server.close(
      () =>
        void close().then(() => {
          logger.info("shutdown_done");
          exit(0);
        }),
    );
    // Idle keep-alive connections would keep close() waiting: end them now, busy ones when they finish.
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
}
