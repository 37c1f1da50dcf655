import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import {
  startServerProcess,
  stopAllServerProcesses,
  unthrottledEnv,
} from "../support/server-process.ts";
import { makeTempDir } from "../support/temp-dir.ts";

afterEach(() => stopAllServerProcesses());

const REQUESTS = 300;

// Issue 14: the server writes its log lines in batches; a clean stop (SIGTERM) must lose none of them,
// not even the last line, logged just before the process exits.
describe("the server's log on a clean stop", () => {
  it("holds one line per request answered and ends with shutdown_done", async () => {
    const server = await startServerProcess(unthrottledEnv(makeTempDir()));
    // Concurrent requests: many lines are logged in the same turns of the server's event loop.
    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, () =>
        fetch(new URL("/healthz", server.url)).then((response) => {
          void response.body?.cancel();
          return response.status;
        }),
      ),
    );
    expect(answers.every((status) => status === 200)).toBe(true);
    const closed = once(server.child, "close");
    server.child.kill("SIGTERM");
    expect(await closed).toEqual([0, null]);

    const events = server
      .output()
      .stdout.split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { event: string; route?: string });
    expect(
      events.filter(
        (line) => line.event === "request" && line.route === "/healthz",
      ),
    ).toHaveLength(REQUESTS);
    expect(events.at(-1)?.event).toBe("shutdown_done");
  });
});
