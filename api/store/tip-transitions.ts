import { canonicalTipSource, type TipSource } from "../contract/tip-source.ts";
import type {
  StoredTip,
  TipAction,
  TipChange,
  TipChangeResult,
  TipImportCounts,
  TipRefusal,
  TipVersion,
} from "./tip-types.ts";

// The tip workflow, shared by both stores so that they behave the same (runTipStoreContract checks it):
// each store only reads and writes rows, inside its transaction.

/** An import refused as a whole (nothing is written); the message names the tip and its file. */
export class TipImportError extends Error {
  constructor(
    readonly tipId: string,
    message: string,
  ) {
    super(message);
    this.name = "TipImportError";
  }
}

/** Whether an action changes what the public API serves: only these move the catalog's stamp. */
export function changesCatalog(action: TipAction): boolean {
  return action === "publish" || action === "unpublish" || action === "import";
}

/**
 * What a change does to the tip as stored (`current`, undefined when unknown): the tip to write, or why
 * not. `findVersion` reads version `to` of a revert.
 */
export function planTipChange(
  current: StoredTip | undefined,
  expectedVersion: number,
  change: TipChange,
  actorId: number,
  now: Date,
  findVersion: (to: number) => TipVersion | undefined,
): TipChangeResult {
  if (!current) return { ok: false, reason: "not_found" };
  if (current.version !== expectedVersion)
    return { ok: false, reason: "conflict", current };
  const target =
    change.action === "revert" ? findVersion(change.to) : undefined;
  const texts = applyTipChange(current, change, now, target);
  if ("refusal" in texts)
    return { ok: false, reason: "refused", refusal: texts.refusal, current };
  return { ok: true, tip: nextTip(current, texts, actorId, now) };
}

/**
 * What importing the repo files does, decided before anything is written: the tips to write (action
 * `import`) and the counts. A tip withdrawn in the console stays withdrawn — the files are not a reason to
 * bring it back. Throws TipImportError when a file would move a tip to another platform.
 */
export function planTipImport(
  sources: readonly TipSource[],
  find: (id: string) => StoredTip | undefined,
  now: Date,
): { writes: StoredTip[]; counts: TipImportCounts } {
  const writes: StoredTip[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, withdrawn: 0 };
  for (const source of sources) {
    const existing = find(source.id);
    if (existing && existing.platform !== source.platform)
      throw new TipImportError(
        source.id,
        `${source.platform}/${source.id}.md : l'astuce « ${source.id} » est sur ${existing.platform} dans la base ; une astuce ne change pas de plateforme (donnez un autre identifiant au fichier). Rien n'a été importé.`,
      );
    if (existing && isWithdrawn(existing)) {
      counts.withdrawn++;
      continue;
    }
    const tip = importedTip(existing, source, now);
    if (!tip) counts.unchanged++;
    else {
      writes.push(tip);
      counts[existing ? "updated" : "created"]++;
    }
  }
  return { writes, counts };
}

// Published once, then unpublished in the console (it keeps the date of its last publication).
const isWithdrawn = (tip: StoredTip) =>
  tip.published === null && tip.publishedAt !== undefined;

type TipTexts = Pick<StoredTip, "draft" | "published" | "publishedAt">;

/** The tip's texts after a change, or why the change does not apply. `target` is version `to` of a revert. */
function applyTipChange(
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
function nextTip(
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
 * What importing a repo file does to a tip of the same platform: created when new, its published text
 * replaced when different (an editor's draft is kept), nothing when identical.
 */
function importedTip(
  existing: StoredTip | undefined,
  file: TipSource,
  now: Date,
): StoredTip | undefined {
  const source = canonicalTipSource(file);
  if (existing && sameSource(existing.published, source)) return undefined;
  const published = { published: source, publishedAt: now.toISOString() };
  return existing
    ? nextTip(existing, { ...published, draft: existing.draft }, undefined, now)
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
