import { render } from "preact";
import type { Tip } from "../../api/contract/tip.ts";
import { onAnchoredPage } from "../shared/anchor-paths.ts";
import { chunkBase } from "../shared/chunk-base.ts";
import { applyHostCall } from "../shared/host-input.ts";
import { watchRoute } from "../shared/route-watcher.ts";
import type {
  AnchorsBridge,
  AnchorsHandle,
  HostWindow,
} from "../shared/types.ts";
import { createAnchorReporter, type Timers } from "./anchor-reports.ts";
import { Anchors, type AnchoredItem } from "./Anchors.tsx";
import anchorsCss from "./anchors.css?inline";
import { createDismissals } from "./dismissals.ts";
import type { Place } from "./place.ts";
import { resolveTarget } from "./resolve-target.ts";

/** DOM changes are looked at no more than this often (a busy app mutates its DOM many times a second). */
const RESOLVE_DELAY_MS = 150;

const sameItems = (a: readonly AnchoredItem[], b: readonly AnchoredItem[]) =>
  a.length === b.length &&
  a.every((item, i) => item.tip === b[i]!.tip && item.target === b[i]!.target);

/**
 * Shows the anchored tips of the current page next to their elements. Follows in-app navigation, the
 * host's identify/page calls and DOM changes (MutationObserver, throttled, no polling); reports tips whose
 * element stays missing. `timers` (the window's by default) space the DOM checks and time the reports.
 * Returns the handle the loader drives.
 */
export function mountAnchors(
  bridge: AnchorsBridge,
  win: HostWindow,
  /** place.ts, handed by the chunk's entry (index.ts): floating-ui stays out of the shared chunk. */
  place: Place,
  timers: Timers = win,
): AnchorsHandle {
  const { container, config, state, api, counter, ...base } = chunkBase(
    bridge,
    win,
    anchorsCss,
  );
  const doc = win.document;
  const dismissals = createDismissals(() => win.localStorage, config.platform);
  const reporter = createAnchorReporter(timers, (reports) =>
    api.reportAnchors({
      platform: config.platform,
      appVersion: config.appVersion,
      reports,
    }),
  );

  let tips: Tip[] = [];
  let items: AnchoredItem[] = [];
  let route = "";
  let query: string | undefined;
  let destroyed = false;

  const draw = () =>
    render(
      <Anchors
        items={items}
        counter={counter}
        place={place}
        onView={(id) => {
          bridge.emit("tip-view", { id });
          counter.count("tip_read", id);
        }}
        onDismiss={({ tip, target }) => {
          dismissals.add(tip.id);
          resolve();
          // The hotspot is gone: the element it explained takes the focus when it can.
          if (target instanceof win.HTMLElement && target.tabIndex >= 0)
            target.focus();
        }}
        onOpen={bridge.open}
      />,
      container,
    );

  // Finds each tip's element; a tip without one shows nothing and, if that lasts, is reported.
  function resolve() {
    if (destroyed) return;
    const next: AnchoredItem[] = [];
    let dismissed: ReadonlySet<string> | undefined;
    const pageTips = tips;
    for (const tip of pageTips) {
      // Storage is read once per pass, and only when the page has anchored tips.
      dismissed ??= dismissals.read();
      if (!tip.anchor || dismissed.has(tip.id)) continue;
      const target = resolveTarget(doc, tip.anchor);
      if (target) next.push({ tip, target });
      else
        reporter.missing(
          { tip: tip.id, route },
          () =>
            !destroyed && tips === pageTips && !resolveTarget(doc, tip.anchor!),
        );
    }
    if (sameItems(items, next)) return;
    items = next;
    draw();
  }

  // Fetches the page's tips when what they depend on changed: route, its parameters, role, status.
  function refresh() {
    if (destroyed) return;
    const page = base.page();
    if (page.key === query) return;
    query = page.key;
    route = page.query.route;
    tips = [];
    resolve();
    if (!onAnchoredPage(bridge.paths, win.location.pathname, config.basePath))
      return;
    void api.getTips(page.query).then((result) => {
      if (destroyed || query !== page.key || !result.ok) return;
      tips = result.value.filter((tip) => tip.anchor);
      resolve();
    });
  }

  let timer: number | undefined;
  const observer = new win.MutationObserver(() => {
    if (!tips.length) return;
    timer ??= timers.setTimeout(() => {
      timer = undefined;
      resolve();
    }, RESOLVE_DELAY_MS);
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["id", "class", "style", "hidden", "open"],
  });
  const stopWatching = watchRoute(win, refresh);

  bridge.calls.forEach((call) =>
    applyHostCall(state, call, win.location.pathname),
  );
  refresh();

  return {
    apply(call) {
      // The loader hands the same call to the panel next: nothing here may stop it.
      try {
        if (!destroyed && applyHostCall(state, call, win.location.pathname))
          refresh();
      } catch {
        // A host call the anchored tips cannot use changes nothing for them.
      }
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopWatching();
      observer.disconnect();
      if (timer !== undefined) timers.clearTimeout(timer);
      reporter.destroy();
      base.remove();
    },
  };
}
