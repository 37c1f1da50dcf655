import type pg from "pg";
import {
  canonicalTipSource,
  type TipSource,
} from "../../contract/tip-source.ts";
import { versionOf } from "../tip-transitions.ts";
import type { StoredTip, TipAction, TipVersion } from "../tip-types.ts";
import { storableJson } from "./pg-text.ts";

// The rows of migration 4 and the API's objects. Account ids are bigints, read `::integer` (pg gives a
// bigint as a string; they stay far below 2^31).

export interface PgTipRow {
  id: string;
  platform: StoredTip["platform"];
  draft: TipSource | null;
  published: TipSource | null;
  version: number;
  published_at: Date | null;
  updated_at: Date;
  updated_by: number | null;
}

export const TIP_COLUMNS =
  "id, platform, draft, published, version, published_at, updated_at, updated_by::integer AS updated_by";

interface PgVersionRow {
  version: number;
  at: Date;
  user_id: number | null;
  action: TipAction;
  draft: TipSource | null;
  published: TipSource | null;
}

export const VERSION_COLUMNS =
  "version, at, user_id::integer AS user_id, action, draft, published";

// jsonb gives the keys back in its own order: the canonical one is restored, so that a tip reads as
// SQLite's does and serialises to the same text (the catalog hashes it).
const fromJsonb = (source: TipSource | null) =>
  source === null ? null : canonicalTipSource(source);
const toJsonb = (source: TipSource | null) =>
  source === null ? null : storableJson(source);

export function toTip(row: PgTipRow): StoredTip {
  return {
    id: row.id,
    platform: row.platform,
    draft: fromJsonb(row.draft),
    published: fromJsonb(row.published),
    version: row.version,
    ...(row.published_at === null
      ? {}
      : { publishedAt: row.published_at.toISOString() }),
    updatedAt: row.updated_at.toISOString(),
    ...(row.updated_by === null ? {} : { updatedBy: row.updated_by }),
  };
}

export function toVersion(row: PgVersionRow): TipVersion {
  return {
    version: row.version,
    at: row.at.toISOString(),
    ...(row.user_id === null ? {} : { userId: row.user_id }),
    action: row.action,
    draft: fromJsonb(row.draft),
    published: fromJsonb(row.published),
  };
}

/**
 * Writes a tip changed by `action` and its history row, inside the caller's transaction, which holds the
 * tip's row lock. `expectedVersion` is the version the change was planned on, 0 for a new tip: then the
 * primary key decides between two instances creating the same id (the second waits for the first's
 * commit, then inserts nothing) and false says the id was taken.
 */
export async function writeTip(
  client: pg.PoolClient,
  tip: StoredTip,
  action: TipAction,
  expectedVersion: number,
): Promise<boolean> {
  const values = [
    tip.id,
    tip.platform,
    toJsonb(tip.draft),
    toJsonb(tip.published),
    tip.version,
    tip.publishedAt ?? null,
    tip.updatedAt,
    tip.updatedBy ?? null,
  ];
  if (expectedVersion === 0) {
    const { rowCount } = await client.query(
      `INSERT INTO tips (id, platform, draft, published, version, published_at, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      values,
    );
    if (rowCount !== 1) return false;
  } else {
    // `version = $9`: the row lock already guarantees it; a change planned on another version must never
    // be written, whatever a later edit of this code forgets.
    const { rowCount } = await client.query(
      `UPDATE tips SET platform = $2, draft = $3, published = $4, version = $5, published_at = $6,
         updated_at = $7, updated_by = $8
       WHERE id = $1 AND version = $9`,
      [...values, expectedVersion],
    );
    if (rowCount !== 1)
      throw new Error(`Tip ${tip.id} moved from version ${expectedVersion}`);
  }
  const row = versionOf(tip, action);
  await client.query(
    `INSERT INTO tip_versions (tip_id, version, at, user_id, action, draft, published)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      tip.id,
      row.version,
      row.at,
      row.userId ?? null,
      action,
      toJsonb(row.draft),
      toJsonb(row.published),
    ],
  );
  return true;
}

/** The channel a change of the public catalog is announced on (pg-tip-listener.ts listens to it). */
export const TIPS_CHANNEL = "snu_aide_tips";

/**
 * Moves the catalog's stamp, inside the transaction of the change it announces (see migration 4), and
 * tells every instance listening: PostgreSQL delivers a NOTIFY only when its transaction commits, so a
 * listener that rebuilds its catalog on it reads the new rows (issue 15: served by all within 1 s).
 */
export async function bumpTipsStamp(client: pg.PoolClient): Promise<void> {
  // An upsert rather than an UPDATE: a database emptied by hand (tests truncate every table) still works.
  await client.query(
    `WITH bumped AS (
       INSERT INTO tips_catalog_stamp (id, value) VALUES (1, 1)
       ON CONFLICT (id) DO UPDATE SET value = tips_catalog_stamp.value + 1
       RETURNING value
     )
     SELECT pg_notify('${TIPS_CHANNEL}', value::text) FROM bumped`,
  );
}
