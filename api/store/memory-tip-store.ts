import {
  changesCatalog,
  createdTip,
  planTipChange,
  planTipImport,
  versionOf,
} from "./tip-transitions.ts";
import {
  MAX_APP_VERSIONS_PER_ROUTE,
  type StoredAnchorReport,
  type StoredTip,
  type TipAction,
  type TipStore,
  type TipVersion,
} from "./tip-types.ts";

/** Tips, their history and anchor reports in memory, with SQLite's rules. */
export function createMemoryTipStore(): TipStore {
  const tips = new Map<string, StoredTip>();
  const history = new Map<string, TipVersion[]>();
  const reports = new Map<string, StoredAnchorReport>();
  let catalogChanges = 0;
  const copy = <T>(value: T): T => structuredClone(value);
  const find = (id: string) => {
    const tip = tips.get(id);
    return tip && copy(tip);
  };

  const write = (tip: StoredTip, action: TipAction) => {
    tips.set(tip.id, copy(tip));
    const rows = history.get(tip.id) ?? [];
    rows.push(copy(versionOf(tip, action)));
    history.set(tip.id, rows);
    if (changesCatalog(action)) catalogChanges++;
    return copy(tip);
  };

  return {
    async listTips() {
      return [...tips.values()]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map(copy);
    },
    async getTip(id) {
      return find(id);
    },
    async countTips() {
      return tips.size;
    },
    async tipsStamp() {
      return String(catalogChanges);
    },
    async createTip(source, actorId, now) {
      if (tips.has(source.id)) return undefined;
      return write(createdTip(source, actorId, now), "create");
    },
    async changeTip(id, expectedVersion, change, actorId, now) {
      const result = planTipChange(
        find(id),
        expectedVersion,
        change,
        actorId,
        now,
        (to) => {
          const row = history.get(id)?.find((r) => r.version === to);
          return row && copy(row);
        },
      );
      return result.ok
        ? { ok: true, tip: write(result.tip, change.action) }
        : result;
    },
    async listTipVersions(id) {
      return (history.get(id) ?? []).map(copy).reverse();
    },
    async importTips(sources, now) {
      const { writes, counts } = planTipImport(sources, find, now);
      for (const tip of writes) write(tip, "import");
      return counts;
    },
    async recordAnchorReports(list, now) {
      const at = now.toISOString();
      for (const { tipId, publishedAt, route, ...sent } of list) {
        // The bounds of the SQLite store, in the same order (see TipStore.recordAnchorReports).
        const ofTip = [...reports].filter(([, r]) => r.tipId === tipId);
        if (ofTip.some(([, r]) => r.publishedAt > publishedAt)) continue;
        for (const [key, r] of ofTip)
          if (r.publishedAt < publishedAt) reports.delete(key);
        const keyOf = (version: string) =>
          JSON.stringify([tipId, publishedAt, route, version]);
        const versions = ofTip.filter(
          ([, r]) =>
            r.publishedAt === publishedAt &&
            r.route === route &&
            r.appVersion !== "",
        ).length;
        const appVersion =
          sent.appVersion !== "" &&
          !reports.has(keyOf(sent.appVersion)) &&
          versions >= MAX_APP_VERSIONS_PER_ROUTE
            ? ""
            : sent.appVersion;
        const key = keyOf(appVersion);
        const report = reports.get(key);
        if (report) {
          report.count++;
          report.lastSeen = at;
        } else
          reports.set(key, {
            tipId,
            publishedAt,
            route,
            appVersion,
            count: 1,
            firstSeen: at,
            lastSeen: at,
          });
      }
    },
    async listAnchorReports() {
      const order = (r: StoredAnchorReport) => [
        r.tipId,
        r.publishedAt,
        r.route,
        r.appVersion,
      ];
      return [...reports.values()]
        .sort(
          (a, b) =>
            (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0) ||
            compareLists(order(a), order(b)),
        )
        .map(copy);
    },
  };
}

function compareLists(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}
