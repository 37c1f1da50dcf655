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
};

const warn = (message: string) => {
  if (import.meta.env.DEV) console.warn(`[SNU Aide] ${message}`);
};

/**
 * Starts the widget on a host page: reads the script tag, defines `window.SNUHelp` and replays the calls
 * queued before it, shows the launcher. The panel is fetched only on intent. Returns the full cleanup.
 */
export function boot({
  win,
  script,
  loadPanel,
}: BootDeps): (() => void) | undefined {
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

  const ensurePanel = () =>
    (loading ??= loadPanel(config.panelUrl).then(
      (mount) => {
        if (destroyed) return undefined;
        panel = mount({
          config,
          root,
          launcher: launcher?.button,
          calls,
          emit: emitter.emit,
        });
        return panel;
      },
      () => {
        loading = undefined; // a failed fetch (offline) may be retried on the next intent
        warn("le panneau n'a pas pu être chargé");
        return undefined;
      },
    ));
  const withPanel = (action: (handle: PanelHandle) => void) =>
    void ensurePanel().then((handle) => handle && action(handle));

  const launcher = config.launcher
    ? createLauncher(root, {
        onIntent: () => void ensurePanel(),
        onActivate: () => withPanel((p) => p.toggle()),
      })
    : undefined;

  const commands: Record<
    string,
    (arg?: unknown, arg2?: unknown) => boolean | void
  > = {
    open: (view) => withPanel((p) => p.open(view as PanelView | undefined)),
    // While the panel loads, `close` waits behind the pending `open` so that calls apply in order.
    close: () =>
      panel ? panel.close() : loading && withPanel((p) => p.close()),
    toggle: () => withPanel((p) => p.toggle()),
    on(event, handler) {
      if (!emitter.isEvent(event) || typeof handler !== "function")
        return false;
      emitter.on(event, handler as () => void);
    },
    off(event, handler) {
      if (!emitter.isEvent(event) || typeof handler !== "function")
        return false;
      emitter.off(event, handler as () => void);
    },
    destroy: () => destroy(),
  };

  const snuHelp: SnuHelp = (...args) => {
    if (destroyed) return;
    try {
      const [name, arg, arg2] = args;
      if (HOST_CALLS.includes(name as HostCall[0])) {
        // A shallow copy now: the host may change its object afterwards.
        const call: HostCall = [
          name as HostCall[0],
          arg && typeof arg === "object" ? { ...arg } : arg,
        ];
        if (panel) panel.apply(call) || warn(`appel ignoré : ${String(name)}`);
        else calls.push(call);
        return;
      }
      const command =
        typeof name === "string" &&
        Object.prototype.hasOwnProperty.call(commands, name)
          ? commands[name]
          : undefined;
      if (!command || command(arg, arg2) === false)
        warn(`appel ignoré : ${String(name)}`);
    } catch (error) {
      warn(`appel en échec : ${String(error)}`); // never throw into the host page
    }
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
