/**
 * Timers to hand to the code under test instead of the window's (`Pick<Window, "setTimeout" |
 * "clearTimeout">`): nothing runs until the test moves this clock with `advance`, and the rest of the page
 * (Preact, msw, Testing Library) keeps the real ones.
 */
export function createFakeTimers() {
  let now = 0;
  let lastId = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  return {
    setTimeout(handler: TimerHandler, ms = 0): number {
      if (typeof handler !== "function")
        throw new TypeError("string handlers are not supported");
      pending.set(++lastId, { at: now + ms, run: handler as () => void });
      return lastId;
    },
    clearTimeout(id?: number): void {
      if (id !== undefined) pending.delete(id);
    },
    /** Moves the clock by `ms`, running each timer due by then in time order (those they set included). */
    advance(ms: number): void {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; run: () => void }] | undefined;
        for (const entry of pending)
          if (entry[1].at <= end && (!next || entry[1].at < next[1].at))
            next = entry;
        if (!next) break;
        pending.delete(next[0]);
        now = next[1].at;
        next[1].run();
      }
      now = end;
    },
    /** How many timers wait to run. */
    waiting: (): number => pending.size,
  };
}
