import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  consoleHandlers,
  createFakeConsoleApi,
  recordCall,
} from "./handlers.ts";

/**
 * Starts msw for one console test file, backed by a fresh fake API after each test.
 *
 * Under Vitest's happy-dom environment `window` is the global object, so the `window.fetch` the console is
 * given is the `globalThis.fetch` msw patches on `listen()`. The console turns any rejection into a quiet
 * « network » failure, so unhandled requests are also collected and fail the test in afterEach.
 */
export function useConsoleServer() {
  const fake = createFakeConsoleApi();
  const server = setupServer(...consoleHandlers(fake));
  server.events.on("request:start", ({ request }) => recordCall(fake, request));
  const unhandled: string[] = [];
  server.events.on(
    "request:unhandled",
    ({ request }) => void unhandled.push(`${request.method} ${request.url}`),
  );

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    fake.reset();
    const unexpected = unhandled.splice(0);
    if (unexpected.length > 0)
      throw new Error(
        `Requêtes non prévues par les handlers msw : ${unexpected.join(", ")}`,
      );
  });
  afterAll(() => server.close());
  return { server, fake };
}
