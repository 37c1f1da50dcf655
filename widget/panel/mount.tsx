import { render } from "preact";
import { chunkBase } from "../shared/chunk-base.ts";
import { applyHostCall } from "../shared/host-input.ts";
import { watchRoute } from "../shared/route-watcher.ts";
import type {
  HostCall,
  HostWindow,
  PanelBridge,
  PanelHandle,
  PanelView,
} from "../shared/types.ts";
import { App } from "./App.tsx";
import type { ViewName } from "./app-props.ts";
import { createDraftStorage } from "./draft-storage.ts";
import { createOutbox, type Outcome } from "./outbox.ts";
import { senderFor, type SettledListeners } from "./sender.ts";
import { watchOutbox } from "./watch-outbox.ts";

/**
 * Mounts the panel in the widget's shadow root (the loader calls it once, on intent, through
 * panel-chunk.ts). The panel stays mounted while closed so that nothing typed is lost. `listeners` are
 * the page's (sender.ts). Returns the handle the loader drives.
 */
export function mountPanel(
  bridge: PanelBridge,
  win: HostWindow = window,
  listeners: SettledListeners,
): PanelHandle {
  const { shadow, container, config, state, api, counter, ...base } = chunkBase(
    bridge,
    win,
  );
  // Read lazily: merely touching localStorage can throw where storage is blocked (draft-storage.ts).
  const storage = () => win.localStorage;
  const drafts = createDraftStorage(storage, config.platform);
  const outbox = createOutbox(storage, config.platform);
  const sender = senderFor(config, win, listeners, outbox);
  const ui: {
    open: boolean;
    view: ViewName;
    focusTipId?: string | undefined;
    pageVersion: number;
    outcome?: Outcome | undefined;
  } = { open: false, view: "tips", pageVersion: 0 };
  // How a submission ended — here, in another tab or before a reload — is shown once, in the form.
  const takeOutcome = () => {
    const outcome = outbox.takeOutcome();
    if (!outcome) return false;
    ui.outcome = outcome;
    return true;
  };
  // Settled while the panel is open — by a sender of this page, or in another tab (storage event) — the
  // form shows it at once, and its status region announces it. (The form watches the outbox itself.)
  const stopWatchingOutbox = watchOutbox(listeners, win, () => {
    if (ui.open && takeOutcome()) {
      ui.view = "contact";
      update();
    }
  });
  let opener: HTMLElement | undefined;
  let destroyed = false;
  // The contact view is counted each time it comes into sight (issue 13: `contact_open`).
  let contactShown = false;

  const update = () => {
    // A host's history wrapper or a late host call may still reach us after destroy: ignored.
    if (destroyed) return;
    render(
      <App
        bridge={bridge}
        config={config}
        pageQuery={() => base.page().query}
        state={state}
        api={api}
        counter={counter}
        drafts={drafts}
        outbox={outbox}
        sender={sender}
        listeners={listeners}
        win={win}
        {...ui}
        onClose={() => handle.close()}
        onView={(view) => {
          ui.view = view;
          ui.focusTipId = undefined;
          update();
        }}
      />,
      container,
    );
    // Handed over once, as a new object each time: a form mounted again later (« Réessayer » after an
    // error) must not replay it.
    ui.outcome = undefined;
    const contact = ui.open && ui.view === "contact";
    if (contact && !contactShown) counter.count("contact_open");
    contactShown = contact;
  };

  // Another query or hash on the same page, or the custom context, must neither refetch the tips nor
  // collapse the tip the user is reading.
  let lastQuery = base.page().key;
  const refresh = () => {
    const query = base.page().key;
    if (query !== lastQuery) {
      lastQuery = query;
      ui.pageVersion++;
    }
    if (ui.open) update();
  };
  const apply = (call: HostCall) => {
    if (destroyed) return false;
    const change = applyHostCall(state, call, win.location.pathname);
    if (change === "prefill") update();
    else if (change) refresh();
    else if (import.meta.env.DEV)
      console.warn(`[SNU Aide] appel ignoré : ${call[0]}`);
    return change !== false;
  };

  const handle = {
    open(view?: PanelView) {
      if (!ui.open) {
        // Focus goes back where it was: the launcher, or the host's own « Besoin d'aide » link. Safari
        // does not focus a button on click, so an opener of <body> means the launcher too.
        const active = win.document.activeElement as HTMLElement | null;
        opener =
          !active || active === win.document.body || active === shadow?.host
            ? bridge.launcher
            : active;
      }
      const outcome = takeOutcome();
      ui.view = view === "contact" || outcome ? "contact" : "tips";
      ui.focusTipId =
        typeof view === "object" && view && typeof view.tip === "string"
          ? view.tip
          : undefined;
      const wasOpen = ui.open;
      // Each opening asks again (a 304 when nothing changed): a tip published meanwhile shows.
      if (!wasOpen) {
        ui.pageVersion++;
        counter.count("panel_open");
      }
      ui.open = true;
      bridge.launcher?.setAttribute("aria-expanded", "true");
      update();
      if (!wasOpen) bridge.emit("open");
    },
    close() {
      if (!ui.open) return;
      const active = win.document.activeElement;
      const hadFocus =
        !active ||
        active === win.document.body ||
        active === shadow?.host ||
        container.contains(active);
      ui.open = false;
      bridge.launcher?.setAttribute("aria-expanded", "false");
      update();
      // Only when the focus was in the panel: a host closing it from its own code keeps its focus.
      if (hadFocus) (opener?.isConnected ? opener : bridge.launcher)?.focus();
      bridge.emit("close");
    },
    toggle() {
      if (ui.open) handle.close();
      else handle.open();
    },
    isOpen: () => ui.open,
    apply,
    destroy() {
      destroyed = true;
      stopWatching();
      stopWatchingOutbox();
      sender.stop();
      base.remove();
    },
  };

  const stopWatching = watchRoute(win, refresh);
  try {
    bridge.calls.forEach(apply);
    update();
  } catch (error) {
    // Leave nothing behind: the loader lets the next intent mount again.
    handle.destroy();
    throw error;
  }
  return handle;
}
