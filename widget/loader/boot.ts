import { hasOwn } from "../shared/has-own.ts";
import {
  HOST_CALLS,
  type HostCall,
  type HostWindow,
  type MountPanel,
  type PanelHandle,
  type PanelView,
} from "../shared/types.ts";
import { createEmitter } from "./emitter.ts";
import { createLauncher } from "./launcher.ts";
import launcherCss from "./launcher.css?inline";
import { parseScriptConfig } from "./script-config.ts";
import { supportsWidget } from "./supports.ts";

export interface BootDeps {
  win: HostWindow & { SNUHelp?: SnuHelp };
  script: HTMLScriptElement | null;
  /** Fetches the panel chunk; `import()` in the real loader. */
  loadPanel(url: string): Promise<MountPanel>;
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
  loadPanel,
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
  // identify/context/page/prefill wait here until the panel (which interprets them) is loaded.
  const calls: HostCall[] = [];

  const host = doc.createElement("snu-aide");
  const root = host.attachShadow({ mode: "open" });
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(launcherCss);
  root.adoptedStyleSheets = [sheet];

  let panel: PanelHandle | undefined;
  let loading: Promise<PanelHandle | undefined> | undefined;
  let destroyed = false;

  const fail = () => {
    if (import.meta.env.DEV) warn("le panneau n'a pas pu être chargé");
  };
  const ensurePanel = () =>
    (loading ??= loadPanel(config.panelUrl)
      .then((mount) => {
        if (!destroyed)
          panel = mount({
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

  const listen =
    (method: "on" | "off") => (event: unknown, handler: unknown) =>
      emitter.isEvent(event) && typeof handler === "function"
        ? emitter[method](event, handler as () => void)
        : false;
  const commands: Record<
    string,
    (arg?: unknown, arg2?: unknown) => boolean | void
  > = {
    open(view) {
      // Copied now, and checked: a malformed view is dropped rather than opening the panel on a guess.
      const tip =
        view && typeof view === "object" && (view as { tip?: unknown }).tip;
      if (typeof tip === "string") view = { tip };
      else if (view !== undefined && view !== "tips" && view !== "contact")
        return false;
      withPanel((p) => p.open(view as PanelView | undefined));
    },
    // While the panel loads, `close` waits behind the pending `open` so that calls apply in order.
    close: () =>
      panel ? panel.close() : loading && withPanel((p) => p.close()),
    toggle: () => withPanel((p) => p.toggle()),
    on: listen("on"),
    off: listen("off"),
    destroy: () => destroy(),
  };

  const snuHelp: SnuHelp = (...args) => {
    if (destroyed) return;
    const [name, arg, arg2] = args;
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
        done = panel ? panel.apply(call) : !!calls.push(call);
      } else if (typeof name === "string" && hasOwn(commands, name))
        done = commands[name]!(arg, arg2) !== false;
    } catch {
      // A call never throws into the host page.
    }
    // Development builds only: the production loader carries no diagnostics.
    if (import.meta.env.DEV && !done) warn(`appel ignoré : ${String(name)}`);
  };

  function destroy() {
    if (destroyed) return;
    destroyed = true;
    panel?.destroy();
    launcher?.destroy();
    host.remove();
    emitter.clear();
    if (win.SNUHelp === snuHelp) delete win.SNUHelp;
  }

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
  return destroy;
}
