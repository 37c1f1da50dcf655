import type { Clock } from "../clock.ts";
import { ROUTE_PATTERNS } from "../contract/routes.ts";
import type { TipStore } from "../store/tip-types.ts";
import type { TipSource } from "../contract/tip-source.ts";
import { TIPS_CONTENT_DIR } from "../tips/content-dir.ts";
import { loadTipSources } from "../tips/load-tips.ts";

/**
 * Fills an empty tips table with the repo files, published: tips live in the database (issue 5), so a
 * database that has tips keeps them, edits included. A bad file throws `TipContentError` (load-tips.ts).
 */
export async function seedTipsIfEmpty(
  store: Pick<TipStore, "countTips" | "importTips">,
  clock: Clock,
  loadSources: () => TipSource[] = () =>
    loadTipSources(TIPS_CONTENT_DIR, ROUTE_PATTERNS),
): Promise<void> {
  if ((await store.countTips()) !== 0) return;
  await store.importTips(loadSources(), clock.now());
}
