import { canonicalTipSource, type TipSource } from "../contract/tip-source.ts";
import type {
  StoredTip,
  TipAction,
  TipChange,
  TipRefusal,
  TipVersion,
} from "./tip-types.ts";

// The tip workflow, shared by both stores so that they behave the same (runTipStoreContract checks it).

type TipTexts = Pick<StoredTip, "draft" | "published" | "publishedAt">;

/** The tip's texts after a change, or why the change does not apply. `target` is version `to` of a revert. */
export function applyTipChange(
  tip: StoredTip,
  change: TipChange,
  now: Date,
  target?: TipVersion,
): TipTexts | { refusal: TipRefusal } {
  const kept = {
    published: tip.published,
    ...(tip.publishedAt === undefined ? {} : { publishedAt: tip.publishedAt }),
  };
  switch (change.action) {
    case "edit":
      if (
        change.source.id !== tip.id ||
        change.source.platform !== tip.platform
      )
        return { refusal: "source_mismatch" };
      return { ...kept, draft: canonicalTipSource(change.source) };
    case "publish":
      if (!tip.draft) return { refusal: "no_draft" };
      return {
        draft: null,
        published: tip.draft,
        publishedAt: now.toISOString(),
      };
    case "unpublish":
      // The text is not lost: it becomes the draft when there is none.
      if (!tip.published) return { refusal: "not_published" };
      return { ...kept, draft: tip.draft ?? tip.published, published: null };
    case "discard":
      if (!tip.draft) return { refusal: "no_draft" };
      // A never-published tip would be left with no text at all: it keeps its draft (unpublish instead).
      if (!tip.published) return { refusal: "never_published" };
      return { ...kept, draft: null };
    case "revert": {
      const source = target && (target.draft ?? target.published);
      if (!source) return { refusal: "unknown_version" };
      return { ...kept, draft: source };
    }
  }
}

/** The stored tip after a change by `actorId` (undefined: an import). */
export function nextTip(
  tip: Pick<StoredTip, "id" | "platform"> & { version: number },
  texts: TipTexts,
  actorId: number | undefined,
  now: Date,
): StoredTip {
  return {
    id: tip.id,
    platform: tip.platform,
    draft: texts.draft,
    published: texts.published,
    version: tip.version + 1,
    ...(texts.publishedAt === undefined
      ? {}
      : { publishedAt: texts.publishedAt }),
    updatedAt: now.toISOString(),
    ...(actorId === undefined ? {} : { updatedBy: actorId }),
  };
}

/** A tip created in the console: a draft only, nothing public. */
export function createdTip(
  source: TipSource,
  actorId: number,
  now: Date,
): StoredTip {
  return nextTip(
    { id: source.id, platform: source.platform, version: 0 },
    { draft: canonicalTipSource(source), published: null },
    actorId,
    now,
  );
}

/** The history row a change writes: the state right after it. */
export function versionOf(tip: StoredTip, action: TipAction): TipVersion {
  return {
    version: tip.version,
    at: tip.updatedAt,
    ...(tip.updatedBy === undefined ? {} : { userId: tip.updatedBy }),
    action,
    draft: tip.draft,
    published: tip.published,
  };
}

/**
 * What importing a repo file does to a tip: created when new, its published text replaced when different
 * (an editor's draft is kept), nothing when identical.
 */
export function importedTip(
  existing: StoredTip | undefined,
  file: TipSource,
  now: Date,
): StoredTip | undefined {
  const source = canonicalTipSource(file);
  if (existing && sameSource(existing.published, source)) return undefined;
  const published = { published: source, publishedAt: now.toISOString() };
  return existing
    ? nextTip(
        { ...existing, platform: source.platform },
        { ...published, draft: existing.draft },
        undefined,
        now,
      )
    : nextTip(
        { id: source.id, platform: source.platform, version: 0 },
        { ...published, draft: null },
        undefined,
        now,
      );
}

/** Whether two sources say the same thing (compared in canonical form). */
export function sameSource(a: TipSource | null, b: TipSource | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    JSON.stringify(canonicalTipSource(a)) ===
    JSON.stringify(canonicalTipSource(b))
  );
}
