import type { ErrorDetail } from "../contract/errors.ts";
import type { Tip } from "../contract/tip.ts";
import type { Platform } from "../contract/vocabulary.ts";
import type { TipSource } from "../contract/tip-source.ts";
import type { StoredTip, TipAction, TipVersion } from "../store/tip-types.ts";
import { tipChanges, type TipFieldChange } from "../tips/tip-changes.ts";

// What the console's tips endpoints answer (issue 5 §3); the console imports these types (`import type`
// only). Accounts appear by display name only.

/** Never published, public, public with pending changes, or withdrawn. */
export type TipState =
  "draft" | "published" | "published_with_draft" | "unpublished";

/** A row of the tips list; title, routes, anchor and days come from the draft when there is one. */
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
  updatedBy?: string;
}

/** A tip as the editor loads it: both texts and the version to send back. */
export interface TipView {
  id: string;
  version: number;
  draft: TipSource | null;
  published: TipSource | null;
  publishedAt?: string;
  updatedAt: string;
  updatedBy?: string;
}

/** One line of a tip's history; `by` is absent for the repo files (imports). */
export interface TipVersionView {
  version: number;
  action: TipAction;
  at: string;
  by?: string;
  changes: TipFieldChange[];
}

/** The answer of `POST /tips/preview`: the tip as the widget would show it (or null), and what is wrong. */
export interface TipPreviewView {
  tip: Tip | null;
  problems: ErrorDetail[];
}

/** A line of « Ancres cassées »: a tip's selector not found on a route, for one app version. */
export interface AnchorReportView {
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

/** A page of « Ancres cassées »: `nextCursor` asks for the next one; `total` counts every page. */
export interface AnchorReportPage {
  anchors: AnchorReportView[];
  total: number;
  nextCursor?: string;
}

/** Display names by account id. */
export type AccountNames = ReadonlyMap<number, string>;

export function tipState(tip: StoredTip): TipState {
  if (tip.published) return tip.draft ? "published_with_draft" : "published";
  // A tip withdrawn after publication keeps the date of its last publication.
  return tip.publishedAt === undefined ? "draft" : "unpublished";
}

/** The text being worked on: the draft, else the published text. */
export function currentSource(tip: StoredTip): TipSource {
  return (tip.draft ?? tip.published)!;
}

const by = (names: AccountNames, id: number | undefined, key: string) => {
  const name = id === undefined ? undefined : names.get(id);
  return name === undefined ? {} : { [key]: name };
};

export function toTipSummary(tip: StoredTip, names: AccountNames): TipSummary {
  const source = currentSource(tip);
  return {
    id: tip.id,
    platform: tip.platform,
    title: source.title,
    routes: source.routes,
    state: tipState(tip),
    anchored: source.anchor !== undefined,
    ...(source.activeFrom === undefined
      ? {}
      : { activeFrom: source.activeFrom }),
    ...(source.activeTo === undefined ? {} : { activeTo: source.activeTo }),
    version: tip.version,
    updatedAt: tip.updatedAt,
    ...by(names, tip.updatedBy, "updatedBy"),
  };
}

export function toTipView(tip: StoredTip, names: AccountNames): TipView {
  return {
    id: tip.id,
    version: tip.version,
    draft: tip.draft,
    published: tip.published,
    ...(tip.publishedAt === undefined ? {} : { publishedAt: tip.publishedAt }),
    updatedAt: tip.updatedAt,
    ...by(names, tip.updatedBy, "updatedBy"),
  };
}

/** Newest first, each with the fields its resulting text (draft, else published) changed. */
export function toVersionViews(
  versions: readonly TipVersion[],
  names: AccountNames,
): TipVersionView[] {
  return versions.map((version, index) => {
    const previous = versions[index + 1];
    return {
      version: version.version,
      action: version.action,
      at: version.at,
      ...by(names, version.userId, "by"),
      changes: tipChanges(
        previous ? (previous.draft ?? previous.published) : null,
        version.draft ?? version.published,
      ),
    };
  });
}
