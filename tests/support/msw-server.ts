import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * Starts msw for one test file with `onUnhandledRequest: 'error'`, calling `reset` after each test.
 *
 * Why this works under happy-dom: Vitest's happy-dom environment makes `window` the global object and
 * installs happy-dom's own `fetch`, `Request`, `Response`… as globals. msw's fetch interceptor replaces
 * `globalThis.fetch` on `listen()`, so `window.fetch` — what the widget and the console bind — is the
 * intercepted one; the only rule is that the server listens before anything binds it (beforeAll).
 *
 * An unexpected request rejects, but the widget and the console turn any rejection into a quiet « network »
 * failure: unhandled requests are also collected and fail the test in afterEach.
 */
export function useMswServer(handlers: RequestHandler[], reset: () => void) {
  const server = setupServer(...handlers);
  const unhandled: string[] = [];
  server.events.on(
    "request:unhandled",
    ({ request }) => void unhandled.push(`${request.method} ${request.url}`),
  );

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    reset();
    const unexpected = unhandled.splice(0);
    if (unexpected.length > 0) {
      throw new Error(
        `Requêtes non prévues par les handlers msw : ${unexpected.join(", ")}`,
      );
    }
  });
  afterAll(() => server.close());
  return server;
}
