import { vi } from "vitest";
import type {
  HostCall,
  MountPanel,
  PanelBridge,
  PanelHandle,
} from "../../../widget/shared/types.ts";

/**
 * The panel chunk as the loader sees it, faked at the edge: `loadPanel` resolves to a `mount` that records
 * the bridge it receives and returns a handle whose methods are spies. Each load may be made to fail.
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

  return {
    handle,
    mount,
    loadPanel,
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
