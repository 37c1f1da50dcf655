import { useEffect, useState } from "preact/hooks";
import type { ConsoleResult } from "../client/api-client.ts";

/** What a screen shows of a read-only load: « Chargement… », the API's message, or the value. */
export type Loaded<T> =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; value: T };

/** Loads again, back to « loading », whenever `deps` change; an answer that arrives too late is dropped. */
export function useLoaded<T>(
  load: () => Promise<ConsoleResult<T>>,
  deps: unknown[],
): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    let current = true;
    setLoaded({ state: "loading" });
    void load().then((result) => {
      if (!current) return;
      setLoaded(
        result.ok
          ? { state: "ready", value: result.value }
          : { state: "error", message: result.message },
      );
    });
    return () => void (current = false);
  }, deps);
  return loaded;
}
