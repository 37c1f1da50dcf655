import {
  InvalidCursorError,
  InvalidDateError,
  InvalidSearchError,
  InvalidTagsError,
} from "./support-errors.ts";
import type { Scope, SupportRole } from "./support-types.ts";

// Rules both support stores share, so that they behave the same (runSupportStoreContract checks it).

/** Inbox page size: default, and the bounds a requested limit is clamped to. */
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;
/**
 * A text search examines at most this many newest text matches per call, counted within the caller's scope
 * and before the other filters: a common word can match half of a million requests, and reading them all
 * takes half a second (BUDGETS.md: ≤ 100 ms). A list page then may hold fewer rows than asked, with a cursor
 * to search further back; counts are then « at least » (`complete: false`). Counting only matches in the
 * scope keeps a referent's answers (counts, « at least », cursors) free of other départements' data (issue 11).
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
 * A search needs at most this many words once repeated and implied ones are dropped (`searchTerms`): each
 * word is one more doclist FTS5 reads whole, so a query of many words costs that many searches (issue 11).
 * More is refused (400), never cut silently: the results would not hold every word typed.
 */
export const SEARCH_MAX_WORDS = 8;

/**
 * Words shorter than this match whole words only: a one- or two-letter prefix expands to a large part of
 * the vocabulary, and FTS5 merges the doclist of every expansion (a single `"co"*` reads ≈ 0.3 s at 1 M
 * requests, against ≈ 35 ms for a common whole word).
 */
const MIN_PREFIX_LENGTH = 3;

/** Whether a search word must match a whole word rather than a word's beginning. */
export const isWholeWord = (word: string) =>
  Array.from(word).length < MIN_PREFIX_LENGTH;

/**
 * The words a search needs, folded, in the order typed: a repeated word counts once, and a prefix is
 * dropped when another word begins with it (« sej sejour »: a word beginning with « sejour » begins with
 * « sej »). A whole word (`isWholeWord`) is never implied by a longer one and stays.
 */
export function searchTerms(q: string): string[] {
  const words = [...new Set(searchWords(q))];
  return words.filter(
    (word) =>
      isWholeWord(word) ||
      !words.some((other) => other !== word && other.startsWith(word)),
  );
}

/** `searchTerms`, refused with `InvalidSearchError` past `SEARCH_MAX_WORDS`. */
export function requiredSearchTerms(q: string): string[] {
  const terms = searchTerms(q);
  if (terms.length > SEARCH_MAX_WORDS) throw new InvalidSearchError();
  return terms;
}

/**
 * A safe FTS5 query: all words of `requiredSearchTerms` required, each a quoted prefix term
 * (`"sejour"* "annul"*`) or, for a short word, a whole word (`"a"`). No word → undefined (no text filter).
 */
export function toFtsQuery(q: string): string | undefined {
  const words = requiredSearchTerms(q);
  return words.length
    ? words
        .map((word) => (isWholeWord(word) ? `"${word}"` : `"${word}"*`))
        .join(" ")
    : undefined;
}

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

/** What an account may see: everything for admins and agents, its départements for a referent. */
export function scopeOfAccount(account: {
  role: SupportRole;
  departments: readonly string[];
}): Scope {
  return account.role === "referent"
    ? { kind: "departments", departments: account.departments }
    : { kind: "all" };
}

/** Whether a scope covers a request of this département: referents never see one without a département. */
export function scopeCovers(
  scope: Scope,
  department: string | null | undefined,
): boolean {
  return (
    scope.kind === "all" ||
    (department != null && scope.departments.includes(department))
  );
}
