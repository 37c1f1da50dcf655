import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { TipRecord } from "../contract/tip-source.ts";
import type { TipSource } from "../contract/tip-source.ts";
import type { TipStore } from "../store/tip-types.ts";
import { compileTipSource } from "./check-tip-source.ts";

/** What the public API serves: the published tips active today, compiled once per change. */
export interface TipCatalog {
  records(): Promise<readonly TipRecord[]>;
}

const PARIS_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today in metropolitan France (`YYYY-MM-DD`): a tip active until the 31st is served all of that day there. */
export function parisDay(date: Date): string {
  return PARIS_DAY.format(date);
}

/** Whether a source is active on `day` (bounds inclusive, absent = open). */
export function isActiveOn(source: TipSource, day: string): boolean {
  return (
    (source.activeFrom === undefined || source.activeFrom <= day) &&
    (source.activeTo === undefined || day <= source.activeTo)
  );
}

/**
 * The catalog kept in memory and rebuilt when the store's stamp or the day changes: a publication in the
 * console — or a `tips:import` from another process on the same file — is served on the next request.
 */
export function createTipCatalog(deps: {
  store: TipStore;
  clock: Clock;
  logger: Logger;
}): TipCatalog {
  let cached: { key: string; records: readonly TipRecord[] } | undefined;
  return {
    async records() {
      const day = parisDay(deps.clock.now());
      const key = `${await deps.store.tipsStamp()}|${day}`;
      if (cached?.key === key) return cached.records;
      const records: TipRecord[] = [];
      for (const tip of await deps.store.listTips()) {
        if (!tip.published || !isActiveOn(tip.published, day)) continue;
        // Every published text was checked when published; one that no longer compiles is left out, not
        // fatal, but said (the id only: the text may quote anything).
        try {
          records.push(compileTipSource(tip.published));
        } catch {
          deps.logger.error("tip_skipped", { tipId: tip.id });
        }
      }
      cached = { key, records };
      return records;
    },
  };
}
