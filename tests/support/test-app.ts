import path from "node:path";
import { createApp, type AppDeps } from "../../api/app.ts";
import { createFixedClock } from "../../api/clock.ts";
import type { TipRecord } from "../../api/contract/tip-source.ts";
import { createMemoryLogger } from "../../api/logger.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { createTipCatalog } from "../../api/tips/catalog.ts";
import type { AppStore } from "../../api/store/app-store.ts";
import { makeTempDir } from "./temp-dir.ts";
import { sourceOfRecord } from "./tip-sources.ts";

export interface TestAppOptions {
  /** Imported as published tips (from the repo files) before the first request is served. */
  tips?: readonly TipRecord[];
  allowedOrigins?: string[];
  rateLimitPerMinute?: number;
  trustProxy?: boolean;
  /** Wraps the real SQLite store, e.g. to slow it down or make it fail. */
  wrapStore?: (store: AppStore) => AppStore;
  files?: AppDeps["files"];
  /** How long the SQLite store waits for a lock (default 5 s). */
  busyTimeoutMs?: number;
}

/** The real app on a real SQLite file in a temp folder, with a fixed clock and a logger that keeps lines. */
export function createTestApp(options: TestAppOptions = {}) {
  const dir = makeTempDir();
  const file = path.join(dir, "snu-aide.sqlite");
  const sqlite = createSqliteStore({
    file,
    ...(options.busyTimeoutMs === undefined
      ? {}
      : { busyTimeoutMs: options.busyTimeoutMs }),
  });
  const store = options.wrapStore ? options.wrapStore(sqlite) : sqlite;
  const clock = createFixedClock("2026-11-29T10:00:00Z");
  const logger = createMemoryLogger();
  const seeded = sqlite.importTips(
    (options.tips ?? []).map(sourceOfRecord),
    clock.now(),
  );
  const catalog = createTipCatalog({ store, clock, logger });
  const app = createApp({
    store,
    clock,
    logger,
    // The seeding is asynchronous; the catalog waits for it so a test can send its first request at once.
    catalog: { records: () => seeded.then(() => catalog.records()) },
    ...(options.files ? { files: options.files } : {}),
    config: {
      allowedOrigins: options.allowedOrigins ?? [
        "https://moncompte.snu.gouv.fr",
      ],
      trustProxy: options.trustProxy ?? false,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
    },
  });
  return { app, store: sqlite, file, clock, logger };
}

/** The Node server bindings @hono/node-server gives a handler: here only the socket's address. */
export function fromAddress(remoteAddress: string) {
  return {
    incoming: {
      socket: { remoteAddress, remotePort: 50000, remoteFamily: "IPv4" },
    },
  };
}

/** A POST /v1/requests init with a JSON body and a fresh idempotency key unless given. */
export function postJson(
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}
