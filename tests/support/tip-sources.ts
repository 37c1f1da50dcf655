import type { TipSource } from "../../api/contract/tip-source.ts";
import type { TipInline } from "../../api/contract/tip.ts";
import type { TipRecord } from "../../api/contract/tip-source.ts";

/** A valid tip source (moncompte, /phase1); override any field. */
export function makeTipSource(
  overrides: Partial<TipSource> & Pick<TipSource, "id">,
): TipSource {
  return {
    platform: "moncompte",
    routes: ["/phase1"],
    params: {},
    roles: [],
    statuses: [],
    title: `Astuce ${overrides.id}`,
    markdown: "Texte de l'astuce.",
    priority: 0,
    ...overrides,
  };
}

/**
 * The source a compiled test record came from: its body written back as Markdown of the subset, so
 * tests that describe tips as records can seed the database (createTestApp({tips})).
 */
export function sourceOfRecord(record: TipRecord): TipSource {
  const { body, ...rest } = record;
  const inline = (nodes: TipInline[]): string =>
    nodes
      .map((node) => {
        if (typeof node === "string")
          return node.replace(/[\\*_[\]<`]/g, (c) => `\\${c}`);
        const text = inline(node.children);
        if (node.type === "a") return `[${text}](${node.href})`;
        return node.type === "em" ? `*${text}*` : `**${text}**`;
      })
      .join("");
  const markdown = body
    .map((block) =>
      block.type === "p"
        ? inline(block.children)
        : block.items
            .map(
              (item, i) =>
                `${block.type === "ul" ? "-" : `${i + 1}.`} ${inline(item)}`,
            )
            .join("\n"),
    )
    .join("\n\n");
  return { ...rest, markdown };
}
