import type { Tip } from "../../api/contract/tip.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { EventCounter } from "../shared/event-counter.ts";
import type { PanelView } from "../shared/types.ts";
import { Hotspot } from "./Hotspot.tsx";
import type { Place } from "./place.ts";
import { TipPopover } from "./TipPopover.tsx";

/** An anchored tip whose element is on the page. */
export interface AnchoredItem {
  tip: Tip;
  target: Element;
}

export interface AnchorsProps {
  items: readonly AnchoredItem[];
  onView(tipId: string): void;
  onDismiss(item: AnchoredItem): void;
  /** Opens the panel (on a tip, or on the contact form). */
  onOpen(view: PanelView): void;
  counter: EventCounter;
  place: Place;
}

const POPOVER_ID = "snu-aide-astuce-ancree";

/** The hotspots of the page and the one popover open at a time. */
export function Anchors({ items, ...props }: AnchorsProps) {
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // A popover whose element left the page (navigation, a re-render) closes for good: it must not reopen
  // by itself, and take the focus, when the element comes back.
  const open = items.find((item) => item.tip.id === openId);
  const hotspot = open && buttons.current.get(open.tip.id);
  useEffect(() => {
    if (openId && !open) setOpenId(undefined);
  }, [openId, open]);

  const close = () => {
    setOpenId(undefined);
    if (openId) buttons.current.get(openId)?.focus();
  };

  return (
    <>
      {items.map(({ tip, target }) => (
        <Hotspot
          key={tip.id}
          tip={tip}
          target={target}
          expanded={tip.id === openId}
          popoverId={POPOVER_ID}
          place={props.place}
          buttonRef={(button) => {
            if (button) buttons.current.set(tip.id, button);
            else buttons.current.delete(tip.id);
          }}
          onToggle={() => {
            if (tip.id === openId) return close();
            setOpenId(tip.id);
            props.onView(tip.id);
          }}
        />
      ))}
      {open && hotspot && (
        <TipPopover
          key={open.tip.id}
          id={POPOVER_ID}
          tip={open.tip}
          hotspot={hotspot}
          place={props.place}
          counter={props.counter}
          onClose={close}
          onDismiss={() => {
            setOpenId(undefined);
            props.onDismiss(open);
          }}
          onOpen={(view) => {
            setOpenId(undefined);
            props.onOpen(view);
          }}
        />
      )}
    </>
  );
}
