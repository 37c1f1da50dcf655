import type { HostWindow, LoaderConfig, MountPanel } from "../shared/types.ts";
import { mountPanel } from "./mount.tsx";
import { senderFor, type SettledListeners } from "./sender.ts";

// One set per page, created here where the page's senders come from and handed to each: the sender the
// loader starts at boot for a submission left waiting and the panel's own may each settle it, and the open
// panel must hear of it whichever did (a change made in this tab fires no `storage` event here).
const settled: SettledListeners = new Set();

/** Mounts the panel (mount.tsx) with the page's listeners: the loader calls it once, on intent. */
export const mount: MountPanel = (bridge, win) =>
  mountPanel(bridge, win, settled);

/**
 * Started by the loader at boot when a submission is waiting: it is tried again at once, then until it
 * is acknowledged. It outlives a `destroy` of the widget on purpose: the user asked for it to be sent.
 */
export function startSender(config: LoaderConfig, win: HostWindow): void {
  void senderFor(config, win, settled).send();
}
