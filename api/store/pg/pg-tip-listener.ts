import pg from "pg";
import type { Logger } from "../../logger.ts";
import { TIPS_CHANNEL } from "./pg-tip-rows.ts";

export interface TipListenerOptions {
  /** The database's URL (DATABASE_URL), TLS options included. */
  url: string;
  /** Called on every change of the catalog announced by any instance, and after each (re)connection. */
  onChange: () => void;
  logger?: Logger;
  /** Wait before the first reconnection (default 200 ms), doubled at each failed try… */
  retryMs?: number;
  /** …up to this (default 10 s). */
  maxRetryMs?: number;
}

export interface TipListener {
  /** Stops listening and closes the connection; no reconnection after it. */
  close(): Promise<void>;
}

/**
 * Listens for the catalog's changes (the NOTIFY of bumpTipsStamp, pg-tip-rows.ts) on a connection of its
 * own: LISTEN belongs to a session, so it cannot use the pool's connections, which go from query to query.
 * A lost connection (server restart, failover, pg_terminate_backend) is opened again with a growing wait,
 * and `onChange` is called once it listens again, since what was published meanwhile was not heard. Never
 * throws nor lets an error event end the process: the catalog's fallback interval covers the time without
 * a connection, and a connection lost without a word (no FIN) is found by TCP keep-alive.
 */
export function listenForTipChanges(options: TipListenerOptions): TipListener {
  const retryMs = options.retryMs ?? 200;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  let delay = retryMs;
  let closed = false;
  let current: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  // Called from the driver's events: a throw there would end the process.
  const changed = () => {
    try {
      options.onChange();
    } catch (error) {
      options.logger?.error("tips_listener_callback_failed", {
        error: String((error as { name?: unknown } | undefined)?.name),
      });
    }
  };

  const retryLater = () => {
    timer = setTimeout(connect, delay);
    // The HTTP server keeps the process alive, not a listener waiting to reconnect.
    timer.unref();
    delay = Math.min(delay * 2, maxRetryMs);
  };

  function connect() {
    timer = undefined;
    if (closed) return;
    let client: pg.Client;
    try {
      client = new pg.Client({
        connectionString: options.url,
        application_name: "snu-aide-tips",
        keepAlive: true,
        connectionTimeoutMillis: 5_000,
      });
    } catch (error) {
      // The driver reads the URL's certificate files (sslrootcert…) here, synchronously: one removed or
      // unreadable since start-up throws — from a timer on a reconnection, where nothing else would catch it.
      options.logger?.error("tips_listener_lost", {
        code: (error as { code?: string } | undefined)?.code ?? "client",
        retryInMs: delay,
      });
      retryLater();
      return;
    }
    current = client;
    let lost = false;
    const lose = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (current === client) current = undefined;
      if (closed) return;
      options.logger?.error("tips_listener_lost", {
        code: (error as { code?: string } | undefined)?.code ?? "closed",
        retryInMs: delay,
      });
      client.end().catch(() => {});
      retryLater();
    };
    client.on("error", lose);
    client.on("end", () => lose());
    client.on("notification", (message) => {
      if (message.channel === TIPS_CHANNEL) changed();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${TIPS_CHANNEL}`))
      .then(
        () => {
          if (closed || lost) return;
          delay = retryMs;
          options.logger?.info("tips_listening");
          changed();
        },
        (error: Error) => lose(error),
      );
  }

  connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const client = current;
      current = undefined;
      await client?.end().catch(() => {});
    },
  };
}
