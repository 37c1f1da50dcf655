import type { Tip, TipBlock, TipInline } from "../../api/contract/tip.ts";
import { countableTerm } from "../../api/contract/widget-event-rules.ts";

/** The user stopped typing: a search still without result is then counted (issue 13). */
export const EMPTY_SEARCH_DELAY_MS = 1_000;

/** Lowercase without accents, so « sejour » finds « séjour ». */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

function inlineText(node: TipInline): string {
  return typeof node === "string"
    ? node
    : node.children.map(inlineText).join("");
}

function blockText(block: TipBlock): string {
  return block.type === "p"
    ? block.children.map(inlineText).join("")
    : block.items.map((item) => item.map(inlineText).join("")).join(" ");
}

/** Tips whose title or body contain every word of the query; title matches first. */
export function searchTips(tips: readonly Tip[], query: string): Tip[] {
  const words = normalizeText(query)
    .split(/\s+/)
    .filter((word) => word.length > 1);
  if (words.length === 0) return [];
  const scored = tips.flatMap((tip) => {
    const title = normalizeText(tip.title);
    const text = `${title} ${normalizeText(tip.body.map(blockText).join(" "))}`;
    if (!words.every((word) => text.includes(word))) return [];
    return [
      { tip, score: words.filter((word) => title.includes(word)).length },
    ];
  });
  return scored.sort((a, b) => b.score - a.score).map(({ tip }) => tip);
}

/**
 * Counts the searches without result (`search_empty`): once the user stopped typing for a second, or left
 * the field; once per term in a row (after clearing the field, the same term counts again); never a term
 * with a digit or an « @ » (countableTerm). In this chunk: only a search can need it.
 */
export function emptySearches(
  count: (term: string) => void,
  timers: Pick<Window, "setTimeout" | "clearTimeout"> = window,
) {
  let last: string | undefined;
  let term: string | undefined;
  const left = () => {
    if (term && term !== last) count((last = term));
  };
  return {
    /** After each change of the query or its results; returns the cleanup of its timer. */
    typed(query: string, found: number | undefined) {
      if (!query.trim()) last = undefined;
      term = found === 0 ? countableTerm(query) : undefined;
      const timer = timers.setTimeout(left, EMPTY_SEARCH_DELAY_MS);
      return () => timers.clearTimeout(timer);
    },
    left,
  };
}
