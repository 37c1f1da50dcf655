import { vi } from "vitest";

/**
 * Follows the calls of `window.fetch` made from now on (install it before mounting: the widget binds
 * `fetch` then). `settled` waits for each to end and puts `fetch` back. A destroyed widget sends what it
 * counted (chunk-base.ts): awaited after the unmount, that batch is answered — and logged — before the fake
 * API's log is emptied for the next test.
 */
export function followFetch() {
  const calls: Promise<unknown>[] = [];
  const fetch = window.fetch;
  const spy = vi.spyOn(window, "fetch").mockImplementation((...args) => {
    const call = fetch(...args);
    calls.push(call.catch(() => undefined));
    return call;
  });
  return {
    async settled() {
      await Promise.all(calls.splice(0));
      spy.mockRestore();
    },
  };
}
