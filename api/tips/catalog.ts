import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";
import type { TipRecord } from "../contract/tip-source.ts";
import type { TipSource } from "../contract/tip-source.ts";
import type { TipStore } from "../store/tip-types.ts";
import { compileTipSource } from "./check-tip-source.ts";

/** What the public API serves: the published tips active today, compiled once per change. */
export interface TipCatalog {
  /** The same array as long as nothing changed: a new one means a publication, an import or a new day. */
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

/**
 * `parisDay`, formatted once per minute: it is asked on every public request (issue 14), and the day in
 * Paris only changes on a whole minute (its offsets from UTC are whole hours).
 */
function createMinuteParisDay(): (date: Date) => string {
  let minute = NaN;
  let day = "";
  return (date) => {
    const now = Math.floor(date.getTime() / 60_000);
    if (now !== minute) {
      minute = now;
      day = parisDay(date);
    }
    return day;
  };
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
 * With `otherWritersDelayMs`, the stamp (a SQLite read: the largest cost of `/v1/tips` under load, issue 14)
 * is read at most that often, and at once after `changed()`: the server calls it after each tip write of its
 * own (`watchTipWrites`), so only another process's import may wait that long.
 */
export function createTipCatalog(deps: {
  store: TipStore;
  clock: Clock;
  logger: Logger;
  /** How long another process's change may go unseen, in ms; default 0: the stamp is read every time. */
  otherWritersDelayMs?: number;
}): TipCatalog & { changed(): void } {
  const delayMs = deps.otherWritersDelayMs ?? 0;
  let cached: { key: string; records: readonly TipRecord[] } | undefined;
  const today = createMinuteParisDay();
  // Bumped by `changed()`; a stamp read while it moved is not trusted for the delay.
  let writes = 0;
  let stamp = { value: "", readAt: -Infinity, writes: -1 };
  const currentStamp = async (now: number) => {
    const age = now - stamp.readAt;
    if (stamp.writes === writes && age >= 0 && age < delayMs)
      return stamp.value;
    const seen = writes;
    const value = await deps.store.tipsStamp();
    stamp = { value, readAt: now, writes: seen };
    return value;
  };
  return {
    changed() {
      writes++;
    },
    async records() {
      const now = deps.clock.now();
      const day = today(now);
      const key = `${await currentStamp(now.getTime())}|${day}`;
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

/** How many answers a catalog cache keeps: the queries of real pages are a few dozen. */
const CACHED_KEYS = 256;

/**
 * Values computed from the catalog (the serialised answer of a query), kept per key while the catalog
 * returns the same records, dropped all at once when it returns new ones: a publication is served on the
 * next request, as without the cache (issue 14). Bounded: past `maxKeys` the oldest key goes, so odd
 * queries cost their computation but never memory. A computation that throws (a refused query) is not kept.
 */
export function createCatalogCache<T>(
  catalog: TipCatalog,
  maxKeys = CACHED_KEYS,
): (key: string, compute: (records: readonly TipRecord[]) => T) => Promise<T> {
  let source: readonly TipRecord[] | undefined;
  const values = new Map<string, T>();
  return async (key, compute) => {
    const records = await catalog.records();
    if (records !== source) {
      values.clear();
      source = records;
    }
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = compute(records);
    if (values.size >= maxKeys) values.delete(values.keys().next().value!);
    values.set(key, value);
    return value;
  };
}

/**
 * The store, whose tip writes tell `changed` once done (`createTipCatalog`): a publication in the console is
 * served on the next request whatever the catalog's delay for other processes. Stores are plain objects of
 * functions (store-faults.ts), so a spread keeps every other method.
 */
export function watchTipWrites<S extends TipStore>(
  store: S,
  changed: () => void,
): S {
  const then =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    (...args: A) =>
      write(...args).finally(changed);
  return {
    ...store,
    createTip: then(store.createTip),
    changeTip: then(store.changeTip),
    importTips: then(store.importTips),
  };
}
