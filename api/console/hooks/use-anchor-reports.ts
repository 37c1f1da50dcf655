import { useEffect, useRef, useState } from "preact/hooks";
import type { Platform } from "../../contract/vocabulary.ts";
import { useServices } from "../services.ts";
import type { AnchorReportView as AnchorReport } from "../../contract/support-tips.ts";

/** « Ancres cassées » as it loads: the first page, then more pages appended with « Afficher plus ». */
export type AnchorReportsState =
  | { state: "loading" }
  | { state: "error"; message: string }
  | {
      state: "ready";
      anchors: AnchorReport[];
      total: number;
      nextCursor?: string;
    };

const rowKey = (a: AnchorReport) =>
  `${a.tipId} ${a.route} ${a.appVersion ?? ""}`;

/**
 * Loads the broken anchors of a platform (again whenever it changes) and the next pages on demand.
 * `loadMore` resolves with where the new rows start and how many came, or undefined on failure.
 */
export function useAnchorReports(platform: Platform | undefined) {
  const { api } = useServices();
  const [list, setList] = useState<AnchorReportsState>({ state: "loading" });
  const [more, setMore] = useState<{ loading: boolean; error?: string }>({
    loading: false,
  });
  // The platform an answer belongs to: one for a former filter is dropped, never shown.
  const current = useRef(platform);
  current.current = platform;
  const query = (cursor?: string) => ({
    ...(platform ? { platform } : {}),
    ...(cursor ? { cursor } : {}),
  });

  useEffect(() => {
    setList({ state: "loading" });
    setMore({ loading: false });
    void api.anchorReports(query()).then((result) => {
      if (current.current !== platform) return;
      setList(
        result.ok
          ? { state: "ready", ...result.value }
          : { state: "error", message: result.message },
      );
    });
  }, [platform]);

  const loadMore = async (): Promise<
    { first: number; added: number } | undefined
  > => {
    if (list.state !== "ready" || !list.nextCursor || more.loading) return;
    setMore({ loading: true });
    const result = await api.anchorReports(query(list.nextCursor));
    if (current.current !== platform) return;
    if (!result.ok) {
      setMore({ loading: false, error: result.message });
      return;
    }
    // A row reported again meanwhile moves up and out of the next pages; still, never show one twice.
    const seen = new Set(list.anchors.map(rowKey));
    const added = result.value.anchors.filter((a) => !seen.has(rowKey(a)));
    setList({
      state: "ready",
      anchors: [...list.anchors, ...added],
      total: result.value.total,
      ...(result.value.nextCursor
        ? { nextCursor: result.value.nextCursor }
        : {}),
    });
    setMore({ loading: false });
    return { first: list.anchors.length, added: added.length };
  };

  return { list, more, loadMore };
}
