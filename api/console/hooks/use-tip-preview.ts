import { useEffect, useRef, useState } from "preact/hooks";
import { useServices } from "../services.ts";
import type { TipPreviewView as TipPreview } from "../../contract/support-tips.ts";
import type { TipSource } from "../../contract/tip-source.ts";

/** The preview of what is typed: loading, the server's rendering and problems, or why it failed. */
export type PreviewState =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; preview: TipPreview };

/**
 * Asks the server to render the source once typing pauses for `delayMs`; late answers are dropped.
 * While `enabled` is false (a blank new tip) nothing is asked: a list of problems would only be noise.
 */
export function useTipPreview(
  source: Partial<TipSource>,
  enabled: boolean,
  delayMs = 300,
): PreviewState {
  const { api } = useServices();
  const [preview, setPreview] = useState<PreviewState>({ state: "loading" });
  const asked = useRef(0);
  const key = enabled ? JSON.stringify(source) : "";

  useEffect(() => {
    const ask = ++asked.current;
    if (!enabled) return setPreview({ state: "idle" });
    setPreview((previous) =>
      previous.state === "idle" ? { state: "loading" } : previous,
    );
    const timer = setTimeout(() => {
      void api.previewTip(source).then((result) => {
        if (ask !== asked.current) return;
        setPreview(
          result.ok
            ? { state: "ready", preview: result.value }
            : { state: "error", message: result.message },
        );
      });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key]);

  return enabled ? preview : { state: "idle" };
}
