import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { makeRequestBody } from "../support/factories.ts";
import {
  startServerProcess,
  stopAllServerProcesses,
  storedReferences,
  unthrottledEnv,
} from "../support/server-process.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// The real server process under load, stopped politely (SIGTERM) or brutally (SIGKILL): every request it
// acknowledged with 201 must be in the database afterwards, exactly once.
afterEach(stopAllServerProcesses);

/** Sends submissions back to back from `workers` loops until told to stop; returns every acknowledged reference. */
function load(url: URL, workers: number) {
  let running = true;
  const acknowledged: string[] = [];
  let failures = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      try {
        const response = await fetch(new URL("/v1/requests", url), {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Idempotency-Key": crypto.randomUUID(),
          },
          body: JSON.stringify(makeRequestBody()),
        });
        if (response.status === 201)
          acknowledged.push(
            ((await response.json()) as { reference: string }).reference,
          );
        else failures++;
      } catch {
        failures++; // connection refused or reset: not acknowledged, so nothing is owed
        if (!running) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  });
  return {
    acknowledged,
    failures: () => failures,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe("the server process under load", () => {
  it("keeps every acknowledged request after SIGKILL, once (WAL, synchronous=NORMAL)", async () => {
    const dataDir = makeTempDir();
    const { child, url } = await startServerProcess(unthrottledEnv(dataDir));
    const traffic = load(url, 8);
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
    const traffic = load(url, 8);
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
