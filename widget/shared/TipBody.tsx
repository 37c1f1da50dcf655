import type { Tip, TipBlock, TipInline } from "../../api/contract/tip.ts";
import { NewTabLink } from "./NewTabLink.tsx";

/** A tip's body and its knowledge-base link, as the panel and the anchored popover show them. */
export function TipContent({ tip }: { tip: Tip }) {
  return (
    <>
      <TipBody blocks={tip.body} />
      {tip.link && /^https:\/\//.test(tip.link) && (
        <p>
          <NewTabLink href={tip.link} more={` : ${tip.title}`}>
            Lire l'article complet
          </NewTabLink>
        </p>
      )}
    </>
  );
}

/** Renders a tip's node tree as elements: text is always text, links are https only. */
export function TipBody({ blocks }: { blocks: readonly TipBlock[] }) {
  return (
    <>
      {blocks.map((block, i) => {
        if (block.type === "p")
          return (
            <p key={i}>
              <Inlines nodes={block.children} />
            </p>
          );
        // Only these two names: a tampered type never becomes another element.
        const List = block.type === "ul" ? "ul" : "ol";
        return (
          <List key={i}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Inlines nodes={item} />
              </li>
            ))}
          </List>
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
  // The server only sends https links; checked again so a tampered answer cannot inject `javascript:`.
  if (!/^https:\/\//.test(node.href)) return children;
  return <NewTabLink href={node.href}>{children}</NewTabLink>;
}
