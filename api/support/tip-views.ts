import type {
  TipState,
  TipSummary,
  TipVersionView,
  TipView,
} from "../contract/support-tips.ts";
import type { TipSource } from "../contract/tip-source.ts";
import { tipChanges } from "../contract/tip-changes.ts";
import type { StoredTip, TipVersion } from "../store/tip-types.ts";

// The stored tips as the console's tips endpoints answer them (the contract's api/contract/support-tips.ts).
// Accounts appear by display name only.

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
