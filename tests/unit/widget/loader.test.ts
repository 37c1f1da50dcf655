import { fireEvent, within } from "@testing-library/preact";
import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from "vitest";
import {
  boot,
  type BootDeps,
  type SnuHelp,
} from "../../../widget/loader/boot.ts";
import type { WidgetEvent } from "../../../widget/shared/types.ts";
import { createFakePanel, settle } from "../../support/widget/fake-panel.ts";

const LOADER_SRC = "https://aide.example/widget/loader.js";
const win = window as BootDeps["win"];

/** The loader's `<script>` tag as a host writes it. Not inserted in the document: boot only reads it. */
function loaderScript(
  data: Record<string, string> = { platform: "moncompte" },
): HTMLScriptElement {
  const script = document.createElement("script");
  script.src = LOADER_SRC;
  Object.assign(script.dataset, data);
  return script;
}

/** The README's queue stub: calls made before the loader runs are kept in `SNUHelp.q` as `arguments`. */
function installQueueStub(): SnuHelp {
  const stub: SnuHelp = function () {
    // The published stub pushes `arguments` objects, not arrays.
    (stub.q = stub.q || []).push(arguments);
  };
  win.SNUHelp = stub;
  return stub;
}

const SNUHelp = (...args: unknown[]) => win.SNUHelp!(...args);
const widgetHost = () => document.querySelector("snu-aide");
const launcherButton = () =>
  within(widgetHost()!.shadowRoot as unknown as HTMLElement).getByRole(
    "button",
    { name: /aide/i },
  );

let destroy: (() => void) | undefined;
let warn: MockInstance<typeof console.warn>;

function start(
  options: {
    script?: HTMLScriptElement | null;
    panel?: ReturnType<typeof createFakePanel>;
  } = {},
) {
  const panel = options.panel ?? createFakePanel();
  const script = options.script === undefined ? loaderScript() : options.script;
  destroy = boot({ win, script, load: panel.load });
  return { panel, destroy };
}

/** What `GET /v1/anchors` answers in this test (the loader's only request before intent). */
let anchorPaths: string[] = [];
let anchorsFetch: MockInstance<typeof fetch>;

beforeEach(() => {
  // Development builds warn about dropped calls; keep the output clean and let tests check it.
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  anchorPaths = [];
  anchorsFetch = vi.fn<typeof fetch>(
    async () => new Response(JSON.stringify({ paths: anchorPaths })),
  );
  vi.stubGlobal("fetch", anchorsFetch);
});

afterEach(() => {
  destroy?.();
  destroy = undefined;
  delete win.SNUHelp;
  document.body.replaceChildren();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("boot", () => {
  it("shows a launcher button named « Aide » in an open shadow root on <snu-aide>", () => {
    start();

    const host = widgetHost();
    expect(host?.parentElement).toBe(document.body);
    expect(host?.shadowRoot).not.toBeNull();
    expect(launcherButton().textContent).toMatch(/aide/i);
    expect(launcherButton().getAttribute("type")).toBe("button");
    // Styled by a constructable sheet: no <style> or <link> that a strict host CSP would block.
    expect(host!.shadowRoot!.adoptedStyleSheets).toHaveLength(1);
    expect(host!.shadowRoot!.querySelector("style, link")).toBeNull();
  });

  it("shows no launcher with data-launcher=\"none\" but still answers SNUHelp('open')", async () => {
    const { panel } = start({
      script: loaderScript({ platform: "admin", launcher: "none" }),
    });

    expect(widgetHost()?.shadowRoot?.querySelector("button")).toBeNull();
    SNUHelp("open");
    await settle();
    expect(panel.handle.open).toHaveBeenCalledTimes(1);
    expect(panel.bridge.launcher).toBeUndefined();
  });

  it("hands the panel the configuration read from the script tag, the API defaulting to the loader's origin", async () => {
    const { panel } = start({
      script: loaderScript({
        platform: "admin",
        basePath: "/demo/admin",
        appVersion: "2026.11.3",
      }),
    });
    SNUHelp("open");
    await settle();

    expect(panel.loadPanel).toHaveBeenCalledWith(
      "https://aide.example/widget/panel.js",
    );
    expect(panel.bridge.config).toEqual({
      platform: "admin",
      api: "https://aide.example",
      basePath: "/demo/admin",
      launcher: true,
      panelUrl: "https://aide.example/widget/panel.js",
      // The optional attributes travel as they are: the panel reads them (widget-config.ts).
      data: {
        platform: "admin",
        basePath: "/demo/admin",
        appVersion: "2026.11.3",
      },
    });
    expect(panel.bridge.root).toBe(widgetHost()!.shadowRoot);
    expect(panel.bridge.launcher).toBe(launcherButton());
  });

  describe("does nothing at all", () => {
    function expectNothing(stub?: SnuHelp) {
      expect(destroy).toBeUndefined();
      expect(widgetHost()).toBeNull();
      expect(win.SNUHelp).toBe(stub);
    }

    it.each([
      ["data-platform is missing", {}],
      ["data-platform is unknown", { platform: "intranet" }],
      ["data-api is malformed", { platform: "moncompte", api: "http://[" }],
      [
        "data-api is not http(s)",
        { platform: "moncompte", api: "javascript:alert(1)" },
      ],
    ])("when %s", (_, data) => {
      const stub = installQueueStub();
      SNUHelp("open");
      const { panel } = start({ script: loaderScript(data) });

      expectNothing(stub);
      expect(panel.loadPanel).not.toHaveBeenCalled();
    });

    it("when there is no current script", () => {
      start({ script: null });
      expectNothing();
    });

    it("when the browser has no constructable style sheets for shadow roots", () => {
      const stub = installQueueStub();
      // A window-like object whose Document prototype lacks adoptedStyleSheets (an old browser).
      class OldDocument {}
      const oldWin = Object.create(window, {
        Document: { value: OldDocument },
        SNUHelp: { value: stub, writable: true },
      }) as BootDeps["win"];
      const panel = createFakePanel();

      destroy = boot({
        win: oldWin,
        script: loaderScript(),
        load: panel.load,
      });

      expect(destroy).toBeUndefined();
      expect(oldWin.SNUHelp).toBe(stub);
      expect(widgetHost()).toBeNull();
    });

    it.each([
      ["adoptedStyleSheets", () => window.Document.prototype],
      // ES2022, the syntax the chunks are built for (Chrome < 93).
      ["hasOwn", () => Object as object],
    ])("when the browser lacks %s", (name, target) => {
      const stub = installQueueStub();
      withoutProperty(target(), name, () => {
        start();
        expectNothing(stub);
      });
    });
  });
});

describe("a loader installed twice (tag manager and hard-coded tag)", () => {
  it("runs one widget: the second copy sees the first SNUHelp and does nothing", async () => {
    const first = start();
    const snuHelp = win.SNUHelp;
    const second = createFakePanel();

    const secondDestroy = boot({
      win,
      script: loaderScript({ platform: "admin" }),
      load: second.load,
    });
    SNUHelp("open");
    await settle();

    expect(secondDestroy).toBeUndefined();
    expect(document.querySelectorAll("snu-aide")).toHaveLength(1);
    expect(win.SNUHelp).toBe(snuHelp);
    expect(first.panel.handle.open).toHaveBeenCalledTimes(1);
    expect(second.loadPanel).not.toHaveBeenCalled();
  });

  it("starts again once the first widget was destroyed", () => {
    start();
    destroy!();

    start();

    expect(document.querySelectorAll("snu-aide")).toHaveLength(1);
  });
});

describe("a hostile host page", () => {
  it("still dispatches identify and on when Array.prototype.includes always answers false", async () => {
    const includes = Array.prototype.includes;
    try {
      Array.prototype.includes = () => false;
      const { panel } = start();
      const onOpen = vi.fn();

      SNUHelp("identify", { role: "young" });
      SNUHelp("on", "open", onOpen);
      SNUHelp("open");
      await settle();
      panel.bridge.emit("open");

      expect(panel.callsAtMount[0]?.map(([name, arg]) => [name, arg])).toEqual([
        ["identify", { role: "young" }],
      ]);
      expect(onOpen).toHaveBeenCalledTimes(1);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      Array.prototype.includes = includes;
    }
  });
});

/** Removes a property from an object's prototype chain for the duration of `run`, then puts it back. */
function withoutProperty(object: object, name: string, run: () => void) {
  let owner: object | null = object;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, name))
    owner = Object.getPrototypeOf(owner);
  if (!owner) throw new Error(`${name} absent: the test would prove nothing`);
  const descriptor = Object.getOwnPropertyDescriptor(owner, name)!;
  delete (owner as Record<string, unknown>)[name];
  try {
    expect(name in object).toBe(false);
    run();
  } finally {
    Object.defineProperty(owner, name, descriptor);
  }
}

describe("before intent", () => {
  it("loads nothing, stores nothing, and asks only for the anonymous list of pages with anchored tips", async () => {
    const storageWrites = [
      vi.spyOn(Storage.prototype, "setItem"),
      vi.spyOn(Storage.prototype, "removeItem"),
      vi.spyOn(Storage.prototype, "clear"),
    ];
    const headBefore = document.head.innerHTML;

    const { panel } = start();
    SNUHelp("identify", { role: "young", email: "camille@example.fr" });
    SNUHelp("context", { cohorte: "2026" });
    SNUHelp("on", "open", () => {});

    await settle();

    expect(panel.load).not.toHaveBeenCalled();
    expect(anchorsFetch).toHaveBeenCalledTimes(1);
    expect(anchorsFetch).toHaveBeenCalledWith(
      "https://aide.example/v1/anchors?platform=moncompte",
      { credentials: "omit", referrerPolicy: "no-referrer" },
    );
    expect(document.cookie).toBe("");
    for (const write of storageWrites) expect(write).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    // No preload, prefetch or script tag added to the host's document.
    expect(document.head.innerHTML).toBe(headBefore);
  });

  it.each([
    ["pointerenter", (button: HTMLElement) => fireEvent.pointerEnter(button)],
    ["focus", (button: HTMLElement) => button.focus()],
    ["touchstart", (button: HTMLElement) => fireEvent.touchStart(button)],
  ])(
    "loads the panel once on %s of the launcher, without opening it",
    async (_, intent) => {
      const { panel } = start();

      intent(launcherButton());
      intent(launcherButton());
      await settle();

      expect(panel.loadPanel).toHaveBeenCalledTimes(1);
      expect(panel.mount).toHaveBeenCalledTimes(1);
      expect(panel.handle.open).not.toHaveBeenCalled();
      expect(panel.handle.toggle).not.toHaveBeenCalled();
    },
  );

  it("toggles the panel when the launcher is clicked", async () => {
    const { panel } = start();

    fireEvent.click(launcherButton());
    await settle();

    expect(panel.loadPanel).toHaveBeenCalledTimes(1);
    expect(panel.handle.toggle).toHaveBeenCalledTimes(1);
  });
});

describe("command queue", () => {
  // Each host call carries the path the host page was on when it was made.
  const initialUrl = window.location.href;
  beforeEach(() => window.history.replaceState({}, "", "/phase1"));
  afterEach(() => window.history.replaceState({}, "", initialUrl));

  it("replays the calls queued before boot, in order", async () => {
    const stub = installQueueStub();
    const order: string[] = [];
    SNUHelp("identify", { role: "young" });
    SNUHelp("on", "ready", () => order.push("ready"));
    SNUHelp("on", "open", () => order.push("open"));
    SNUHelp("context", { cohorte: "Février 2027" });
    SNUHelp("identify", { role: "young", status: "AFFECTED" });
    SNUHelp("open", "contact");
    expect(stub.q).toHaveLength(6);

    const { panel } = start();
    await settle();

    expect(win.SNUHelp).not.toBe(stub);
    expect(panel.callsAtMount[0]).toEqual([
      ["identify", { role: "young" }, "/phase1"],
      ["context", { cohorte: "Février 2027" }, "/phase1"],
      ["identify", { role: "young", status: "AFFECTED" }, "/phase1"],
    ]);
    expect(panel.handle.open).toHaveBeenCalledWith("contact");
    // `ready` fires once, after the replay: the queued listener is called exactly once.
    panel.bridge.emit("open");
    expect(order).toEqual(["ready", "open"]);
  });

  it("works after boot without any stub", async () => {
    const { panel } = start();
    expect(typeof win.SNUHelp).toBe("function");

    SNUHelp("identify", { role: "young" });
    SNUHelp("page", { route: "/inscription/:step" });
    SNUHelp("prefill", { subject: "UPLOAD" });
    SNUHelp("context", { cohorte: "2026" });
    SNUHelp("open");
    await settle();

    expect(panel.callsAtMount[0]).toEqual([
      ["identify", { role: "young" }, "/phase1"],
      ["page", { route: "/inscription/:step" }, "/phase1"],
      ["prefill", { subject: "UPLOAD" }, "/phase1"],
      ["context", { cohorte: "2026" }, "/phase1"],
    ]);
    expect(panel.handle.apply).not.toHaveBeenCalled();
  });

  it("hands host calls to handle.apply once the panel is loaded", async () => {
    const { panel } = start();
    SNUHelp("open");
    await settle();

    SNUHelp("identify", { role: "admin" });
    SNUHelp("context", { cohorte: "2026" });
    SNUHelp("page", { route: "/dashboard" });
    SNUHelp("prefill", { message: "Bonjour" });

    expect(panel.handle.apply.mock.calls.map(([call]) => call)).toEqual([
      ["identify", { role: "admin" }, "/phase1"],
      ["context", { cohorte: "2026" }, "/phase1"],
      ["page", { route: "/dashboard" }, "/phase1"],
      ["prefill", { message: "Bonjour" }, "/phase1"],
    ]);
  });

  it("binds a page() call to the path the host was on when it made it, not the one the panel loads on", async () => {
    const { panel } = start();
    window.history.replaceState({}, "", "/changer-mon-sejour");
    SNUHelp("page", { route: "/changer-de-sejour" });
    window.history.pushState({}, "", "/phase1");

    SNUHelp("open");
    await settle();

    expect(panel.callsAtMount[0]).toEqual([
      ["page", { route: "/changer-de-sejour" }, "/changer-mon-sejour"],
    ]);
  });

  it("copies the host's object when called, so later changes to it are not seen", async () => {
    const { panel } = start();
    const identity = { role: "young", status: "AFFECTED" };
    SNUHelp("identify", identity);
    identity.status = "WITHDRAWN";
    SNUHelp("open");
    await settle();

    expect(panel.callsAtMount[0]).toEqual([
      ["identify", { role: "young", status: "AFFECTED" }, "/phase1"],
    ]);
  });

  it.each([
    ["open()", [], undefined],
    ["open('contact')", ["contact"], "contact"],
    [
      "open({tip})",
      [{ tip: "inscription-documents-formats" }],
      { tip: "inscription-documents-formats" },
    ],
  ])("loads the panel and opens it on %s", async (_, args, view) => {
    const { panel } = start();

    SNUHelp("open", ...args);
    await settle();

    expect(panel.loadPanel).toHaveBeenCalledTimes(1);
    expect(panel.handle.open).toHaveBeenCalledTimes(1);
    expect(panel.handle.open).toHaveBeenCalledWith(view);
  });

  it.each([
    ["open('bogus')", ["bogus"]],
    ["open({tip: 42})", [{ tip: 42 }]],
    ["open({})", [{}]],
    ["open(null)", [null]],
  ])(
    "drops the malformed %s with a warning, without loading nor opening the panel",
    async (_, args) => {
      const { panel } = start();

      SNUHelp("open", ...args);
      await settle();

      expect(panel.loadPanel).not.toHaveBeenCalled();
      expect(panel.handle.open).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("open"));
    },
  );

  it("hands the panel a copy of the open({tip}) view", async () => {
    const { panel } = start();
    const view = { tip: "inscription-documents-formats", extra: "x" };

    SNUHelp("open", view);
    view.tip = "autre";
    await settle();

    expect(panel.handle.open).toHaveBeenCalledWith({
      tip: "inscription-documents-formats",
    });
  });

  it("loads the panel and toggles it on toggle", async () => {
    const { panel } = start();

    SNUHelp("toggle");
    await settle();

    expect(panel.loadPanel).toHaveBeenCalledTimes(1);
    expect(panel.handle.toggle).toHaveBeenCalledTimes(1);
  });

  it("ignores close before the panel is loaded, without loading it", () => {
    const { panel } = start();

    expect(() => SNUHelp("close")).not.toThrow();
    expect(panel.loadPanel).not.toHaveBeenCalled();
  });

  it("closes the loaded panel on close", async () => {
    const { panel } = start();
    SNUHelp("open");
    await settle();

    SNUHelp("close");

    expect(panel.handle.close).toHaveBeenCalledTimes(1);
  });

  it("applies open then close in order while the panel is still loading", async () => {
    const { panel } = start();

    SNUHelp("open");
    SNUHelp("close");
    await settle();

    expect(panel.handle.open).toHaveBeenCalledTimes(1);
    expect(panel.handle.close).toHaveBeenCalledTimes(1);
    expect(panel.handle.close.mock.invocationCallOrder[0]).toBeGreaterThan(
      panel.handle.open.mock.invocationCallOrder[0]!,
    );
  });

  it.each([
    ["SNUHelp()", []],
    ["SNUHelp(42)", [42]],
    ["SNUHelp('nope')", ["nope"]],
    ["SNUHelp('identify', 'x')", ["identify", "x"]],
    ["SNUHelp('constructor')", ["constructor"]],
    ["SNUHelp('__proto__')", ["__proto__"]],
    ["SNUHelp('on')", ["on"]],
    ["SNUHelp('open', {tip: 42})", ["open", { tip: 42 }]],
  ])("never throws on a malformed call: %s", async (_, args) => {
    const { panel } = start();

    expect(() => SNUHelp(...args)).not.toThrow();
    await settle();
    expect(() => SNUHelp("open")).not.toThrow();
    await settle();
    expect(panel.handle.open).toHaveBeenCalled();
  });

  it("warns about a dropped call in development builds", () => {
    start();
    SNUHelp("nope");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("nope"));
  });
});

describe("events", () => {
  it("calls a ready listener added after boot at once (ready is sticky)", () => {
    start();
    const onReady = vi.fn();

    SNUHelp("on", "ready", onReady);

    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it.each<[WidgetEvent, unknown]>([
    ["open", undefined],
    ["close", undefined],
    ["submit", { reference: "SNU-2026-000123" }],
    ["tip-view", { id: "inscription-documents-formats" }],
  ])(
    "passes %s from the panel to the host's listeners until off",
    async (event, detail) => {
      const { panel } = start();
      const listener = vi.fn();
      const other = vi.fn();
      SNUHelp("on", event, listener);
      SNUHelp("on", event, other);
      SNUHelp("open");
      await settle();

      panel.bridge.emit(event, detail);
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener).toHaveBeenCalledWith(detail);

      SNUHelp("off", event, listener);
      panel.bridge.emit(event, detail);
      expect(listener).toHaveBeenCalledTimes(1);
      expect(other).toHaveBeenCalledTimes(2);
    },
  );

  it("ignores unknown events and handlers that are not functions", async () => {
    const { panel } = start();
    const listener = vi.fn();

    expect(() => SNUHelp("on", "message", listener)).not.toThrow();
    expect(() => SNUHelp("on", "open", "alert(1)")).not.toThrow();
    expect(() =>
      SNUHelp("on", "open", { handleEvent: listener }),
    ).not.toThrow();
    expect(() => SNUHelp("off", "open", null)).not.toThrow();
    SNUHelp("open");
    await settle();

    expect(() =>
      panel.bridge.emit("message" as WidgetEvent, "x"),
    ).not.toThrow();
    expect(() => panel.bridge.emit("open")).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
  });

  it("keeps calling the other listeners when one throws, and never throws into the caller", async () => {
    const { panel } = start();
    const after = vi.fn();
    SNUHelp("on", "submit", () => {
      throw new Error("bug de l'hôte");
    });
    SNUHelp("on", "submit", after);
    SNUHelp("open");
    await settle();

    expect(() =>
      panel.bridge.emit("submit", { reference: "SNU-2026-000123" }),
    ).not.toThrow();
    expect(after).toHaveBeenCalledWith({ reference: "SNU-2026-000123" });
    expect(() =>
      SNUHelp("on", "ready", () => {
        throw new Error("bug de l'hôte");
      }),
    ).not.toThrow();
  });
});

describe("destroy", () => {
  it("removes the element, deletes SNUHelp and destroys the panel; later calls do nothing", async () => {
    const { panel, destroy: stop } = start();
    const api = win.SNUHelp!;
    const onReady = vi.fn();
    SNUHelp("open");
    await settle();

    stop!();

    expect(widgetHost()).toBeNull();
    expect("SNUHelp" in win).toBe(false);
    expect(panel.handle.destroy).toHaveBeenCalledTimes(1);
    api("open");
    api("identify", { role: "young" });
    api("on", "ready", onReady);
    await settle();
    expect(panel.handle.open).toHaveBeenCalledTimes(1);
    expect(panel.handle.apply).not.toHaveBeenCalled();
    expect(onReady).not.toHaveBeenCalled();
    expect(() => stop!()).not.toThrow();
    expect(panel.handle.destroy).toHaveBeenCalledTimes(1);
  });

  it("is also the destroy command", () => {
    start();
    SNUHelp("destroy");
    expect(widgetHost()).toBeNull();
    expect(win.SNUHelp).toBeUndefined();
  });

  it("does not mount a panel whose chunk arrives after destroy", async () => {
    const { panel, destroy: stop } = start();
    SNUHelp("open");
    stop!();
    await settle();

    expect(panel.mount).not.toHaveBeenCalled();
  });

  it("leaves a SNUHelp that another script defined since", () => {
    const { destroy: stop } = start();
    const replacement = vi.fn();
    win.SNUHelp = replacement;

    stop!();

    expect(win.SNUHelp).toBe(replacement);
  });
});

describe("a panel that fails to load", () => {
  it("does not throw nor leave an unhandled rejection when mount throws, and mounts on the next intent", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const { panel } = start();
      panel.failNextMount();

      expect(() => SNUHelp("open")).not.toThrow();
      await settle();
      await settle();
      expect(panel.handle.open).not.toHaveBeenCalled();

      SNUHelp("open");
      await settle();
      expect(panel.loadPanel).toHaveBeenCalledTimes(2);
      expect(panel.mount).toHaveBeenCalledTimes(2);
      expect(panel.handle.open).toHaveBeenCalledTimes(1);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("does not throw, and the next intent loads it again", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const { panel } = start();
      panel.failNextLoad();

      expect(() => SNUHelp("open")).not.toThrow();
      await settle();
      expect(panel.handle.open).not.toHaveBeenCalled();

      fireEvent.pointerEnter(launcherButton());
      await settle();
      expect(panel.loadPanel).toHaveBeenCalledTimes(2);
      expect(panel.mount).toHaveBeenCalledTimes(1);
      SNUHelp("open");
      await settle();
      expect(panel.handle.open).toHaveBeenCalledTimes(1);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });
});

describe("anchored tips", () => {
  const navigation = () =>
    (win as unknown as { navigation?: EventTarget }).navigation;
  const initialUrl = window.location.href;

  beforeEach(() => {
    // happy-dom has no Navigation API: the loader listens to `currententrychange` where it exists.
    Object.defineProperty(win, "navigation", {
      value: new EventTarget(),
      configurable: true,
    });
  });
  afterEach(() => {
    delete (win as unknown as { navigation?: EventTarget }).navigation;
    window.history.replaceState({}, "", initialUrl);
  });

  const goTo = (path: string) => {
    window.history.pushState({}, "", path);
    navigation()!.dispatchEvent(new Event("currententrychange"));
  };

  it("loads anchors.js only on a page one of the listed paths matches, base path removed", async () => {
    anchorPaths = ["^/+inscription/+documents/*$"];
    window.history.replaceState({}, "", "/demo/moncompte/phase1");
    const { panel } = start({
      script: loaderScript({
        platform: "moncompte",
        basePath: "/demo/moncompte",
      }),
    });
    await settle();
    expect(panel.load).not.toHaveBeenCalled();

    goTo("/demo/moncompte/inscription/documents");
    await settle();
    // The chunk is mounted in a task after the one that loaded it (loader-tasks.test.ts).
    await settle();

    expect(panel.load).toHaveBeenCalledTimes(1);
    expect(panel.load).toHaveBeenCalledWith(
      "https://aide.example/widget/anchors.js",
    );
    expect(panel.anchorsBridge.paths).toEqual(anchorPaths);
    expect(panel.anchorsBridge.root).toBe(widgetHost()!.shadowRoot);
    // The panel itself still waits for intent.
    expect(panel.loadPanel).not.toHaveBeenCalled();

    // Once loaded, the chunk follows navigation itself: never loaded twice.
    goTo("/demo/moncompte/phase1");
    goTo("/demo/moncompte/inscription/documents");
    await settle();
    expect(panel.load).toHaveBeenCalledTimes(1);
  });

  it("hands the chunk the host calls made so far, then each new one", async () => {
    anchorPaths = ["^/*$"];
    window.history.replaceState({}, "", "/");
    installQueueStub();
    SNUHelp("identify", { role: "young", status: "VALIDATED" });
    const { panel } = start();
    await settle();
    // The chunk is mounted in a task after the one that loaded it (loader-tasks.test.ts).
    await settle();

    expect(panel.callsAtMount.at(-1)).toEqual([
      ["identify", { role: "young", status: "VALIDATED" }, "/"],
    ]);
    SNUHelp("page", { route: "/" });
    expect(panel.anchorsHandle.apply).toHaveBeenCalledWith([
      "page",
      { route: "/" },
      "/",
    ]);
  });

  it("lets the chunk open the panel on a tip", async () => {
    anchorPaths = ["^/*$"];
    window.history.replaceState({}, "", "/");
    const { panel } = start();
    await settle();
    // The chunk is mounted in a task after the one that loaded it (loader-tasks.test.ts).
    await settle();

    panel.anchorsBridge.open({ tip: "inscription-documents-formats" });
    await settle();

    expect(panel.handle.open).toHaveBeenCalledWith({
      tip: "inscription-documents-formats",
    });
  });

  it("destroys the chunk with the widget and stops following navigation", async () => {
    anchorPaths = ["^/+phase1/*$"];
    window.history.replaceState({}, "", "/");
    const { panel } = start();
    await settle();
    destroy!();
    destroy = undefined;

    goTo("/phase1");
    await settle();
    expect(panel.load).not.toHaveBeenCalled();
  });

  it("destroys a loaded chunk with the widget", async () => {
    anchorPaths = ["^/*$"];
    window.history.replaceState({}, "", "/");
    const { panel } = start();
    await settle();
    // The chunk is mounted in a task after the one that loaded it (loader-tasks.test.ts).
    await settle();

    destroy!();
    destroy = undefined;
    expect(panel.anchorsHandle.destroy).toHaveBeenCalledTimes(1);
  });

  it("matches without case, with a base path written with a trailing slash, and on the base path itself", async () => {
    anchorPaths = ["^/+inscription/+documents/*$", "^/*$"];
    window.history.replaceState({}, "", "/demo/moncompte");
    const { panel } = start({
      script: loaderScript({
        platform: "moncompte",
        basePath: "/demo/moncompte/",
      }),
    });
    await settle();
    expect(panel.load).toHaveBeenCalledTimes(1);

    anchorPaths = ["^/+inscription/+documents/*$"];
    destroy!();
    const second = start({
      script: loaderScript({
        platform: "moncompte",
        basePath: "/demo/moncompte/",
      }),
    });
    window.history.replaceState(
      {},
      "",
      "/demo/moncompte/Inscription//Documents/",
    );
    await settle();
    goTo("/demo/moncompte/Inscription//Documents/");
    await settle();
    expect(second.panel.load).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["an error body (429)", { error: { code: "rate_limited" } }],
    ["paths that are not a list", { paths: "^/$" }],
    ["an invalid regular expression", { paths: ["^/(+$"] }],
  ])(
    "never throws into the host page on navigation after %s",
    async (_, body) => {
      anchorsFetch.mockImplementation(
        async () => new Response(JSON.stringify(body), { status: 200 }),
      );
      const { panel } = start();
      await settle();

      expect(() => goTo("/phase1")).not.toThrow();
      await settle();
      expect(panel.load).not.toHaveBeenCalled();
    },
  );

  it.each([
    [
      "the API is unreachable",
      () => Promise.reject(new TypeError("Failed to fetch")),
    ],
    ["the answer is not JSON", async () => new Response("<html>")],
    [
      "fetch itself throws",
      () => {
        throw new TypeError("patched by the host");
      },
    ],
  ])("keeps the rest of the widget working when %s", async (_, answer) => {
    anchorsFetch.mockImplementation(answer as typeof fetch);
    const { panel } = start();
    await settle();

    expect(panel.load).not.toHaveBeenCalled();
    fireEvent.click(launcherButton());
    await settle();
    expect(panel.handle.toggle).toHaveBeenCalledTimes(1);
  });
});

describe("a submission waiting in the outbox (issue 6)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it("reads one storage key at boot and, only when it is set, loads the sender and starts it", async () => {
    localStorage.setItem(
      "snu-aide:envoi:moncompte",
      JSON.stringify({ key: "k", body: "{}", draft: {} }),
    );
    const getItem = vi.spyOn(localStorage, "getItem");
    const { panel } = start();
    await settle();

    expect(getItem.mock.calls).toEqual([["snu-aide:envoi:moncompte"]]);
    expect(panel.load).toHaveBeenCalledWith(
      "https://aide.example/widget/panel.js",
    );
    expect(panel.startSender).toHaveBeenCalledTimes(1);
    expect(panel.startSender.mock.calls[0]![0].platform).toBe("moncompte");
    // Loaded to send, not to show: the panel is not mounted before intent.
    expect(panel.mount).not.toHaveBeenCalled();
  });

  it("loads nothing when no submission waits, or for another platform", async () => {
    localStorage.setItem("snu-aide:envoi:admin", "{}");
    const { panel } = start();
    await settle();
    expect(panel.load).not.toHaveBeenCalled();
  });

  it("boots normally when storage is refused (private mode, sandbox)", async () => {
    localStorage.setItem("snu-aide:envoi:moncompte", "{}");
    vi.spyOn(window, "localStorage", "get").mockImplementation(() => {
      throw new DOMException("refusé", "SecurityError");
    });
    const { panel } = start();
    await settle();
    expect(panel.load).not.toHaveBeenCalled();
    expect(widgetHost()).not.toBeNull();
  });
});
