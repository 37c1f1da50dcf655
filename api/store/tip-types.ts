import type { Platform } from "../contract/vocabulary.ts";
import type { TipSource } from "../contract/tip-source.ts";
import type { TipAction } from "../contract/support-tips.ts";
export { TIP_ACTIONS, type TipAction } from "../contract/support-tips.ts";

/**
 * A tip in the database: the text being edited (`draft`) and the text served (`published`), either may be
 * null but never both. `version` is bumped on every change (optimistic locking, like requests).
 */
export interface StoredTip {
  id: string;
  platform: Platform;
  draft: TipSource | null;
  published: TipSource | null;
  version: number;
  /**
   * The last publication, kept after an unpublish: a tip with no published text but a date was withdrawn,
   * one without a date was never public.
   */
  publishedAt?: string;
  updatedAt: string;
  /** Absent for the repo files (imports). */
  updatedBy?: number;
}

/** One row of a tip's history: the state right after the change. Nothing is ever deleted. */
export interface TipVersion {
  version: number;
  at: string;
  /** Absent = « fichiers du dépôt » (import). */
  userId?: number;
  action: TipAction;
  draft: TipSource | null;
  published: TipSource | null;
}

/** A change from the console; `edit` replaces the draft, `revert` copies version `to` into it. */
export type TipChange =
  | { action: "edit"; source: TipSource }
  | { action: "publish" }
  | { action: "unpublish" }
  | { action: "discard" }
  | { action: "revert"; to: number };

/** Why a change cannot apply to the tip as it is (the API answers 400). */
export type TipRefusal =
  | "no_draft"
  | "not_published"
  | "never_published"
  | "unknown_version"
  | "source_mismatch";

export type TipChangeResult =
  | { ok: true; tip: StoredTip }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; current: StoredTip }
  | { ok: false; reason: "refused"; refusal: TipRefusal; current: StoredTip };

/** What `importTips` did, per tip. */
export interface TipImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Unpublished in the console: left as they are, whatever their file says. */
  withdrawn: number;
}

/**
 * Distinct app versions counted apart per tip publication and route; reports of further versions count
 * under the unknown version (''), so a tip has at most this + 1 rows per route (issue 11, item 6).
 */
export const MAX_APP_VERSIONS_PER_ROUTE = 20;

/**
 * A broken anchor seen by a widget, counted per tip publication, route tag and host app version: a
 * republication (the anchor fixed) starts new counts.
 */
export interface AnchorReport {
  tipId: string;
  /** The `publishedAt` of the tip when it was reported. */
  publishedAt: string;
  route: string;
  /** '' when the host did not say. */
  appVersion: string;
}

export interface StoredAnchorReport extends AnchorReport {
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** Tips storage; both stores implement it and pass `runTipStoreContract`. */
export interface TipStore {
  /** Every tip, by id. */
  listTips(): Promise<StoredTip[]>;
  getTip(id: string): Promise<StoredTip | undefined>;
  countTips(): Promise<number>;
  /**
   * Changes whenever what is public may have changed (publish, unpublish, import — not draft saves), so
   * the catalog knows when to rebuild, even after a `tips:import` from another process. Cheap: read on
   * every public request.
   */
  tipsStamp(): Promise<string>;
  /** A new tip with a draft only; undefined when the id is taken. */
  createTip(
    source: TipSource,
    actorId: number,
    now: Date,
  ): Promise<StoredTip | undefined>;
  /** Applies a change if the tip is still at `expectedVersion`. */
  changeTip(
    id: string,
    expectedVersion: number,
    change: TipChange,
    actorId: number,
    now: Date,
  ): Promise<TipChangeResult>;
  /** Newest first; empty for an unknown tip. */
  listTipVersions(id: string): Promise<TipVersion[]>;
  /**
   * The repo files as published tips: new ids created, a different published text replaced (the draft is
   * kept), an identical one untouched, a withdrawn one left withdrawn. One transaction; throws
   * TipImportError, writing nothing, when a file would move a tip to another platform.
   */
  importTips(
    sources: readonly TipSource[],
    now: Date,
  ): Promise<TipImportCounts>;
  /**
   * Adds one to each report's count (first seen now if new). Bounded per tip: past
   * MAX_APP_VERSIONS_PER_ROUTE versions on a route, a new version counts as unknown (''); a report of a
   * newer publication drops the counts of the former ones (never listed again), and a report of a former
   * publication, once a newer one is counted, is ignored.
   */
  recordAnchorReports(
    reports: readonly AnchorReport[],
    now: Date,
  ): Promise<void>;
  listAnchorReports(): Promise<StoredAnchorReport[]>;
}
