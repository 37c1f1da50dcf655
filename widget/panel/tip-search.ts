import type { Tip, TipBlock, TipInline } from "../../api/contract/tip.ts";

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
