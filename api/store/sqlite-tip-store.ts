import type Database from "better-sqlite3";
import type { TipSource } from "../contract/tip-source.ts";
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
  type TipChangeResult,
  type TipStore,
  type TipVersion,
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
  // One row, bumped with every change of what is public: see migration 3.
  const stamp = db
    .prepare("SELECT value FROM tips_catalog_stamp WHERE id = 1")
    .pluck();
  const bumpStamp = db.prepare(
    "UPDATE tips_catalog_stamp SET value = value + 1 WHERE id = 1",
  );
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
    `INSERT INTO anchor_reports (tip_id, published_at, route, app_version, count, first_seen, last_seen)
     VALUES (@tipId, @publishedAt, @route, @appVersion, 1, @at, @at)
     ON CONFLICT (tip_id, published_at, route, app_version)
       DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`,
  );
  // The bounds of recordAnchorReports, on the primary key's prefix (tip_id, published_at, route, app_version).
  const newerReport = db
    .prepare<[string, string]>(
      "SELECT 1 FROM anchor_reports WHERE tip_id = ? AND published_at > ? LIMIT 1",
    )
    .pluck();
  const dropFormerReports = db.prepare<[string, string]>(
    "DELETE FROM anchor_reports WHERE tip_id = ? AND published_at < ?",
  );
  const reportExists = db
    .prepare<[string, string, string, string]>(
      `SELECT 1 FROM anchor_reports
       WHERE tip_id = ? AND published_at = ? AND route = ? AND app_version = ?`,
    )
    .pluck();
  const countVersions = db
    .prepare<[string, string, string]>(
      `SELECT count(*) FROM anchor_reports
       WHERE tip_id = ? AND published_at = ? AND route = ? AND app_version <> ''`,
    )
    .pluck();
  const reports = db.prepare<[], StoredAnchorReport>(
    `SELECT tip_id AS tipId, published_at AS publishedAt, route, app_version AS appVersion, count,
       first_seen AS firstSeen, last_seen AS lastSeen FROM anchor_reports
     ORDER BY last_seen DESC, tip_id, published_at, route, app_version`,
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
    if (changesCatalog(action)) bumpStamp.run();
    return tip;
  };
  const find = (id: string) => {
    const row = byId.get(id);
    return row && toTip(row);
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
      const result = planTipChange(
        find(id),
        expected,
        change,
        actorId,
        now,
        (to) => {
          const row = oneVersion.get(id, to);
          return row && toVersion(row);
        },
      );
      return result.ok
        ? { ok: true, tip: write(result.tip, change.action) }
        : result;
    },
  );

  const importAll = db.transaction(
    (sources: readonly TipSource[], now: Date) => {
      const { writes, counts } = planTipImport(sources, find, now);
      for (const tip of writes) write(tip, "import");
      return counts;
    },
  );

  const record = db.transaction(
    (list: Parameters<TipStore["recordAnchorReports"]>[0], now: Date) => {
      const at = now.toISOString();
      for (const report of list) {
        const { tipId, publishedAt, route, appVersion } = report;
        if (newerReport.get(tipId, publishedAt) !== undefined) continue;
        dropFormerReports.run(tipId, publishedAt);
        const foldIntoUnknown =
          appVersion !== "" &&
          reportExists.get(tipId, publishedAt, route, appVersion) ===
            undefined &&
          (countVersions.get(tipId, publishedAt, route) as number) >=
            MAX_APP_VERSIONS_PER_ROUTE;
        upsertReport.run({
          ...report,
          appVersion: foldIntoUnknown ? "" : appVersion,
          at,
        });
      }
    },
  );

  return {
    async listTips() {
      return all.all().map(toTip);
    },
    async getTip(id) {
      return find(id);
    },
    async countTips() {
      return count.get() as number;
    },
    async tipsStamp() {
      return String(stamp.get());
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
