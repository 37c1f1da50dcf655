import type Database from "better-sqlite3";
import type { TipSource } from "../contract/tip-source.ts";
import {
  applyTipChange,
  createdTip,
  importedTip,
  nextTip,
  versionOf,
} from "./tip-transitions.ts";
import type {
  StoredTip,
  TipAction,
  TipChangeResult,
  TipStore,
  TipVersion,
} from "./tip-types.ts";

interface TipRow {
  id: string;
  platform: StoredTip["platform"];
  draft: string | null;
  published: string | null;
  version: number;
  published_at: string | null;
  updated_at: string;
  updated_by: number | null;
}

interface VersionRow {
  version: number;
  at: string;
  user_id: number | null;
  action: TipAction;
  draft: string | null;
  published: string | null;
}

/** Tips, their history and anchor reports on an open database at migration 3. */
export function createSqliteTipStore(db: Database.Database): TipStore {
  const all = db.prepare<[], TipRow>("SELECT * FROM tips ORDER BY id");
  const byId = db.prepare<[string], TipRow>("SELECT * FROM tips WHERE id = ?");
  const count = db.prepare("SELECT count(*) FROM tips").pluck();
  const stamp = db
    .prepare("SELECT count(*) || ':' || coalesce(sum(version), 0) FROM tips")
    .pluck();
  const upsertTip = db.prepare(
    `INSERT INTO tips (id, platform, draft, published, version, published_at, updated_at, updated_by)
     VALUES (@id, @platform, @draft, @published, @version, @publishedAt, @updatedAt, @updatedBy)
     ON CONFLICT (id) DO UPDATE SET platform = excluded.platform, draft = excluded.draft,
       published = excluded.published, version = excluded.version, published_at = excluded.published_at,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO tip_versions (tip_id, version, at, user_id, action, draft, published)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const versions = db.prepare<[string], VersionRow>(
    "SELECT * FROM tip_versions WHERE tip_id = ? ORDER BY version DESC",
  );
  const oneVersion = db.prepare<[string, number], VersionRow>(
    "SELECT * FROM tip_versions WHERE tip_id = ? AND version = ?",
  );
  const upsertReport = db.prepare(
    `INSERT INTO anchor_reports (tip_id, route, app_version, count, first_seen, last_seen)
     VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT (tip_id, route, app_version) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`,
  );
  const reports = db.prepare<
    [],
    {
      tipId: string;
      route: string;
      appVersion: string;
      count: number;
      firstSeen: string;
      lastSeen: string;
    }
  >(
    `SELECT tip_id AS tipId, route, app_version AS appVersion, count, first_seen AS firstSeen,
       last_seen AS lastSeen FROM anchor_reports ORDER BY last_seen DESC, tip_id, route, app_version`,
  );

  // The tip row and its history row are written together, or not at all.
  const write = (tip: StoredTip, action: TipAction) => {
    upsertTip.run({
      id: tip.id,
      platform: tip.platform,
      draft: toJson(tip.draft),
      published: toJson(tip.published),
      version: tip.version,
      publishedAt: tip.publishedAt ?? null,
      updatedAt: tip.updatedAt,
      updatedBy: tip.updatedBy ?? null,
    });
    const row = versionOf(tip, action);
    insertVersion.run(
      tip.id,
      row.version,
      row.at,
      row.userId ?? null,
      action,
      toJson(row.draft),
      toJson(row.published),
    );
    return tip;
  };

  const create = db.transaction(
    (source: TipSource, actorId: number, now: Date) => {
      if (byId.get(source.id)) return undefined;
      return write(createdTip(source, actorId, now), "create");
    },
  );

  const change = db.transaction(
    (
      ...[id, expected, change, actorId, now]: Parameters<TipStore["changeTip"]>
    ): TipChangeResult => {
      const row = byId.get(id);
      if (!row) return { ok: false, reason: "not_found" };
      const current = toTip(row);
      if (current.version !== expected)
        return { ok: false, reason: "conflict", current };
      const target =
        change.action === "revert" ? oneVersion.get(id, change.to) : undefined;
      const texts = applyTipChange(
        current,
        change,
        now,
        target && toVersion(target),
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
  );

  const importAll = db.transaction(
    (sources: readonly TipSource[], now: Date) => {
      const counts = { created: 0, updated: 0, unchanged: 0 };
      for (const source of sources) {
        const row = byId.get(source.id);
        const tip = importedTip(row && toTip(row), source, now);
        if (!tip) counts.unchanged++;
        else {
          write(tip, "import");
          counts[row ? "updated" : "created"]++;
        }
      }
      return counts;
    },
  );

  const record = db.transaction(
    (list: Parameters<TipStore["recordAnchorReports"]>[0], now: Date) => {
      for (const report of list)
        upsertReport.run(
          report.tipId,
          report.route,
          report.appVersion,
          now.toISOString(),
          now.toISOString(),
        );
    },
  );

  return {
    async listTips() {
      return all.all().map(toTip);
    },
    async getTip(id) {
      const row = byId.get(id);
      return row && toTip(row);
    },
    async countTips() {
      return count.get() as number;
    },
    async tipsStamp() {
      return stamp.get() as string;
    },
    async createTip(source, actorId, now) {
      return create.immediate(source, actorId, now);
    },
    async changeTip(id, expectedVersion, tipChange, actorId, now) {
      return change.immediate(id, expectedVersion, tipChange, actorId, now);
    },
    async listTipVersions(id) {
      return versions.all(id).map(toVersion);
    },
    async importTips(sources, now) {
      return importAll.immediate(sources, now);
    },
    async recordAnchorReports(list, now) {
      record.immediate(list, now);
    },
    async listAnchorReports() {
      return reports.all();
    },
  };
}

const toJson = (source: TipSource | null) =>
  source === null ? null : JSON.stringify(source);
const fromJson = (text: string | null): TipSource | null =>
  text === null ? null : JSON.parse(text);

function toTip(row: TipRow): StoredTip {
  return {
    id: row.id,
    platform: row.platform,
    draft: fromJson(row.draft),
    published: fromJson(row.published),
    version: row.version,
    ...(row.published_at === null ? {} : { publishedAt: row.published_at }),
    updatedAt: row.updated_at,
    ...(row.updated_by === null ? {} : { updatedBy: row.updated_by }),
  };
}

function toVersion(row: VersionRow): TipVersion {
  return {
    version: row.version,
    at: row.at,
    ...(row.user_id === null ? {} : { userId: row.user_id }),
    action: row.action,
    draft: fromJson(row.draft),
    published: fromJson(row.published),
  };
}
