import type { Tip } from "../../api/contract/tip.ts";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import type { EventCounter } from "../shared/event-counter.ts";
import { TipContent } from "../shared/TipBody.tsx";
import { TipVote } from "../shared/TipVote.tsx";
import type { PanelView } from "../shared/types.ts";
import type { Place } from "./place.ts";

export interface TipPopoverProps {
  id: string;
  tip: Tip;
  hotspot: HTMLElement;
  place: Place;
  counter: EventCounter;
  onClose(): void;
  onDismiss(): void;
  /** Opens the panel: on this tip (« Plus d'aide »), or on the contact form after a « Non ». */
  onOpen(view: PanelView): void;
}

/**
 * The tip of a hotspot, in a non-modal dialog next to it: the page stays usable. Focus moves to its title;
 * Escape or « Fermer » close it and the focus goes back to the hotspot (the parent does that).
 */
export function TipPopover({
  id,
  tip,
  hotspot,
  place,
  counter,
  ...props
}: TipPopoverProps) {
  const popover = useRef<HTMLDivElement>(null);
  const arrow = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const text = useRef<HTMLDivElement>(null);
  const placement = tip.anchor?.placement;
  useLayoutEffect(
    () =>
      place.placePopover(
        hotspot,
        popover.current!,
        arrow.current!,
        text.current!,
        placement,
      ),
    [hotspot, placement],
  );
  useEffect(() => title.current?.focus(), []);
  return (
    <div
      ref={popover}
      id={id}
      class="popover"
      role="dialog"
      aria-labelledby={`${id}-titre`}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        props.onClose();
      }}
    >
      <div ref={arrow} class="arrow" aria-hidden="true" />
      <div class="header">
        <h2 id={`${id}-titre`} ref={title} tabIndex={-1}>
          {tip.title}
        </h2>
        <button type="button" class="close" onClick={props.onClose}>
          Fermer
        </button>
      </div>
      {/* Only the text scrolls: the title and the buttons stay in view. Named after the tip: while it
          scrolls, it is a stop of the tab order (place.ts), and a screen reader says what has the focus. */}
      <div
        ref={text}
        class="popover-body"
        role="region"
        aria-labelledby={`${id}-titre`}
      >
        <TipContent tip={tip} />
        <TipVote
          tip={tip.id}
          counter={counter}
          onContact={() => props.onOpen("contact")}
        />
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={props.onDismiss}>
          Compris
        </button>
        <button
          type="button"
          class="button secondary"
          onClick={() => props.onOpen({ tip: tip.id })}
        >
          Plus d'aide
        </button>
      </div>
    </div>
  );
}
