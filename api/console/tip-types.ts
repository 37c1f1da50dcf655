import type { Tip, TipAnchor } from "../contract/tip.ts";
import type { Platform, Role, YoungStatus } from "../contract/vocabulary.ts";

import type { TipSource } from "../contract/tip-source.ts";

// The console side of the tips API (issue 5 spec §3), written against the spec.

export type { TipSource };

/** Where a tip stands: never published, public, public with pending changes, or withdrawn. */
export type TipState =
  "draft" | "published" | "published_with_draft" | "unpublished";

/** A row of « Astuces »: title, routes and anchor come from the draft when there is one. */
export interface TipSummary {
  id: string;
  platform: Platform;
  title: string;
  routes: string[];
  state: TipState;
  anchored: boolean;
  activeFrom?: string;
  activeTo?: string;
  version: number;
  updatedAt: string;
  /** Display name; absent for imports of the repository files. */
  updatedBy?: string;
}

/** One tip as the editor loads it: both texts and the version to send back (optimistic lock). */
export interface ConsoleTip {
  id: string;
  version: number;
  draft: TipSource | null;
  published: TipSource | null;
  publishedAt?: string;
  updatedAt: string;
  updatedBy?: string;
}

/** What a version did. */
export type TipAction =
  "create" | "edit" | "publish" | "unpublish" | "revert" | "import" | "discard";

/** One line of the versions panel, with its field changes (arrays joined with « , »). */
export interface TipVersion {
  version: number;
  action: TipAction;
  at: string;
  by?: string;
  changes: { field: string; before?: string; after?: string }[];
}

/** The answer of `POST /tips/preview`: the wire tip (body as a node tree) and what is wrong. */
export interface TipPreview {
  tip: Tip | null;
  problems: { path: string; message: string }[];
}

/** One broken anchor: a tip's selector not found on a route, for one app version. */
export interface AnchorReport {
  tipId: string;
  title: string;
  platform: Platform;
  route: string;
  appVersion?: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  selector: string;
}
