import { useMswServer } from "../msw-server.ts";
import {
  consoleHandlers,
  createFakeConsoleApi,
  recordCall,
} from "./handlers.ts";
import { replyHandlers } from "./reply-handlers.ts";

/** msw for one console test file, backed by a fresh fake API after each test; every call is recorded. */
export function useConsoleServer() {
  const fake = createFakeConsoleApi();
  const server = useMswServer(
    [...consoleHandlers(fake), ...replyHandlers(fake)],
    () => fake.reset(),
  );
  server.events.on("request:start", ({ request }) => recordCall(fake, request));
  return { server, fake };
}
