// Issue 13: the rules of the widget's anonymous counters, without zod, so that the widget applies the very
// rules the server checks (widget-events.ts builds its schema on them) without bringing zod into a page.

/** A batch: at most 50 lines, each counting up to 50 identical events, in at most 8 KB. */
export const MAX_EVENT_BATCH_BYTES = 8 * 1024;
export const MAX_EVENT_LINES = 50;
export const MAX_EVENT_COUNT = 50;
/** Search terms are kept short; longer ones are cut by the widget before sending. */
export const SEARCH_TERM_MAX = 60;

/**
 * A search term the widget may send: trimmed, lower case, single spaces, at most 60 characters, and never a
 * digit or an « @ » of any script or width (`１２３`, `١٢٣`, `＠` included: compatibility forms are folded
 * first) — a number or an address may be personal data: such terms are not counted at all.
 */
export function countableTerm(raw: string): string | undefined {
  const term = raw.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
  if (!term || /[\p{Nd}@]/u.test(term)) return undefined;
  return term.slice(0, SEARCH_TERM_MAX).trim();
}
