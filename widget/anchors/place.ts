import {
  autoUpdate,
  computePosition,
  flip,
  getOverflowAncestors,
  offset,
  shift,
  type Middleware,
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
type Side = keyof typeof FACING;
const sideOf = (placement: Placement) => placement.split("-")[0] as Side;

/** The popover's tallest: a longer tip scrolls inside it, its text then a stop of the tab order (below). */
const MAX_HEIGHT = 440;
/** With less room than this beside its hotspot (a short or zoomed screen), the text would show in a slit. */
const MIN_ROOM = 240;
const GAP = 10;

/**
 * Sizes the popover to stay whole on screen (issue 16): a fixed box that overflows the screen cannot be
 * scrolled to, and its title was out of reach (above the top at 900 × 700 on the admin case file). Its
 * height is the room on its side of the hotspot (the side `flip` chose), or the screen's when that room is
 * too small: `shift` then moves it onto the screen, over the hotspot. What floating-ui's `size` does,
 * without its general cases.
 */
const fitOnScreen: Middleware = {
  name: "fit",
  async fn(state) {
    const { y, elements, rects } = state;
    const { reference: r, floating: f } = rects;
    const overflow = await state.platform.detectOverflow(state, { padding: 8 });
    // The screen's edges (less the padding), where the popover stands now.
    const top = y + overflow.top;
    const bottom = y + f.height - overflow.bottom;
    const side = sideOf(state.placement);
    const room =
      side == "top"
        ? r.y - GAP - top
        : side == "bottom"
          ? bottom - r.y - r.height - GAP
          : bottom - top;
    const maxHeight = px(
      Math.min(MAX_HEIGHT, room < MIN_ROOM ? bottom - top : room),
    );
    if (elements.floating.style.maxHeight == maxHeight) return {};
    elements.floating.style.maxHeight = maxHeight;
    // Measured and placed again, with that height (`flip` may then choose another side).
    return { reset: { rects: true } };
  },
};

/**
 * Keeps a tip's popover by its hotspot and on screen, the arrow pointing at it, its text reachable by
 * keyboard when it scrolls. Returns the cleanup.
 */
export function placePopover(
  hotspot: HTMLElement,
  popover: HTMLElement,
  arrowElement: HTMLElement,
  /** The part that scrolls when the popover's height is capped. */
  text: HTMLElement,
  placement: Placement = "bottom",
): () => void {
  const update = () =>
    void computePosition(hotspot, popover, {
      strategy: "fixed",
      placement,
      // `crossAxis`: onto the screen over the hotspot, when there is no room beside it (fitOnScreen).
      middleware: [
        offset(GAP),
        flip(),
        shift({ padding: 8, crossAxis: true }),
        fitOnScreen,
      ],
    }).then(({ x, y, placement: final }) => {
      Object.assign(popover.style, { left: px(x), top: px(y) });
      // A text that scrolls is a stop of the tab order, so that the keyboard can scroll it (RGAA 7.3; its
      // buttons may be out of it, or come only at its end); one that does not is no extra stop. Decided
      // here, where its height is capped and where every change of the popover's size comes.
      text.tabIndex = text.scrollHeight > text.clientHeight ? 0 : -1;
      const side = sideOf(final);
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
