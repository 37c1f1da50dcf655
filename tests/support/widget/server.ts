import { useMswServer } from "../msw-server.ts";
import { createApiLog, widgetHandlers } from "./handlers.ts";

/** msw for one widget test file: the fake API of handlers.ts, its log reset after each test. */
export function useWidgetServer() {
  const log = createApiLog();
  const server = useMswServer(widgetHandlers(log), () => log.reset());
  return { server, log };
}
