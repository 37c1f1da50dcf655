import {
  applyTipChange,
  createdTip,
  importedTip,
  nextTip,
  versionOf,
} from "./tip-transitions.ts";
import type {
  StoredAnchorReport,
  StoredTip,
  TipAction,
  TipStore,
  TipVersion,
} from "./tip-types.ts";

/** Tips, their history and anchor reports in memory, with SQLite's rules. */
export function createMemoryTipStore(): TipStore {
  const tips = new Map<string, StoredTip>();
  const history = new Map<string, TipVersion[]>();
  const reports = new Map<string, StoredAnchorReport>();
  const copy = <T>(value: T): T => structuredClone(value);

  const write = (tip: StoredTip, action: TipAction) => {
    tips.set(tip.id, copy(tip));
    const rows = history.get(tip.id) ?? [];
    rows.push(copy(versionOf(tip, action)));
    history.set(tip.id, rows);
    return copy(tip);
  };

  return {
    async listTips() {
      return [...tips.values()]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map(copy);
    },
    async getTip(id) {
      const tip = tips.get(id);
      return tip && copy(tip);
    },
    async countTips() {
      return tips.size;
    },
    async tipsStamp() {
      let sum = 0;
      for (const tip of tips.values()) sum += tip.version;
      return `${tips.size}:${sum}`;
    },
    async createTip(source, actorId, now) {
      if (tips.has(source.id)) return undefined;
      return write(createdTip(source, actorId, now), "create");
    },
    async changeTip(id, expectedVersion, change, actorId, now) {
      const stored = tips.get(id);
      if (!stored) return { ok: false, reason: "not_found" };
      const current = copy(stored);
      if (current.version !== expectedVersion)
        return { ok: false, reason: "conflict", current };
      const target =
        change.action === "revert"
          ? history.get(id)?.find((row) => row.version === change.to)
          : undefined;
      const texts = applyTipChange(
        current,
        change,
        now,
        target && copy(target),
      );
      if ("refusal" in texts)
        return {
          ok: false,
          reason: "refused",
          refusal: texts.refusal,
          current,
        };
      return {
        ok: true,
        tip: write(nextTip(current, texts, actorId, now), change.action),
      };
    },
    async listTipVersions(id) {
      return (history.get(id) ?? []).map(copy).reverse();
    },
    async importTips(sources, now) {
      const counts = { created: 0, updated: 0, unchanged: 0 };
      for (const source of sources) {
        const existing = tips.get(source.id);
        const tip = importedTip(existing && copy(existing), source, now);
        if (!tip) counts.unchanged++;
        else {
          write(tip, "import");
          counts[existing ? "updated" : "created"]++;
        }
      }
      return counts;
    },
    async recordAnchorReports(list, now) {
      const at = now.toISOString();
      for (const { tipId, route, appVersion } of list) {
        const key = JSON.stringify([tipId, route, appVersion]);
        const report = reports.get(key);
        if (report) {
          report.count++;
          report.lastSeen = at;
        } else
          reports.set(key, {
            tipId,
            route,
            appVersion,
            count: 1,
            firstSeen: at,
            lastSeen: at,
          });
      }
    },
    async listAnchorReports() {
      const order = (r: StoredAnchorReport) => [r.tipId, r.route, r.appVersion];
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
