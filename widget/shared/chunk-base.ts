import { render } from "preact";
import type { HostWindow, LoaderConfig } from "./types.ts";
import { widgetConfig } from "./widget-config.ts";
import { createApiClient } from "./api-client.ts";
import { createEventCounter, type EventCounter } from "./event-counter.ts";
import { createHostState } from "./host-input.ts";
import panelCss from "./panel.css?inline";
import { currentRoute, tipsAudience } from "./page-route.ts";

// One counter per widget, found by its root: the panel and the anchored tips of a page share their batches,
// the tips read and the votes (one answer per tip per panel session), without a global.
const counters = new WeakMap<object, EventCounter>();

/**
 * What every chunk the loader mounts (the panel, the anchored tips) sets up in the widget's shadow root:
 * the panel's style sheet and the chunk's own (`css`), its container, the whole configuration, the host
 * state, the API client and the widget's counters. `remove` takes all of it away again.
 */
export function chunkBase(
  bridge: { config: LoaderConfig; root: ShadowRoot | HTMLElement },
  win: HostWindow,
  css?: string,
) {
  const { root } = bridge;
  // Constructable sheets: the only styling that reaches a shadow root under a strict host CSP (no <style>).
  // The panel's sheet comes first: its type, links, buttons and focus ring are every chunk's base.
  const shadow = root instanceof win.ShadowRoot ? root : undefined;
  const sheets = (css ? [panelCss, css] : [panelCss]).map((text) => {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  if (shadow)
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, ...sheets];
  const container = win.document.createElement("div");
  root.append(container);
  const config = widgetConfig(bridge.config, win.location.href);
  const state = createHostState();
  const api = createApiClient({
    baseUrl: config.api,
    fetch: win.fetch.bind(win),
  });

  /**
   * The tips query of the current page, and its key: it changes only with what the tips depend on
   * (route, its parameters, role, status), never with another query string, hash or custom context.
   */
  const page = () => {
    // The path only: a snapshot's `innerWidth` forces a layout of the host page, about a third of the
    // anchored tips' mount in CPU profiles (issue 14).
    const { route, routeParams } = currentRoute(config, state, win.location);
    const identity = tipsAudience(state.identity);
    const query = {
      platform: config.platform,
      route,
      role: identity?.role,
      status: identity?.status,
      params: routeParams,
    };
    return { query, key: JSON.stringify(Object.values(query)) };
  };

  let counter = counters.get(root);
  if (!counter)
    counters.set(
      root,
      (counter = createEventCounter({
        platform: config.platform,
        route: () => page().query.route,
        post: api.postEvents,
        win,
      })),
    );

  return {
    shadow,
    container,
    config,
    state,
    api,
    counter,
    page,
    remove() {
      // What was counted leaves now; the other chunk may count on, in a batch of its own.
      counter.flush();
      render(null, container);
      container.remove();
      if (shadow)
        shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter(
          (sheet) => !sheets.includes(sheet),
        );
    },
  };
}
