import type pg from "pg";
import type { TipSource } from "../../contract/tip-source.ts";
import { mapStoreFaults } from "../store-faults.ts";
import {
  changesCatalog,
  createdTip,
  planTipChange,
  planTipImport,
} from "../tip-transitions.ts";
import type { TipStore, TipVersion } from "../tip-types.ts";
import { pgFault } from "./pg-faults.ts";
import {
  listAnchorReports,
  recordAnchorReports,
} from "./pg-tip-anchor-reports.ts";
import {
  bumpTipsStamp,
  TIP_COLUMNS,
  toTip,
  toVersion,
  VERSION_COLUMNS,
  writeTip,
  type PgTipRow,
} from "./pg-tip-rows.ts";
import { inTransaction } from "./pg-transaction.ts";

/** Tries of an import that met, each time, a tip created meanwhile by another instance. */
const IMPORT_ATTEMPTS = 3;
const INT4_MAX = 2 ** 31 - 1;

/** Thrown inside an import's transaction to roll it back and plan it again. */
class IdTakenMeanwhile extends Error {}

/**
 * Tips, their history, the catalog's stamp and anchor reports on PostgreSQL (issue 15), with the SQLite
 * store's semantics (the workflow itself is tip-transitions.ts, shared). Safe with several instances on one
 * database: a change reads its tip `FOR NO KEY UPDATE`, so two editors on two instances are served one
 * after the other and the second meets the version the first wrote (`conflict`); the rows a transaction
 * locks are always taken tips first, in id order, then the stamp's row, so that no two wait on each other.
 * `FOR NO KEY UPDATE` rather than `FOR UPDATE`: it does not hold back the foreign-key checks of the history
 * and anchor reports written meanwhile.
 */
export function createPostgresTipStore(pool: pg.Pool): TipStore {
  const tipRows = async (sql: string, values: unknown[] = []) =>
    (await pool.query<PgTipRow>(sql, values)).rows.map(toTip);

  return mapStoreFaults<TipStore>(
    {
      async listTips() {
        return tipRows(`SELECT ${TIP_COLUMNS} FROM tips ORDER BY id`);
      },
      async getTip(id) {
        return (
          await tipRows(`SELECT ${TIP_COLUMNS} FROM tips WHERE id = $1`, [id])
        )[0];
      },
      async countTips() {
        const { rows } = await pool.query<{ n: number }>(
          "SELECT count(*)::integer AS n FROM tips",
        );
        return rows[0]!.n;
      },
      // One primary-key read, on every public request of every instance (see migration 4); no row
      // (a database emptied by hand) reads as the initial stamp.
      async tipsStamp() {
        const { rows } = await pool.query<{ value: string }>(
          "SELECT coalesce((SELECT value FROM tips_catalog_stamp WHERE id = 1), 0)::text AS value",
        );
        return rows[0]!.value;
      },
      async createTip(source, actorId, now) {
        return inTransaction(pool, async (client) => {
          const tip = createdTip(source, actorId, now);
          return (await writeTip(client, tip, "create", 0)) ? tip : undefined;
        });
      },
      async changeTip(id, expectedVersion, change, actorId, now) {
        return inTransaction(pool, async (client) => {
          const { rows } = await client.query<PgTipRow>(
            `SELECT ${TIP_COLUMNS} FROM tips WHERE id = $1 FOR NO KEY UPDATE`,
            [id],
          );
          const current = rows[0] && toTip(rows[0]);
          // Read before planning (the plan is synchronous), only when it will be asked for.
          const target =
            change.action === "revert" && current?.version === expectedVersion
              ? await readVersion(client, id, change.to)
              : undefined;
          const result = planTipChange(
            current,
            expectedVersion,
            change,
            actorId,
            now,
            () => target,
          );
          if (!result.ok) return result;
          await writeTip(client, result.tip, change.action, expectedVersion);
          if (changesCatalog(change.action)) await bumpTipsStamp(client);
          return result;
        });
      },
      async listTipVersions(id) {
        const { rows } = await pool.query(
          `SELECT ${VERSION_COLUMNS} FROM tip_versions WHERE tip_id = $1 ORDER BY version DESC`,
          [id],
        );
        return rows.map(toVersion);
      },
      async importTips(sources, now) {
        for (let attempt = 1; ; attempt++) {
          try {
            return await inTransaction(pool, (client) =>
              importOnce(client, sources, now),
            );
          } catch (error) {
            if (
              !(error instanceof IdTakenMeanwhile) ||
              attempt >= IMPORT_ATTEMPTS
            )
              throw error;
          }
        }
      },
      async recordAnchorReports(reports, now) {
        if (reports.length)
          await inTransaction(pool, (client) =>
            recordAnchorReports(client, reports, now),
          );
      },
      async listAnchorReports() {
        return listAnchorReports(pool);
      },
    },
    pgFault,
  );
}

/** Version `to` of a tip, inside a transaction that holds the tip's row lock. */
async function readVersion(
  client: pg.PoolClient,
  id: string,
  to: number,
): Promise<TipVersion | undefined> {
  // A version beyond `integer` exists nowhere: not a query that fails.
  if (!Number.isInteger(to) || to < 1 || to > INT4_MAX) return undefined;
  const { rows } = await client.query(
    `SELECT ${VERSION_COLUMNS} FROM tip_versions WHERE tip_id = $1 AND version = $2`,
    [id, to],
  );
  return rows[0] && toVersion(rows[0]);
}

/**
 * One try of an import, in one transaction: the existing tips it names locked in id order, planned, written,
 * and the stamp moved once if anything was. A new id created meanwhile by another instance rolls it back
 * (`IdTakenMeanwhile`) to be planned again with that tip.
 */
async function importOnce(
  client: pg.PoolClient,
  sources: readonly TipSource[],
  now: Date,
) {
  const { rows } = await client.query<PgTipRow>(
    `SELECT ${TIP_COLUMNS} FROM tips WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`,
    [sources.map((source) => source.id)],
  );
  const existing = new Map(rows.map((row) => [row.id, toTip(row)]));
  const { writes, counts } = planTipImport(
    sources,
    (id) => existing.get(id),
    now,
  );
  // In id order too: two imports inserting the same new ids wait on each other in one order only.
  const inOrder = [...writes].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const tip of inOrder) {
    const plannedOn = existing.get(tip.id)?.version ?? 0;
    if (!(await writeTip(client, tip, "import", plannedOn)))
      throw new IdTakenMeanwhile();
  }
  // Once for the whole import (every write is an `import`, which changes the catalog).
  if (writes.length) await bumpTipsStamp(client);
  return counts;
}
