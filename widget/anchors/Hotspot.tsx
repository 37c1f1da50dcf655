import type { Tip } from "../../api/contract/tip.ts";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { Place } from "./place.ts";

export interface HotspotProps {
  tip: Tip;
  target: Element;
  expanded: boolean;
  popoverId: string;
  place: Place;
  onToggle(): void;
  /** Hands the button to the parent, which gives it the focus back when the popover closes. */
  buttonRef(button: HTMLButtonElement | null): void;
}

/** The small « ? » button next to an element of the host page, named after its tip. */
export function Hotspot(props: HotspotProps) {
  const { tip, target, expanded } = props;
  const ref = useRef<HTMLButtonElement | null>(null);
  const placement = tip.anchor?.placement;
  // Positioned only while it exists: the cleanup stops following scroll, resize and layout changes.
  useLayoutEffect(
    () => props.place.placeHotspot(target, ref.current!, placement),
    [target, placement],
  );
  return (
    <button
      ref={(button) => {
        ref.current = button;
        props.buttonRef(button);
      }}
      type="button"
      class="hotspot"
      aria-label={`Astuce : ${tip.title}`}
      aria-expanded={expanded ? "true" : "false"}
      aria-controls={expanded ? props.popoverId : undefined}
      onClick={props.onToggle}
      onKeyDown={(event) => {
        if (event.key === "Escape" && expanded) props.onToggle();
      }}
    >
      <span aria-hidden="true">?</span>
    </button>
  );
}
