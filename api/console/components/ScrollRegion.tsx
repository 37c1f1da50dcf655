import type { ComponentChildren } from "preact";

/**
 * The box a wide table scrolls in on a narrow screen, so that the page itself never scrolls sideways (RGAA
 * 10.11). For a table with no link or button inside, the keyboard would have nothing to scroll it with: the
 * box takes the focus itself (Tab, then the arrow keys) and is a region named by the table's caption.
 */
export function ScrollRegion(props: {
  /** The id of the table's caption. */
  labelledBy: string;
  children: ComponentChildren;
}) {
  return (
    <div
      class="table-wrap"
      role="region"
      tabIndex={0}
      aria-labelledby={props.labelledBy}
    >
      {props.children}
    </div>
  );
}
