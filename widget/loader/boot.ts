// Kept in one closure on purpose. Split into createChunkLoader, watchAnchoredPages (returning its cleanup)
// and resumeOutbox, each in its own file, the built loader measured 2,080 B gzip: 60 B more than this
// file's 2,020 B, and 32 B over the loader's 2,048 B budget (tests/build/size-budget.test.ts, which also
// counts the loader in the page's 30 KB). Its parts are marked « — » below instead.
import { hasOwn } from "../shared/has-own.ts";
import {
  HOST_CALLS,
  type AnchorsHandle,
  type HostCall,
  type HostWindow,
  type LoaderConfig,
  type MountAnchors,
  type MountPanel,
  type PanelHandle,
  type PanelView,
} from "../shared/types.ts";
import { onAnchoredPage } from "../shared/anchor-paths.ts";
import { outboxKey } from "../shared/outbox-key.ts";
import { createEmitter } from "./emitter.ts";
import { createLauncher } from "./launcher.ts";
import launcherCss from "./launcher.css?inline";
import { parseScriptConfig } from "./script-config.ts";
import { supportsWidget } from "./supports.ts";

export interface BootDeps {
  win: HostWindow & { SNUHelp?: SnuHelp };
  script: HTMLScriptElement | null;
  /** Fetches a widget chunk (`panel.js`, `anchors.js`); `import()` in the real loader. */
  load(url: string): Promise<WidgetChunk>;
}

/**
 * The exports of the widget's chunks, as the loader uses them: panel.js has `mount` and `startSender`,
 * anchors.js `mountAnchors`. What `import()` gives is not checked: the loader calls the export its URL has
 * (`!`), and a file of another build that lacks it throws inside the `.then`, caught there like a failed
 * fetch (or, for the anchored tips, mounted in a task of their own, inside `later`).
 */
export interface WidgetChunk {
  mount?: MountPanel;
  mountAnchors?: MountAnchors;
  startSender?: (config: LoaderConfig, win: HostWindow) => void;
}

export type SnuHelp = ((...args: unknown[]) => void) & {
  q?: ArrayLike<unknown>[];
  /** Set on the loader's own `SNUHelp`: a second copy of the loader on the page sees it and stays idle. */
  booted?: true;
};

// Call sites test `import.meta.env.DEV` themselves, so that production builds drop the messages too.
const warn = (message: string) => console.warn(`[SNU Aide] ${message}`);

/**
 * Starts the widget on a host page: reads the script tag, defines `window.SNUHelp` and replays the calls
 * queued before it, shows the launcher. The panel is fetched only on intent. Returns the full cleanup.
 */
export function boot({
  win,
  script,
  load,
}: BootDeps): (() => void) | undefined {
  // The loader installed twice (tag manager + hard-coded tag): the first one serves the page alone.
  if (win.SNUHelp?.booted) {
    if (import.meta.env.DEV) warn("chargeur déjà installé");
    return undefined;
  }
  const config = parseScriptConfig(script, win.location.href);
  if (!config || !supportsWidget(win)) return undefined;

  const doc = win.document;
  const emitter = createEmitter();
  // identify/context/page/prefill, kept in order: a chunk loaded later (panel, anchored tips) replays them.
  const calls: HostCall[] = [];

  const host = doc.createElement("snu-aide");
  const root = host.attachShadow({ mode: "open" });
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(launcherCss);
  root.adoptedStyleSheets = [sheet];

  let panel: PanelHandle | undefined;
  let loading: Promise<PanelHandle | undefined> | undefined;
  let anchors: AnchorsHandle | undefined;
  let anchorsLoading = false;
  let destroyed = false;

  // — The panel chunk: loaded on intent, mounted once; a failure is tried again at the next intent.
  const fail = () => {
    if (import.meta.env.DEV) warn("le panneau n'a pas pu être chargé");
  };
  const ensurePanel = () =>
    (loading ??= load(config.panelUrl)
      .then(({ mount }) => {
        if (!destroyed)
          panel = mount!({
            config,
            root,
            launcher: launcher?.button,
            calls,
            emit: emitter.emit,
          });
        return panel;
      })
      .catch(() => {
        // A failed fetch (offline) or mount may be retried on the next intent.
        loading = undefined;
        fail();
        return undefined;
      }));
  const withPanel = (action: (handle: PanelHandle) => void) =>
    void ensurePanel()
      .then((handle) => handle && action(handle))
      .catch(fail);

  const launcher = config.launcher
    ? createLauncher(root, {
        onIntent: () => void ensurePanel(),
        onActivate: () => withPanel((p) => p.toggle()),
      })
    : undefined;

  // — The host's commands, and `SNUHelp` itself.
  const open = (view?: unknown) => {
    // Copied now, and checked: a malformed view is dropped rather than opening the panel on a guess.
    const tip =
      view && typeof view === "object" && (view as { tip?: unknown }).tip;
    if (typeof tip === "string") view = { tip };
    else if (view !== undefined && view !== "tips" && view !== "contact")
      return false;
    withPanel((p) => p.open(view as PanelView | undefined));
  };
  const commands: Record<
    string,
    (arg?: unknown, arg2?: unknown) => boolean | void
  > = {
    open,
    // While the panel loads, `close` waits behind the pending `open` so that calls apply in order.
    close: () =>
      panel ? panel.close() : loading && withPanel((p) => p.close()),
    toggle: () => withPanel((p) => p.toggle()),
    on: emitter.on,
    off: emitter.off,
    destroy: () => destroy(),
  };

  const snuHelp: SnuHelp = (name, arg, arg2) => {
    if (destroyed) return;
    let done: boolean | void = false;
    try {
      // Own-property lookups: a host page may have overridden `Array.prototype.includes`.
      if (typeof name === "string" && hasOwn(HOST_CALLS, name)) {
        // A shallow copy now (the host may change its object afterwards), and the path the host is on.
        const call: HostCall = [
          name as HostCall[0],
          arg && typeof arg === "object" ? { ...arg } : arg,
          win.location.pathname,
        ];
        calls.push(call);
        anchors?.apply(call);
        done = panel ? panel.apply(call) : true;
      } else if (typeof name === "string" && hasOwn(commands, name))
        done = commands[name]!(arg, arg2) !== false;
    } catch {
      // A call never throws into the host page.
    }
    // Development builds only: the production loader carries no diagnostics.
    if (import.meta.env.DEV && !done) warn(`appel ignoré : ${String(name)}`);
  };

  // — Anchored tips: the one fetch allowed before intent (anonymous, cacheable), and their chunk only on a
  // page that has some (ARCHITECTURE §4). After that chunk is loaded it follows navigation itself. Set up
  // before the queued calls replay, so that a queued `destroy` stops it too. `anchorPaths`: the pages with
  // anchored tips (`GET /v1/anchors`), checked on each in-app navigation until their chunk loads.
  let anchorPaths: unknown;
  const navigation = (win as { navigation?: EventTarget }).navigation;
  const checkAnchors = () => {
    if (
      anchorsLoading ||
      destroyed ||
      !onAnchoredPage(anchorPaths, win.location.pathname, config.basePath)
    )
      return;
    anchorsLoading = true;
    // Mounted in a task of its own (`later`): the chunk's evaluation and the mount together made a
    // long task at 4× CPU throttling (issue 14). The mount replays `calls`, those made meanwhile too.
    load(new URL("anchors.js", config.panelUrl).href)
      .then(({ mountAnchors }) =>
        later(() => {
          // A mount that throws is tried again on the next navigation, as a failed fetch is.
          anchorsLoading = false;
          anchors = mountAnchors!({
            config,
            root,
            calls,
            paths: anchorPaths as string[],
            emit: emitter.emit,
            open,
          });
          anchorsLoading = true;
        }),
      )
      .catch(() => {
        anchorsLoading = false;
      });
  };
  // In-app navigation (pushState included) where the Navigation API exists; elsewhere the page the user
  // lands on is checked.
  navigation?.addEventListener("currententrychange", checkAnchors);
  // A page's first `fetch` and first storage read each cost ~10–25 ms of main thread at 4× CPU throttling
  // (issue 14): each gets a task of its own after the boot's, so that none makes a long task with it. A
  // widget destroyed meanwhile makes neither; what they throw (a host that broke `fetch`, storage refused
  // in private mode) stays here.
  const later = (step: () => unknown) =>
    win.setTimeout(() => {
      try {
        destroyed || step();
      } catch {
        // Never into the host page.
      }
    });
  later(() =>
    win
      .fetch(`${config.api}/v1/anchors?platform=${config.platform}`, {
        credentials: "omit",
        referrerPolicy: "no-referrer",
      })
      .then((response) => response.json())
      .then((index: { paths?: unknown }) => {
        // An error body (429, 503, an older API) has no `paths`: then no page matches.
        anchorPaths = index.paths;
        checkAnchors();
      })
      .catch(() => {
        // No anchored tips this time (offline, old API): the rest of the widget works.
      }),
  );

  function destroy() {
    if (destroyed) return;
    destroyed = true;
    navigation?.removeEventListener("currententrychange", checkAnchors);
    panel?.destroy();
    anchors?.destroy();
    host.remove();
    emitter.clear();
    if (win.SNUHelp === snuHelp) delete win.SNUHelp;
  }

  // — Installed: `SNUHelp` defined, the calls queued before it replayed, the launcher on the page.
  const queued = win.SNUHelp?.q;
  snuHelp.booted = true;
  win.SNUHelp = snuHelp;
  const attach = () => {
    if (!destroyed) doc.body.append(host);
  };
  if (doc.body) attach();
  else doc.addEventListener("DOMContentLoaded", attach, { once: true });
  for (const args of Array.from(queued ?? [])) snuHelp(...Array.from(args));
  emitter.emit("ready");

  // — A submission still waiting to be acknowledged (issue 6): the one storage read before intent, in a task
  // of its own (see `later`), and the sender (exported by panel.js, not mounted) loaded only then; it tries
  // again at once.
  later(
    () =>
      win.localStorage.getItem(outboxKey(config.platform)) &&
      load(config.panelUrl)
        .then(({ startSender }) => startSender!(config, win))
        .catch(() => {}),
  );
  return destroy;
}
