import { render } from "preact";
import type {
  HostCall,
  HostState,
  HostWindow,
  MountPanel,
  PanelView,
} from "../shared/types.ts";
import { createApiClient } from "./api-client.ts";
import { App } from "./App.tsx";
import { applyHostCall } from "./host-input.ts";
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

  const state: HostState = { custom: {}, prefill: {} };
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

  const update = () =>
    render(
      <App
        bridge={bridge}
        state={state}
        api={api}
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

  const refresh = () => {
    ui.pageVersion++;
    if (ui.open) update();
  };
  const stopWatching = watchRoute(win, refresh);
  const apply = (call: HostCall) => {
    const change = applyHostCall(state, call, win.location.pathname);
    if (change === "prefill") {
      ui.prefillVersion++;
      update();
    } else if (change) refresh();
    else if (import.meta.env.DEV)
      console.warn(`[SNU Aide] appel ignoré : ${call[0]}`);
    return change !== false;
  };
  bridge.calls.forEach(apply);

  const handle = {
    open(view?: PanelView) {
      if (!ui.open) {
        // Focus goes back where it was: the launcher, or the host's own « Besoin d'aide » link.
        const active = win.document.activeElement as HTMLElement | null;
        opener =
          shadow && active === shadow.host
            ? bridge.launcher
            : (active ?? undefined);
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
      ui.open = false;
      bridge.launcher?.setAttribute("aria-expanded", "false");
      update();
      (opener?.isConnected ? opener : bridge.launcher)?.focus();
      bridge.emit("close");
    },
    toggle() {
      if (ui.open) handle.close();
      else handle.open();
    },
    isOpen: () => ui.open,
    apply,
    destroy() {
      stopWatching();
      render(null, container);
      container.remove();
      if (shadow)
        shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter(
          (s) => s !== sheet,
        );
    },
  };
  update();
  return handle;
};
