import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import {
  startServerProcess,
  stopAllServerProcesses,
  storedReferences,
  unthrottledEnv,
} from "../support/server-process.ts";
import { loadSubmissions } from "../support/submission-load.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// The real server process under load, stopped politely (SIGTERM) or brutally (SIGKILL): every request it
// acknowledged with 201 must be in the database afterwards, exactly once.
afterEach(stopAllServerProcesses);

describe("the server process under load", () => {
  it("keeps every acknowledged request after SIGKILL, once (WAL, synchronous=NORMAL)", async () => {
    const dataDir = makeTempDir();
    const { child, url } = await startServerProcess(unthrottledEnv(dataDir));
    const traffic = loadSubmissions(url, 8);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill("SIGKILL");
    await once(child, "exit");
    await traffic.stop();
    expect(traffic.acknowledged.length).toBeGreaterThan(50);

    // Restart on the same data: the database opens (recovery from the WAL) and holds every 201.
    const restarted = await startServerProcess(unthrottledEnv(dataDir));
    restarted.child.kill("SIGTERM");
    await once(restarted.child, "exit");
    const stored = storedReferences(dataDir);
    expect(
      traffic.acknowledged.filter((reference) => !stored.includes(reference)),
    ).toEqual([]);
    expect(new Set(stored).size).toBe(stored.length);
    console.log(
      `SIGKILL: ${traffic.acknowledged.length} acknowledged, ${stored.length} stored, 0 lost`,
    );
  }, 60_000);

  it("stops on SIGTERM under load: exit 0 after closing the database, every acknowledged request stored", async () => {
    const dataDir = makeTempDir();
    const { child, url } = await startServerProcess(unthrottledEnv(dataDir));
    const traffic = loadSubmissions(url, 8);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    await traffic.stop();
    expect(code).toBe(0);
    const stored = storedReferences(dataDir);
    expect(traffic.acknowledged.length).toBeGreaterThan(20);
    expect(
      traffic.acknowledged.filter((reference) => !stored.includes(reference)),
    ).toEqual([]);
    console.log(
      `SIGTERM: ${traffic.acknowledged.length} acknowledged, ${stored.length} stored, exit ${code}`,
    );
  }, 60_000);
});
