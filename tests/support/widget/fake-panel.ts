import { vi } from "vitest";
import type { WidgetChunk } from "../../../widget/loader/boot.ts";
import type {
  AnchorsBridge,
  AnchorsHandle,
  HostCall,
  MountAnchors,
  MountPanel,
  PanelBridge,
  PanelHandle,
} from "../../../widget/shared/types.ts";

/**
 * The widget's chunks as the loader sees them, faked at the edge: `load` gives `panel.js` a `mount` (and
 * `anchors.js` a `mountAnchors`) that records the bridge it receives and returns a handle whose methods
 * are spies. Each panel load may be made to fail; `loadPanel` records the panel loads.
 */
export function createFakePanel() {
  const handle = {
    open: vi.fn<PanelHandle["open"]>(),
    close: vi.fn<PanelHandle["close"]>(),
    toggle: vi.fn<PanelHandle["toggle"]>(),
    isOpen: vi.fn<PanelHandle["isOpen"]>(() => false),
    apply: vi.fn<PanelHandle["apply"]>(() => true),
    destroy: vi.fn<PanelHandle["destroy"]>(),
  } satisfies PanelHandle;
  const bridges: PanelBridge[] = [];
  /** `bridge.calls` as they were when `mount` ran (the loader's array is live). */
  const callsAtMount: HostCall[][] = [];
  const mountFailures: unknown[] = [];
  const mount = vi.fn<MountPanel>((bridge) => {
    if (mountFailures.length > 0) throw mountFailures.shift();
    bridges.push(bridge);
    callsAtMount.push([...bridge.calls]);
    return handle;
  });
  const failures: unknown[] = [];
  const loadPanel = vi.fn(async (_url: string): Promise<MountPanel> => {
    if (failures.length > 0) throw failures.shift();
    return mount;
  });

  const anchorsHandle = {
    apply: vi.fn<AnchorsHandle["apply"]>(),
    destroy: vi.fn<AnchorsHandle["destroy"]>(),
  } satisfies AnchorsHandle;
  const anchorsBridges: AnchorsBridge[] = [];
  const mountAnchors = vi.fn<MountAnchors>((bridge) => {
    anchorsBridges.push(bridge);
    callsAtMount.push([...bridge.calls]);
    return anchorsHandle;
  });
  const startSender = vi.fn<NonNullable<WidgetChunk["startSender"]>>();
  const load = vi.fn(async (url: string): Promise<WidgetChunk> => {
    if (url.endsWith("/anchors.js")) return { mountAnchors };
    return { mount: await loadPanel(url), startSender };
  });

  return {
    handle,
    mount,
    load,
    loadPanel,
    anchorsHandle,
    mountAnchors,
    /** The sender the loader starts at boot when a submission waits in the outbox. */
    startSender,
    /** The bridge of the last anchored-tips mount. */
    get anchorsBridge(): AnchorsBridge {
      const bridge = anchorsBridges.at(-1);
      if (!bridge) throw new Error("les astuces ancrées n'ont pas été montées");
      return bridge;
    },
    callsAtMount,
    /** The bridge of the last mount (throws when the panel was never mounted). */
    get bridge(): PanelBridge {
      const bridge = bridges.at(-1);
      if (!bridge) throw new Error("le panneau n'a pas été monté");
      return bridge;
    },
    /** The next load rejects (e.g. the chunk could not be fetched: offline). */
    failNextLoad(
      error: unknown = new TypeError(
        "Failed to fetch dynamically imported module",
      ),
    ) {
      failures.push(error);
    },
    /** The next `mount` throws (a bug of the panel, or a host that broke a built-in it uses). */
    failNextMount(error: unknown = new TypeError("mount a échoué")) {
      mountFailures.push(error);
    },
  };
}

/** Lets pending promise callbacks and timers of 0 ms run (the loader's `loadPanel().then(...)`). */
export const settle = () =>
  new Promise<void>((resolve) => setTimeout(resolve, 0));
