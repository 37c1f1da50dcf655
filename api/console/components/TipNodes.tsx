import type { TipBlock, TipInline } from "../../contract/tip.ts";

/**
 * A tip body's node tree as elements, like the widget shows it: text stays text, links are https only.
 * The console's own copy (the console never imports widget code).
 */
export function TipNodes({ blocks }: { blocks: readonly TipBlock[] }) {
  return (
    <>
      {blocks.map((block, i) => {
        if (block.type === "p")
          return (
            <p key={i}>
              <Inlines nodes={block.children} />
            </p>
          );
        const items = block.items.map((item, j) => (
          <li key={j}>
            <Inlines nodes={item} />
          </li>
        ));
        return block.type === "ul" ? (
          <ul key={i}>{items}</ul>
        ) : (
          <ol key={i}>{items}</ol>
        );
      })}
    </>
  );
}

function Inlines({ nodes }: { nodes: readonly TipInline[] }) {
  return (
    <>
      {nodes.map((node, i) => (
        <Inline key={i} node={node} />
      ))}
    </>
  );
}

function Inline({ node }: { node: TipInline }) {
  if (typeof node === "string") return <>{node}</>;
  const children = <Inlines nodes={node.children} />;
  if (node.type === "em") return <em>{children}</em>;
  if (node.type === "strong") return <strong>{children}</strong>;
  // Checked again here: an answer claiming `javascript:` must not become a link.
  if (node.type !== "a" || !/^https:\/\//.test(node.href)) return children;
  return (
    <a href={node.href} target="_blank" rel="noopener noreferrer">
      {children}
      <span class="sr-only"> (nouvelle fenêtre)</span>
    </a>
  );
}
