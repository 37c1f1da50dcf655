import type { Tip } from "../../api/contract/tip.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import { Hotspot } from "./Hotspot.tsx";
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
  onMore(tipId: string): void;
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
          onClose={close}
          onDismiss={() => {
            setOpenId(undefined);
            props.onDismiss(open);
          }}
          onMore={() => {
            setOpenId(undefined);
            props.onMore(open.tip.id);
          }}
        />
      )}
    </>
  );
}
