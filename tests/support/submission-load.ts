import { makeRequestBody } from "./factories.ts";

/** Sends submissions back to back from `workers` loops until told to stop; returns every acknowledged reference. */
export function loadSubmissions(url: URL, workers: number) {
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
