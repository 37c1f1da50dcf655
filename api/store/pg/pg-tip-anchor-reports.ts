import type pg from "pg";
import {
  MAX_APP_VERSIONS_PER_ROUTE,
  type AnchorReport,
  type StoredAnchorReport,
} from "../tip-types.ts";
import { storableText } from "./pg-text.ts";

/**
 * Counts `reports` inside the caller's transaction, with the bounds of `TipStore.recordAnchorReports`.
 * The count itself is one upsert on the primary key: two instances counting the same row at once both
 * add (the second waits for the first's commit, then adds to its count). The bounds read before they
 * write (a newer publication counted? how many versions on this route?): the reported tips' rows are
 * locked first, in id order, so that two instances reporting on one tip apply them one after the other
 * and the bound of 20 versions holds exactly.
 */
export async function recordAnchorReports(
  client: pg.PoolClient,
  reports: readonly AnchorReport[],
  now: Date,
): Promise<void> {
  await client.query(
    "SELECT 1 FROM tips WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE",
    [[...new Set(reports.map((report) => report.tipId))]],
  );
  for (const report of reports) {
    const { tipId, publishedAt } = report;
    const route = storableText(report.route);
    const appVersion = storableText(report.appVersion);
    // All on the primary key's prefixes (tip_id, published_at, route, app_version).
    const newer = await client.query(
      "SELECT 1 FROM anchor_reports WHERE tip_id = $1 AND published_at > $2 LIMIT 1",
      [tipId, publishedAt],
    );
    if (newer.rowCount) continue;
    await client.query(
      "DELETE FROM anchor_reports WHERE tip_id = $1 AND published_at < $2",
      [tipId, publishedAt],
    );
    const { rows } = await client.query<{ versions: number; known: boolean }>(
      `SELECT count(*) FILTER (WHERE app_version <> '')::integer AS versions,
         coalesce(bool_or(app_version = $4), false) AS known
       FROM anchor_reports WHERE tip_id = $1 AND published_at = $2 AND route = $3`,
      [tipId, publishedAt, route, appVersion],
    );
    const foldIntoUnknown =
      appVersion !== "" &&
      !rows[0]!.known &&
      rows[0]!.versions >= MAX_APP_VERSIONS_PER_ROUTE;
    // greatest(): instances' clocks differ a little; the last sighting never moves back.
    await client.query(
      `INSERT INTO anchor_reports (tip_id, published_at, route, app_version, count, first_seen, last_seen)
       VALUES ($1, $2, $3, $4, 1, $5, $5)
       ON CONFLICT (tip_id, published_at, route, app_version) DO UPDATE
         SET count = anchor_reports.count + 1,
             last_seen = greatest(anchor_reports.last_seen, excluded.last_seen)`,
      [tipId, publishedAt, route, foldIntoUnknown ? "" : appVersion, now],
    );
  }
}

interface ReportRow {
  tip_id: string;
  published_at: Date;
  route: string;
  app_version: string;
  count: number;
  first_seen: Date;
  last_seen: Date;
}

/** Every counted report, last seen first (see migration 4 for the order's cost). */
export async function listAnchorReports(
  pool: pg.Pool,
): Promise<StoredAnchorReport[]> {
  const { rows } = await pool.query<ReportRow>(
    `SELECT tip_id, published_at, route, app_version, count, first_seen, last_seen FROM anchor_reports
     ORDER BY last_seen DESC, tip_id, published_at, route, app_version`,
  );
  return rows.map((row) => ({
    tipId: row.tip_id,
    publishedAt: row.published_at.toISOString(),
    route: row.route,
    appVersion: row.app_version,
    count: row.count,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
  }));
}
