import { act, fireEvent, screen } from "@testing-library/preact";
import type {
  HostCall,
  PanelBridge,
  PanelHandle,
  LoaderConfig,
  WidgetEvent,
} from "../../../widget/shared/types.ts";
import { mountPanel as mount } from "../../../widget/panel/mount.tsx";
import {
  senderFor,
  type SettledListeners,
} from "../../../widget/panel/sender.ts";
import { loaderConfig } from "./fixtures.ts";

/**
 * The test page's listeners of settled submissions (sender.ts): every panel mounted here and every
 * `bootSender` get this set, as the panel chunk gives its own to each sender of a page (panel-chunk.ts).
 */
const settledListeners: SettledListeners = new Set();

/** The sender the loader starts at boot when a submission waits: another one than the panel's. */
export function bootSender() {
  return senderFor(loaderConfig(), window, settledListeners);
}

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
  const handle = actingHandle(
    inAct(() => mount(bridge, window, settledListeners)),
  );
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

/**
 * Resolves once Preact has run the effects of what it rendered before the call (the focus moves, the
 * fetches they start): preact/hooks runs them in a timeout set at the next animation frame, so this waits
 * for that frame and a timeout set after Preact's.
 */
export const afterNextPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => setTimeout(resolve)),
  );

/**
 * Fills the open contact form with a valid request (an upload problem) and sends it; `email` is typed when
 * given (the field is optional).
 */
export function fillAndSendContactForm(email?: string): void {
  fireEvent.change(screen.getByLabelText("Catégorie"), {
    target: { value: "TECHNICAL" },
  });
  fireEvent.change(screen.getByLabelText("Sujet"), {
    target: { value: "UPLOAD" },
  });
  fireEvent.input(screen.getByLabelText("Votre message"), {
    target: { value: "Le bouton de téléversement reste grisé." },
  });
  if (email !== undefined)
    fireEvent.input(screen.getByLabelText("Adresse e-mail"), {
      target: { value: email },
    });
  fireEvent.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
}
