import { useMswServer } from "../msw-server.ts";
import {
  consoleHandlers,
  createFakeConsoleApi,
  recordCall,
} from "./handlers.ts";
import { replyHandlers } from "./reply-handlers.ts";
import { createFakeTipsApi, tipsHandlers } from "./tips-handlers.ts";

/** msw for a console test file with the tips API too (its handlers first); every call is recorded. */
export function useTipsConsoleServer() {
  const fake = createFakeConsoleApi();
  const tips = createFakeTipsApi();
  const server = useMswServer(
    [
      ...tipsHandlers(fake, tips),
      ...consoleHandlers(fake),
      ...replyHandlers(fake),
    ],
    () => {
      fake.reset();
      tips.reset();
    },
  );
  server.events.on("request:start", ({ request }) => recordCall(fake, request));
  return { server, fake, tips };
}
