import {
  autoUpdate,
  computePosition,
  flip,
  getOverflowAncestors,
  offset,
  shift,
  type Placement,
} from "@floating-ui/dom";

const px = (value: number) => `${Math.round(value)}px`;

/**
 * Keeps a hotspot next to the element it explains, on the side the tip asks for (else the right), flipping
 * and shifting to stay in view. It is hidden whenever it would float over nothing (the element is scrolled
 * away, clipped or gone) or would cover the element itself. Follows scroll, resize and layout changes while
 * shown; returns the cleanup that stops following.
 */
export function placeHotspot(
  reference: Element,
  hotspot: HTMLElement,
  placement: Placement = "right",
): () => void {
  const update = () =>
    void computePosition(reference, hotspot, {
      strategy: "fixed",
      placement,
      middleware: [
        offset(6),
        flip({ fallbackPlacements: ["left", "bottom", "top"] }),
        shift({ padding: 4 }),
      ],
    }).then(({ x, y }) => {
      const r = reference.getBoundingClientRect();
      const covers =
        r.left < x + hotspot.offsetWidth &&
        x < r.right &&
        r.top < y + hotspot.offsetHeight &&
        y < r.bottom;
      // Out of the viewport, or scrolled away inside a scrolling container (the ancestors autoUpdate
      // already follows): the element is not on screen, so neither is its hotspot.
      const outOfView = getOverflowAncestors(reference).some((ancestor) => {
        const c =
          ancestor instanceof Element
            ? ancestor.getBoundingClientRect()
            : { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
        return (
          r.bottom <= c.top ||
          r.top >= c.bottom ||
          r.right <= c.left ||
          r.left >= c.right
        );
      });
      Object.assign(hotspot.style, {
        left: px(x),
        top: px(y),
        visibility:
          covers || outOfView || !reference.isConnected ? "hidden" : "visible",
      });
    });
  // autoUpdate computes at once, again on its ResizeObserver's first report, and once more when it
  // observes the hotspot anew (a guard for floating-ui's `size` middleware, not used here): three times
  // the same position per hotspot at load (issue 14). Here one ResizeObserver places it: its first
  // report comes after the frame's layout and before its paint, in a task of its own rather than the
  // one that rendered the hotspots; then it follows both sizes, and autoUpdate scroll, resize and moves.
  let observing = false;
  const stop = autoUpdate(reference, hotspot, () => observing && update(), {
    elementResize: false,
  });
  observing = true;
  const sizes = new ResizeObserver(update);
  sizes.observe(reference);
  sizes.observe(hotspot);
  return () => {
    stop();
    sizes.disconnect();
  };
}

// The popover's side facing the hotspot, where its arrow sticks out.
const FACING = { top: "bottom", right: "left", bottom: "top", left: "right" };

/** Keeps a tip's popover by its hotspot, the arrow pointing at it. Returns the cleanup. */
export function placePopover(
  hotspot: HTMLElement,
  popover: HTMLElement,
  arrowElement: HTMLElement,
  placement: Placement = "bottom",
): () => void {
  const update = () =>
    void computePosition(hotspot, popover, {
      strategy: "fixed",
      placement,
      middleware: [offset(10), flip(), shift({ padding: 8 })],
    }).then(({ x, y, placement: final }) => {
      Object.assign(popover.style, { left: px(x), top: px(y) });
      const side = final.split("-")[0] as keyof typeof FACING;
      // The arrow (anchors.css: a 12px square turned 45°) points at the hotspot's centre, 8px at least
      // from the popover's corners, as floating-ui's `arrow` middleware placed it for the four sides
      // (the only placements a tip has): written here, 295 B gzip less on the page (issue 14).
      const across = side === "top" || side === "bottom";
      const h = hotspot.getBoundingClientRect();
      const centre = across ? h.x + h.width / 2 - x : h.y + h.height / 2 - y;
      const room = across ? popover.clientWidth : popover.clientHeight;
      arrowElement.style.cssText = "";
      Object.assign(arrowElement.style, {
        [across ? "left" : "top"]: px(
          Math.max(8, Math.min(centre - 6, room - 20)),
        ),
        [FACING[side]]: "-6px",
      });
    });
  return autoUpdate(hotspot, popover, update);
}

/**
 * How the hotspots and their popover are placed: this module, handed down by the chunk's entry (index.ts),
 * so that the code using it can share the panel's chunk without bringing floating-ui there.
 */
export interface Place {
  placeHotspot: typeof placeHotspot;
  placePopover: typeof placePopover;
}
