import type { TipAnchor } from "../../api/contract/tip.ts";

/** At most this many candidates are read for a text match: a broad selector must not cost a long task. */
const MAX_CANDIDATES = 50;

const normalise = (text: string) =>
  text.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * The element of the host page an anchored tip explains: the first one the selector matches that is
 * rendered (has a box) and, when the tip names a text, whose text contains it (spaces and case ignored).
 * Undefined when there is none — including when the selector is not valid CSS, which is a broken anchor too.
 */
export function resolveTarget(
  doc: Document,
  anchor: TipAnchor,
): Element | undefined {
  let candidates: NodeListOf<Element>;
  try {
    candidates = doc.querySelectorAll(anchor.selector);
  } catch {
    return undefined;
  }
  const text = anchor.text ? normalise(anchor.text) : "";
  const count = Math.min(candidates.length, MAX_CANDIDATES);
  for (let i = 0; i < count; i++) {
    const element = candidates[i]!;
    if (element.getClientRects().length === 0) continue;
    if (text && !normalise(element.textContent ?? "").includes(text)) continue;
    return element;
  }
  return undefined;
}
