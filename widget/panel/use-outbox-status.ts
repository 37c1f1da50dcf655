import { useEffect, useLayoutEffect, useState } from "preact/hooks";
import type { Outbox } from "./outbox.ts";
import type { SettledListeners } from "./sender.ts";
import { watchOutbox } from "./watch-outbox.ts";

/**
 * Whether a submission waits in the outbox — from this tab, another one, or before a reload —, so that
 * the form stays closed until it is acknowledged or refused. Storage is read at mount, at each opening of
 * the panel and when it may have changed (watch-outbox.ts: a sender of this page settled a submission,
 * another tab wrote storage), never on a keystroke; `recheck` reads it again now.
 */
export function useOutboxStatus(
  outbox: Outbox,
  listeners: SettledListeners,
  win: Window,
  open: boolean,
) {
  const read = () => !!outbox.pending();
  const [waiting, setWaiting] = useState(read);
  const recheck = () => setWaiting(read());
  // A layout effect: known before the panel gives the focus to the form's first field (App.tsx), which
  // must not be one about to go.
  useLayoutEffect(recheck, [open]);
  useEffect(() => watchOutbox(listeners, win, recheck), []);
  return [waiting, recheck] as const;
}
