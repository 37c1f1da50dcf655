import { useMswServer } from "../msw-server.ts";
import { createApiLog, widgetHandlers } from "./handlers.ts";

/** msw for one widget test file: the fake API of handlers.ts, its log reset after each test. */
export function useWidgetServer() {
  const log = createApiLog();
  const server = useMswServer(widgetHandlers(log), () => log.reset());
  /**
   * Resolves once msw has answered the next request made to `path` (e.g. `/v1/tips`): a request the test
   * makes happen after a step is answered after any request that step made, so that a test can then
   * check that the step made none.
   */
  const answered = (path: string) =>
    new Promise<void>((resolve) => {
      const listener = ({ request }: { request: Request }) => {
        if (new URL(request.url).pathname !== path) return;
        server.events.removeListener("response:mocked", listener);
        resolve();
      };
      server.events.on("response:mocked", listener);
    });
  return { server, log, answered };
}
