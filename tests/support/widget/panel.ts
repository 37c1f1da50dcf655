import { act } from "@testing-library/preact";
import type {
  HostCall,
  HostWindow,
  PanelBridge,
  PanelHandle,
  LoaderConfig,
  WidgetEvent,
} from "../../../widget/shared/types.ts";
import { mount } from "../../../widget/panel/mount.tsx";
import { loaderConfig } from "./fixtures.ts";

// `MountPanel` (the loader's view of the chunk) has one parameter; the implementation takes the window as
// its second one. The tests pass the test window explicitly rather than rely on the default.
const mountWith = mount as (
  bridge: PanelBridge,
  win: HostWindow,
) => PanelHandle;

export interface EmittedEvent {
  event: WidgetEvent;
  detail?: unknown;
}

export interface MountedPanel {
  handle: PanelHandle;
  /** The plain element the panel renders into (`screen` does not see into shadow roots). */
  root: HTMLElement;
  /** Everything the panel emitted through `bridge.emit`, in order. */
  events: EmittedEvent[];
  emitted(event: WidgetEvent): unknown[];
}

const mounted: MountedPanel[] = [];

/**
 * Runs a host call inside `act()`, so Preact's effects (focus, prefill, e-mail from identify) have run when
 * it returns — as they would have by the next frame in a browser — and hands back the call's result.
 */
function inAct<T>(run: () => T): T {
  let result: T | undefined;
  void act(() => {
    result = run();
  });
  return result as T;
}

function actingHandle(handle: PanelHandle): PanelHandle {
  return {
    open: (view) => inAct(() => handle.open(view)),
    close: () => inAct(() => handle.close()),
    toggle: () => inAct(() => handle.toggle()),
    isOpen: () => handle.isOpen(),
    apply: (call) => inAct(() => handle.apply(call)),
    destroy: () => inAct(() => handle.destroy()),
  };
}

/**
 * Mounts the real panel into a plain `<div>` of the test document, as the loader would into its shadow root.
 * The returned handle is the panel's own, each call wrapped in `act()`.
 */
export function mountPanel(
  options: {
    config?: Partial<LoaderConfig>;
    calls?: HostCall[];
    launcher?: HTMLElement;
  } = {},
): MountedPanel {
  const root = document.createElement("div");
  document.body.append(root);
  const events: EmittedEvent[] = [];
  const bridge: PanelBridge = {
    config: loaderConfig(options.config),
    root,
    calls: options.calls ?? [],
    emit: (event, detail) =>
      void events.push(detail === undefined ? { event } : { event, detail }),
    ...(options.launcher ? { launcher: options.launcher } : {}),
  };
  const handle = actingHandle(inAct(() => mountWith(bridge, window)));
  const panel: MountedPanel = {
    handle,
    root,
    events,
    emitted: (name) =>
      events.filter((e) => e.event === name).map((e) => e.detail),
  };
  mounted.push(panel);
  return panel;
}

/** Destroys every panel mounted by the test (restoring `history`) and empties the document. */
export function unmountPanels(): void {
  for (const panel of mounted.splice(0)) panel.handle.destroy();
  document.body.replaceChildren();
  // The contact draft is kept in localStorage (draft-storage.ts): each test starts without one.
  window.localStorage.clear();
}

/** Puts the test window on a path, as an SPA navigation would (the route watcher sees it). */
export function navigate(path: string): void {
  window.history.pushState({}, "", path);
}
