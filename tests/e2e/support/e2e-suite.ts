import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser.ts";
import { startWidgetServer, type WidgetServer } from "./widget-server.ts";

export interface E2eSuite {
  /** Both set by the file's `beforeAll`: read them inside hooks and tests only. */
  browser: Browser;
  server: WidgetServer;
}

/**
 * The real server (with `env`) and a Chromium for the whole test file: started before its tests, after
 * `prepare` (e.g. creating console accounts) has run against the server, and stopped after them.
 */
export function useServerAndBrowser(
  options: {
    env?: Record<string, string>;
    /** More environment, read when the server starts (e.g. the URL of a sink started by an earlier hook). */
    envFrom?: () => Record<string, string>;
    prepare?: (server: WidgetServer) => Promise<void>;
    /** Runs first in `afterAll`, e.g. to log what the file counted. */
    beforeStop?: () => void;
    timeout?: number;
  } = {},
): E2eSuite {
  const suite = {} as E2eSuite;
  beforeAll(async () => {
    suite.server = await startWidgetServer({
      ...options.env,
      ...options.envFrom?.(),
    });
    await options.prepare?.(suite.server);
    suite.browser = await launchChromium();
  }, options.timeout ?? 60_000);

  afterAll(async () => {
    options.beforeStop?.();
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
