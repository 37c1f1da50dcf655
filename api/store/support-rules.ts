import {
  InvalidCursorError,
  InvalidDateError,
  InvalidTagsError,
} from "./support-errors.ts";

// Rules both support stores share, so that they behave the same (runSupportStoreContract checks it).

/** Inbox page size: default, and the bounds a requested limit is clamped to. */
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;
/**
 * A text search examines at most this many newest text matches per call (before the scope and the other
 * filters): a common word can match half of a million requests, and reading them all takes half a second
 * (BUDGETS.md: ≤ 100 ms). A list page then may hold fewer rows than asked, with a cursor to search further
 * back; counts are then « at least » (`complete: false`).
 */
export const TEXT_SCAN_LIMIT = 5_000;
/** Rows read per batch by `exportRequests` when the caller names no size. */
export const EXPORT_BATCH_DEFAULT = 500;
/** Length of `RequestSummary.excerpt`, in code points (what SQLite's `substr` counts on TEXT). */
export const EXCERPT_LENGTH = 160;
/** A request carries at most this many tags, each at most this long once trimmed. */
export const TAG_MAX_COUNT = 10;
export const TAG_MAX_LENGTH = 30;

/** Clamps a requested page size to 1..200; a missing or non-numeric one gives the default. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return LIST_LIMIT_DEFAULT;
  return Math.min(LIST_LIMIT_MAX, Math.max(1, Math.floor(limit)));
}

/** The opaque cursor after a request: base64url of its internal id. */
export function encodeCursor(id: number): string {
  return Buffer.from(String(id), "utf8").toString("base64url");
}

/** The id a cursor stands for; anything `encodeCursor` did not produce throws `InvalidCursorError`. */
export function parseCursor(cursor: string): number {
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) throw new InvalidCursorError();
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const id = Number(text);
  // Re-encoding must give the same text: Buffer decoding is lenient and would accept look-alikes.
  if (
    !/^[1-9][0-9]{0,15}$/.test(text) ||
    !Number.isSafeInteger(id) ||
    encodeCursor(id) !== cursor
  ) {
    throw new InvalidCursorError();
  }
  return id;
}

/**
 * Tags as stored: each trimmed with inner blanks collapsed, empty ones dropped, duplicates (ignoring case)
 * dropped keeping the first spelling, order kept. More than 10 tags or one longer than 30 characters
 * throws `InvalidTagsError` (the server never truncates).
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (!tag || seen.has(tag.toLowerCase())) continue;
    if (tag.length > TAG_MAX_LENGTH)
      throw new InvalidTagsError(
        `A tag is longer than ${TAG_MAX_LENGTH} characters`,
      );
    seen.add(tag.toLowerCase());
    result.push(tag);
  }
  if (result.length > TAG_MAX_COUNT)
    throw new InvalidTagsError(`More than ${TAG_MAX_COUNT} tags`);
  return result;
}

/** Lower case without accents (NFD, combining marks removed): « Séjour » → « sejour ». */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * The words of a search, folded. A word is a run of letters and digits, like a token of FTS5's unicode61
 * tokenizer, so every FTS operator and quote the user typed is dropped.
 */
export function searchWords(q: string): string[] {
  return foldText(q).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A safe FTS5 query: all words required, each a quoted prefix term (`"sejour"* "annul"*`), except a
 * one-letter word, matched whole (a one-letter prefix would expand to most of the vocabulary). No word →
 * undefined (no text filter).
 */
export function toFtsQuery(q: string): string | undefined {
  const words = searchWords(q);
  return words.length
    ? words
        .map((word) => (isWholeWord(word) ? `"${word}"` : `"${word}"*`))
        .join(" ")
    : undefined;
}

/** Whether a search word must match a whole word rather than a word's beginning. */
export const isWholeWord = (word: string) => Array.from(word).length < 2;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An ISO date (midnight UTC) or datetime with a zone, as the `toISOString()` text `created_at` is stored as,
 * so that comparing texts compares instants. Anything else (no zone, 30 February…) throws `InvalidDateError`.
 */
export function toInstant(value: string, field: string): string {
  const match = INSTANT.exec(value);
  if (!match) throw new InvalidDateError(field);
  const [y, mo, d, h = 0, mi = 0, s = 0] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  // Date.parse rolls 30 February over to March: the fields must read back unchanged.
  const fields = new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s));
  if (
    fields.getUTCFullYear() !== y ||
    fields.getUTCMonth() !== mo! - 1 ||
    fields.getUTCDate() !== d ||
    fields.getUTCHours() !== h ||
    fields.getUTCMinutes() !== mi
  ) {
    throw new InvalidDateError(field);
  }
  const time = Date.parse(
    match[4] === undefined ? `${value}T00:00:00Z` : value,
  );
  if (!Number.isFinite(time)) throw new InvalidDateError(field);
  return new Date(time).toISOString();
}

/** An assignment event's data: `{from?, to?}` account ids, a missing side meaning « unassigned ». */
export function assignmentData(
  from: number | null | undefined,
  to: number | null | undefined,
) {
  return { ...(from == null ? {} : { from }), ...(to == null ? {} : { to }) };
}
