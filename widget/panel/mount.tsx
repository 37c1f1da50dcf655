import { render } from "preact";
import type {
  HostCall,
  HostWindow,
  MountPanel,
  PanelView,
} from "../shared/types.ts";
import { createApiClient } from "./api-client.ts";
import { createDraftStorage } from "./draft-storage.ts";
import { App } from "./App.tsx";
import { applyHostCall, createHostState } from "./host-input.ts";
import {
  contractIdentity,
  currentRoute,
  snapshotPage,
} from "./page-context.ts";
import panelCss from "./panel.css?inline";
import { watchRoute } from "./route-watcher.ts";

/**
 * Mounts the panel in the widget's shadow root (the loader calls it once, on intent). The panel stays
 * mounted while closed so that nothing typed is lost. Returns the handle the loader drives.
 */
export const mount: MountPanel = (bridge, win: HostWindow = window) => {
  const { root } = bridge;
  // Constructable sheets: the only styling that reaches a shadow root under a strict host CSP (no <style>).
  const shadow = root instanceof win.ShadowRoot ? root : undefined;
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(panelCss);
  if (shadow) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  const container = win.document.createElement("div");
  root.append(container);

  const state = createHostState();
  // Read lazily: merely touching localStorage can throw where storage is blocked (draft-storage.ts).
  const drafts = createDraftStorage(
    () => win.localStorage,
    bridge.config.platform,
  );
  const api = createApiClient({
    baseUrl: bridge.config.api,
    fetch: win.fetch.bind(win),
  });
  const ui = {
    open: false,
    view: "tips" as "tips" | "contact",
    focusTipId: undefined as string | undefined,
    pageVersion: 0,
    prefillVersion: 0,
  };
  let opener: HTMLElement | undefined;
  let destroyed = false;

  const update = () => {
    // A host's history wrapper or a late host call may still reach us after destroy: ignored.
    if (destroyed) return;
    render(
      <App
        bridge={bridge}
        state={state}
        api={api}
        drafts={drafts}
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
  };

  // What the page's tips depend on. Anything else — another query or hash on the same page, the custom
  // context — must neither refetch them nor collapse the tip the user is reading.
  const tipsQuery = () => {
    const { route, routeParams } = currentRoute(
      bridge.config,
      state,
      snapshotPage(win),
    );
    const identity = contractIdentity(state.identity);
    return JSON.stringify([
      route,
      routeParams,
      identity?.role,
      identity?.status,
    ]);
  };
  let lastQuery = tipsQuery();
  const refresh = () => {
    const query = tipsQuery();
    if (query !== lastQuery) {
      lastQuery = query;
      ui.pageVersion++;
    }
    if (ui.open) update();
  };
  const apply = (call: HostCall) => {
    if (destroyed) return false;
    const change = applyHostCall(state, call, win.location.pathname);
    if (change === "prefill") {
      ui.prefillVersion++;
      update();
    } else if (change) refresh();
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
      ui.view = view === "contact" ? "contact" : "tips";
      ui.focusTipId =
        typeof view === "object" && view && typeof view.tip === "string"
          ? view.tip
          : undefined;
      const wasOpen = ui.open;
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
      render(null, container);
      container.remove();
      if (shadow)
        shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter(
          (s) => s !== sheet,
        );
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
};
