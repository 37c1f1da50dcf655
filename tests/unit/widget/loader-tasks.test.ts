import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { boot, type BootDeps } from "../../../widget/loader/boot.ts";
import { createFakePanel, settle } from "../../support/widget/fake-panel.ts";

// Issue 14: a page's first `fetch` and first storage read each cost ~10–25 ms of main thread at 4× CPU
// throttling; the loader makes them in tasks of their own, after the one that runs it, so that none adds a
// long task to the host's page load.
const win = window as BootDeps["win"];
const OUTBOX = "snu-aide:envoi:moncompte";

function loaderScript(): HTMLScriptElement {
  const script = document.createElement("script");
  script.src = "https://aide.example/widget/loader.js";
  script.dataset.platform = "moncompte";
  return script;
}

/** Runs every microtask queued so far (and those they queue), but no task. */
const microtasks = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

let anchorsFetch: ReturnType<typeof vi.fn<typeof fetch>>;
let destroy: (() => void) | undefined;

beforeEach(() => {
  anchorsFetch = vi.fn<typeof fetch>(
    async () => new Response(JSON.stringify({ paths: [] })),
  );
  vi.stubGlobal("fetch", anchorsFetch);
  localStorage.setItem(OUTBOX, JSON.stringify({ key: "k", body: "{}" }));
});

afterEach(() => {
  destroy?.();
  destroy = undefined;
  delete win.SNUHelp;
  document.body.replaceChildren();
  localStorage.clear();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("the loader's work before intent", () => {
  it("asks for the anchors and reads the outbox only in later tasks, not in the boot's own", async () => {
    const getItem = vi.spyOn(localStorage, "getItem");
    const panel = createFakePanel();
    destroy = boot({ win, script: loaderScript(), load: panel.load });

    // The boot's task, its microtasks included: the launcher is there, nothing else was done.
    await microtasks();
    expect(document.querySelector("snu-aide")).not.toBeNull();
    expect(anchorsFetch).not.toHaveBeenCalled();
    expect(getItem).not.toHaveBeenCalled();

    await settle();
    expect(anchorsFetch).toHaveBeenCalledTimes(1);
    expect(getItem.mock.calls).toEqual([[OUTBOX]]);
    expect(panel.startSender).toHaveBeenCalledTimes(1);
  });

  it("mounts the anchored tips in a task after the one that loaded their chunk", async () => {
    // Their chunk's evaluation and their mount together made a long task at 4× CPU throttling.
    anchorsFetch.mockImplementation(
      async () => new Response(JSON.stringify({ paths: ["^/"] })),
    );
    const panel = createFakePanel();
    destroy = boot({ win, script: loaderScript(), load: panel.load });

    await settle();
    await microtasks();
    expect(panel.load).toHaveBeenCalledWith(
      "https://aide.example/widget/anchors.js",
    );
    expect(panel.mountAnchors).not.toHaveBeenCalled();

    await settle();
    expect(panel.mountAnchors).toHaveBeenCalledTimes(1);
  });

  it("tries the anchored tips again at the next navigation when their mount threw", async () => {
    // happy-dom has no Navigation API: the loader listens to `currententrychange` where it exists.
    const navigation = new EventTarget();
    Object.defineProperty(win, "navigation", {
      value: navigation,
      configurable: true,
    });
    try {
      anchorsFetch.mockImplementation(
        async () => new Response(JSON.stringify({ paths: ["^/"] })),
      );
      const panel = createFakePanel();
      panel.mountAnchors.mockImplementationOnce(() => {
        throw new Error("a chunk of another build");
      });
      destroy = boot({ win, script: loaderScript(), load: panel.load });
      await settle();
      await settle();
      expect(panel.mountAnchors).toHaveBeenCalledTimes(1);

      navigation.dispatchEvent(new Event("currententrychange"));
      await settle();
      await settle();
      expect(panel.mountAnchors).toHaveBeenCalledTimes(2);
    } finally {
      delete (win as unknown as { navigation?: EventTarget }).navigation;
    }
  });

  it("makes neither when the host destroys the widget first", async () => {
    const getItem = vi.spyOn(localStorage, "getItem");
    const panel = createFakePanel();
    // The README's queue stub, with a `destroy` queued before the loader runs.
    win.SNUHelp = Object.assign(() => {}, { q: [["destroy"]] });
    boot({ win, script: loaderScript(), load: panel.load });

    // Two tasks later: both steps' tasks have run by then.
    await settle();
    await settle();
    expect(anchorsFetch).not.toHaveBeenCalled();
    expect(getItem).not.toHaveBeenCalled();
    expect(panel.load).not.toHaveBeenCalled();
  });
});
