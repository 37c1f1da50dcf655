import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createApiLog, widgetHandlers } from "./handlers.ts";

/**
 * Starts msw for one test file: the fake API of handlers.ts, reset after each test.
 *
 * Why this works under happy-dom: Vitest's happy-dom environment makes `window` the global object and
 * installs happy-dom's own `fetch`, `Request`, `Response`… as globals. msw's fetch interceptor replaces
 * `globalThis.fetch` on `listen()`, so `window.fetch` — what the panel binds when it is mounted and what
 * the API client tests pass in — is the intercepted one. No need for Node's fetch; the only rule is that
 * the server listens before anything binds `window.fetch` (beforeAll runs before every test).
 *
 * `onUnhandledRequest: 'error'` makes an unexpected request reject, but the widget turns any rejection into
 * a quiet `network` failure: the unhandled requests are also collected and fail the test in afterEach.
 */
export function useWidgetServer() {
  const log = createApiLog();
  const server = setupServer(...widgetHandlers(log));
  const unhandled: string[] = [];
  server.events.on(
    "request:unhandled",
    ({ request }) => void unhandled.push(`${request.method} ${request.url}`),
  );

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    log.reset();
    const unexpected = unhandled.splice(0);
    if (unexpected.length > 0)
      throw new Error(
        `Requêtes non prévues par les handlers msw : ${unexpected.join(", ")}`,
      );
  });
  afterAll(() => server.close());
  return { server, log };
}
