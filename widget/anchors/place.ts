import {
  arrow,
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
  return autoUpdate(reference, hotspot, update);
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
      middleware: [
        offset(10),
        flip(),
        shift({ padding: 8 }),
        arrow({ element: arrowElement, padding: 8 }),
      ],
    }).then(({ x, y, placement: final, middlewareData }) => {
      Object.assign(popover.style, { left: px(x), top: px(y) });
      const side = FACING[final.split("-")[0] as keyof typeof FACING];
      const { x: ax, y: ay } = middlewareData.arrow!;
      arrowElement.style.cssText = "";
      Object.assign(arrowElement.style, {
        left: ax == null ? "" : px(ax),
        top: ay == null ? "" : px(ay),
        [side]: "-6px",
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
