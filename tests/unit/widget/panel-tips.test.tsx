import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DOCUMENTS_ARTICLE,
  selectFixtureTips,
  tipTitle,
  TIPS_URL,
} from "../../support/widget/fixtures.ts";
import { errorResponse } from "../../support/widget/handlers.ts";
import {
  afterNextPaint,
  mountPanel,
  navigate,
  unmountPanels,
} from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

const { server, log, answered } = useWidgetServer();

const initialUrl = window.location.href;
beforeEach(() => navigate("/inscription/documents"));
afterEach(() => {
  unmountPanels();
  window.history.replaceState({}, "", initialUrl);
});

const dialog = () => screen.getByRole("dialog");
/** The disclosure of one tip, found by its visible title. */
const tipItem = async (title: string) =>
  (await screen.findByText(title)).closest("li")!;
const lastTipsQuery = () => Object.fromEntries(log.tips.at(-1) ?? []);
/** The route watcher tells the panel of a navigation in a microtask (route-watcher.ts): this lets it run. */
const routeSeen = () => Promise.resolve();
/**
 * Opens `handle` (closed first if needed) and waits for the tips it asks for at that opening to be
 * answered: any request made before, by what the test did, has been answered by then too.
 */
async function reopen(handle: { open(): void; close(): void }) {
  handle.close();
  const tips = answered("/v1/tips");
  handle.open();
  await tips;
}

// happy-dom's viewport, which `matchMedia` answers from.
const happyDOM = (
  window as unknown as {
    happyDOM: {
      setViewport(viewport: { width: number; height: number }): void;
    };
  }
).happyDOM;
const initialViewport = {
  width: window.innerWidth,
  height: window.innerHeight,
};

describe("opening", () => {
  it("renders nothing visible and fetches nothing until opened", async () => {
    const { handle } = mountPanel();

    expect(screen.queryByRole("dialog")).toBeNull();
    expect(handle.isOpen()).toBe(false);
    navigate("/phase1");
    await routeSeen();
    // The opening's own request, answered after any the navigation would have made.
    await reopen(handle);

    expect(log.tips).toHaveLength(1);
    expect(lastTipsQuery().route).toBe("/phase1");
  });

  it("opens a dialog labelled by its title, showing the tips of the current route", async () => {
    const { handle, emitted } = mountPanel();

    handle.open();

    expect(screen.queryByRole("dialog", { name: "Aide" })).not.toBeNull();
    await within(dialog()).findByText("Formats de documents acceptés");
    expect(
      within(dialog()).queryByText(tipTitle("inscription-coordonnees")),
    ).toBeNull();
    expect(lastTipsQuery()).toEqual({
      platform: "moncompte",
      route: "/inscription/:step",
      step: "documents",
    });
    expect(emitted("open")).toHaveLength(1);
    expect(handle.isOpen()).toBe(true);
    // The title takes the focus so that screen readers announce the dialog.
    expect(document.activeElement).toBe(
      screen.getByRole("heading", { name: "Aide" }),
    );
  });

  it("matches the route after the base path", async () => {
    navigate("/demo/moncompte/phase1");
    const { handle } = mountPanel({ config: { basePath: "/demo/moncompte" } });

    handle.open();

    await screen.findByText(tipTitle("phase1-trousseau"));
    expect(lastTipsQuery()).toEqual({
      platform: "moncompte",
      route: "/phase1",
    });
  });

  it("asks again at each opening, so a tip published meanwhile shows without reloading the page", async () => {
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText("Formats de documents acceptés");
    handle.close();
    server.use(
      http.get(TIPS_URL, () =>
        HttpResponse.json({
          tips: [
            {
              id: "inscription-documents-formats",
              title: "Formats acceptés (mis à jour)",
              body: [{ type: "p", children: ["PDF, JPG ou PNG."] }],
            },
          ],
        }),
      ),
    );

    handle.open();

    await within(dialog()).findByText("Formats acceptés (mis à jour)");
  });

  it("says so when the page has no tip", async () => {
    navigate("/phase3");
    mountPanel().handle.open();

    await screen.findByText(/Aucun conseil particulier pour cette page/);
  });

  it("emits open once, even when opened twice", () => {
    const { handle, emitted } = mountPanel();

    handle.open();
    handle.open();

    expect(emitted("open")).toHaveLength(1);
  });

  it("marks the launcher as expanded while open", () => {
    const launcher = document.createElement("button");
    document.body.append(launcher);
    const { handle } = mountPanel({ launcher });

    handle.open();
    expect(launcher.getAttribute("aria-expanded")).toBe("true");
    handle.close();
    expect(launcher.getAttribute("aria-expanded")).toBe("false");
  });
});

describe("tip content", () => {
  it("renders the body's nodes as elements and the knowledge-base link", async () => {
    mountPanel().handle.open();
    const item = await tipItem("Formats de documents acceptés");
    fireEvent.click(within(item).getByText("Formats de documents acceptés"));

    expect(within(item).getByText("PDF, JPG ou PNG").tagName).toBe("STRONG");
    expect(within(item).getByText("5 Mo au plus").tagName).toBe("EM");
    expect(
      within(item)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Carte d'identité recto verso", "Justificatif de domicile"]);
    const official = within(item).getByRole("link", {
      name: /la liste officielle/,
    });
    expect(official.getAttribute("href")).toBe(
      "https://www.snu.gouv.fr/documents",
    );
    expect(official.getAttribute("target")).toBe("_blank");
    expect(official.getAttribute("rel")).toContain("noopener");
    const article = within(item).getByRole("link", {
      name: /Lire l'article complet/,
    });
    expect(article.getAttribute("href")).toBe(DOCUMENTS_ARTICLE);
    expect(article.getAttribute("rel")).toContain("noopener");
  });

  it("shows a javascript: link of a tampered answer as plain text, never as a link", async () => {
    mountPanel().handle.open();
    const item = await tipItem("Formats de documents acceptés");
    fireEvent.click(within(item).getByText("Formats de documents acceptés"));

    expect(item.textContent).toContain(" ou ce lien piégé.");
    expect(within(item).queryByRole("link", { name: /piégé/ })).toBeNull();
    const hrefs = Array.from(document.querySelectorAll("a"), (a) =>
      a.getAttribute("href"),
    );
    expect(hrefs).toHaveLength(2);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
  });

  it("emits tip-view with the tip's id when its disclosure is opened, not when it is closed", async () => {
    const { handle, emitted } = mountPanel();
    handle.open();
    const item = await tipItem("Formats de documents acceptés");
    const summary = within(item).getByText("Formats de documents acceptés");

    fireEvent.click(summary);
    await waitFor(() =>
      expect(emitted("tip-view")).toEqual([
        { id: "inscription-documents-formats" },
      ]),
    );
    const details = summary.closest("details")!;
    const closed = new Promise((resolve) =>
      details.addEventListener("toggle", resolve, { once: true }),
    );
    fireEvent.click(summary);
    // The `toggle` event the panel listens to has been dispatched (its listener came first).
    await closed;

    expect(details.open).toBe(false);
    expect(emitted("tip-view")).toEqual([
      { id: "inscription-documents-formats" },
    ]);
  });

  it("opens the tip asked with open({tip}) and moves the focus to it", async () => {
    mountPanel().handle.open({ tip: "inscription-documents-formats" });

    const item = await tipItem("Formats de documents acceptés");
    const details = item.querySelector("details")!;
    expect(details.open).toBe(true);
    await waitFor(() =>
      expect(document.activeElement).toBe(details.querySelector("summary")),
    );
  });
});

describe("focus", () => {
  const title = () => screen.getByRole("heading", { name: "Aide" });

  it("goes to the title when open({tip}) asks for a tip that is not on this page", async () => {
    mountPanel().handle.open({ tip: "phase1-trousseau" });

    await screen.findByText("Formats de documents acceptés");
    // The panel's effects for the list it just rendered (where the focus would move to a tip) have run.
    await afterNextPaint();
    expect(document.activeElement).toBe(title());
  });

  it("goes to the title when open({tip}) is asked but the tips cannot be loaded", async () => {
    server.use(http.get(TIPS_URL, () => errorResponse(503, "unavailable")));

    mountPanel().handle.open({ tip: "inscription-documents-formats" });

    await screen.findByText(/Les conseils n'ont pas pu être chargés/);
    expect(document.activeElement).toBe(title());
  });

  it("goes back to the launcher on close when the opener was <body> (Safari does not focus clicked buttons)", () => {
    const launcher = document.createElement("button");
    launcher.textContent = "Aide ?";
    document.body.append(launcher);
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement).toBe(document.body);
    const { handle } = mountPanel({ launcher });
    handle.open();

    fireEvent.keyDown(title(), { key: "Escape" });

    expect(document.activeElement).toBe(launcher);
  });

  it("stays where the host put it when the host closes the panel from its own code", () => {
    const search = document.createElement("input");
    document.body.append(search);
    const { handle } = mountPanel();
    handle.open();
    search.focus();

    handle.close();

    expect(document.activeElement).toBe(search);
  });
});

describe("on a phone, where the panel covers the screen", () => {
  afterEach(() => happyDOM.setViewport(initialViewport));

  it("is a modal dialog: Tab and Shift+Tab go round inside it", async () => {
    happyDOM.setViewport({ width: 320, height: 640 });
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText("Formats de documents acceptés");
    const first = within(dialog()).getByRole("button", { name: "Fermer" });
    const last = within(dialog()).getByRole("button", {
      name: "Contacter le support",
    });

    expect(dialog().getAttribute("aria-modal")).toBe("true");
    first.focus();
    expect(fireEvent.keyDown(first, { key: "Tab", shiftKey: true })).toBe(
      false,
    );
    expect(document.activeElement).toBe(last);
    expect(fireEvent.keyDown(last, { key: "Tab" })).toBe(false);
    expect(document.activeElement).toBe(first);
    // From the title (focused on open, not tabbable itself), Shift+Tab goes round too.
    const title = screen.getByRole("heading", { name: "Aide" });
    title.focus();
    fireEvent.keyDown(title, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it("skips what is hidden: the other view and the content of closed tips", async () => {
    happyDOM.setViewport({ width: 320, height: 640 });
    const { handle } = mountPanel();
    handle.open("contact");
    const back = screen.getAllByRole("button", {
      name: "Retour aux conseils",
    });

    fireEvent.keyDown(dialog(), { key: "Tab", shiftKey: true });

    expect(back).toHaveLength(1);
    expect(document.activeElement).toBe(back[0]);
  });

  it("is not modal on a larger screen, where the page stays usable beside it", async () => {
    happyDOM.setViewport({ width: 1280, height: 800 });
    const { handle } = mountPanel();
    handle.open();
    const first = within(dialog()).getByRole("button", { name: "Fermer" });
    first.focus();

    expect(dialog().hasAttribute("aria-modal")).toBe(false);
    expect(fireEvent.keyDown(first, { key: "Tab", shiftKey: true })).toBe(true);
    expect(document.activeElement).toBe(first);
  });
});

describe("tips follow the page and the user", () => {
  it("shows the new page's tips after an in-app navigation", async () => {
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText("Formats de documents acceptés");

    navigate("/phase1");

    await screen.findByText(tipTitle("phase1-trousseau"));
    expect(screen.queryByText("Formats de documents acceptés")).toBeNull();
    expect(lastTipsQuery()).toEqual({
      platform: "moncompte",
      route: "/phase1",
    });
  });

  it("shows the tips of the page reached with the back button (popstate)", async () => {
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText("Formats de documents acceptés");

    // What the browser does on « back »: the URL changes without pushState, then popstate fires.
    History.prototype.replaceState.call(window.history, {}, "", "/phase1");
    window.dispatchEvent(new PopStateEvent("popstate"));

    await screen.findByText(tipTitle("phase1-trousseau"));
  });

  it("shows the tips of the page reached by a hash change", async () => {
    const { handle } = mountPanel({ config: { basePath: "/app" } });
    navigate("/app/inscription/documents");
    handle.open();
    await screen.findByText("Formats de documents acceptés");

    History.prototype.replaceState.call(window.history, {}, "", "/app/phase1");
    window.dispatchEvent(new HashChangeEvent("hashchange"));

    await screen.findByText(tipTitle("phase1-trousseau"));
  });

  it("neither refetches nor collapses the open tip when only the query changes on the same page", async () => {
    const { handle } = mountPanel();
    handle.open();
    const details = (
      await tipItem("Formats de documents acceptés")
    ).querySelector("details")!;
    details.open = true;
    const fetches = log.tips.length;

    window.history.replaceState({}, "", "/inscription/documents?onglet=2");
    await routeSeen();
    // Opening again asks again, once (a 304 when nothing changed): answered after any refetch.
    await reopen(handle);

    expect(log.tips).toHaveLength(fetches + 1);
    expect(details.isConnected).toBe(true);
    expect(details.open).toBe(true);
  });

  it("does not refetch on a hash change on the same page", async () => {
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText("Formats de documents acceptés");
    const fetches = log.tips.length;

    History.prototype.replaceState.call(
      window.history,
      {},
      "",
      "/inscription/documents#pieces",
    );
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    await routeSeen();
    // Opening again asks again, once: answered after any refetch.
    await reopen(handle);

    expect(log.tips).toHaveLength(fetches + 1);
  });

  it("keeps showing the previous list, not « Chargement », until the new page's tips arrive", async () => {
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText("Formats de documents acceptés");
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let reached = () => {};
    const asked = new Promise<void>((resolve) => (reached = resolve));
    server.use(
      http.get(
        TIPS_URL,
        async ({ request }) => {
          reached();
          await released;
          return HttpResponse.json({
            tips: selectFixtureTips(new URL(request.url).searchParams),
          });
        },
        { once: true },
      ),
    );

    navigate("/phase1");
    // The new page's tips are asked for: the panel has shown whatever it shows while it waits.
    await asked;

    expect(screen.queryByText("Formats de documents acceptés")).not.toBeNull();
    expect(screen.queryByText(/Chargement des conseils/)).toBeNull();
    release();
    await screen.findByText(tipTitle("phase1-trousseau"));
    expect(screen.queryByText("Formats de documents acceptés")).toBeNull();
  });

  it("binds a page({route}) queued before the panel loaded to the path it was declared on", async () => {
    const { handle } = mountPanel({
      calls: [["page", { route: "/changer-de-sejour" }, "/changer-mon-sejour"]],
    });

    handle.open();

    await screen.findByText("Formats de documents acceptés");
    expect(lastTipsQuery()).toMatchObject({ route: "/inscription/:step" });
    navigate("/changer-mon-sejour");
    await screen.findByText(tipTitle("changer-de-sejour"));
  });

  it("fetches the tips of a page reached while closed when reopened", async () => {
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText("Formats de documents acceptés");
    handle.close();

    navigate("/inscription/coordonnee");
    handle.open();

    await screen.findByText(tipTitle("inscription-coordonnees"));
  });

  it("sends the role and status given by identify and shows the tips for them", async () => {
    navigate("/phase1");
    const { handle } = mountPanel();
    handle.apply([
      "identify",
      { role: "young", status: "WAITING_AFFECTATION" },
    ]);
    handle.open();
    await screen.findByText(tipTitle("phase1-trousseau"));
    expect(screen.queryByText(tipTitle("phase1-convocation"))).toBeNull();

    expect(
      handle.apply([
        "identify",
        { role: "young", status: "AFFECTED", email: "camille@example.fr" },
      ]),
    ).toBe(true);

    await screen.findByText(tipTitle("phase1-convocation"));
    expect(lastTipsQuery()).toEqual({
      platform: "moncompte",
      route: "/phase1",
      role: "young",
      status: "AFFECTED",
    });
  });

  it("uses the identity the host gave before the panel was loaded", async () => {
    navigate("/phase1");
    const { handle } = mountPanel({
      calls: [["identify", { role: "young", status: "AFFECTED" }]],
    });

    handle.open();

    await screen.findByText(tipTitle("phase1-convocation"));
    expect(log.tips).toHaveLength(1);
    expect(lastTipsQuery()).toMatchObject({
      role: "young",
      status: "AFFECTED",
    });
  });

  it("uses a route the host declared with page({route})", async () => {
    navigate("/changer-mon-sejour");
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText(/Aucun conseil particulier/);

    handle.apply(["page", { route: "/changer-de-sejour" }]);

    await screen.findByText(tipTitle("changer-de-sejour"));
    expect(lastTipsQuery()).toEqual({
      platform: "moncompte",
      route: "/changer-de-sejour",
    });
  });
});

describe("search", () => {
  it("finds a tip of another page, accents ignored", async () => {
    mountPanel().handle.open();
    await screen.findByText("Formats de documents acceptés");

    fireEvent.input(
      screen.getByRole("searchbox", { name: "Rechercher dans l'aide" }),
      {
        target: { value: "SEJOUR" },
      },
    );

    await screen.findByText("Changer de séjour");
    expect(screen.queryByText("1 résultat")).not.toBeNull();
    expect(Object.fromEntries(log.tips.at(-1)!)).toEqual({
      platform: "moncompte",
    });
  });

  it("says when nothing matches", async () => {
    mountPanel().handle.open();
    await screen.findByText("Formats de documents acceptés");

    fireEvent.input(screen.getByRole("searchbox"), {
      target: { value: "passeport diplomatique" },
    });

    await screen.findByText("Aucun résultat.");
  });
});

describe("errors", () => {
  it("shows an error with « Réessayer » that fetches the tips again", async () => {
    server.use(
      http.get(TIPS_URL, () => errorResponse(503, "unavailable"), {
        once: true,
      }),
    );
    mountPanel().handle.open();

    await screen.findByText(/Les conseils n'ont pas pu être chargés/);
    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));

    await screen.findByText("Formats de documents acceptés");
    expect(screen.queryByText(/n'ont pas pu être chargés/)).toBeNull();
  });

  it("says the search is unavailable when every tip cannot be fetched", async () => {
    mountPanel().handle.open();
    await screen.findByText("Formats de documents acceptés");
    server.use(http.get(TIPS_URL, () => errorResponse(503, "unavailable")));

    fireEvent.input(screen.getByRole("searchbox"), {
      target: { value: "séjour" },
    });

    await screen.findByText("La recherche est indisponible pour le moment.");
  });
});

describe("closing", () => {
  it("closes on Escape, emits close and gives the focus back", async () => {
    const link = document.createElement("a");
    link.href = "#aide";
    link.textContent = "Besoin d'aide";
    document.body.append(link);
    link.focus();
    const { handle, emitted } = mountPanel();
    handle.open();
    await screen.findByText("Formats de documents acceptés");

    fireEvent.keyDown(screen.getByRole("heading", { name: "Aide" }), {
      key: "Escape",
    });

    expect(screen.queryByRole("dialog")).toBeNull();
    expect(handle.isOpen()).toBe(false);
    expect(emitted("close")).toHaveLength(1);
    expect(document.activeElement).toBe(link);
  });

  it("closes with the « Fermer » button", () => {
    const { handle, emitted } = mountPanel();
    handle.open();

    fireEvent.click(within(dialog()).getByRole("button", { name: "Fermer" }));

    expect(handle.isOpen()).toBe(false);
    expect(emitted("close")).toHaveLength(1);
  });

  it("toggles between open and closed", () => {
    const { handle, events } = mountPanel();

    handle.toggle();
    handle.toggle();

    expect(events.map((e) => e.event)).toEqual(["open", "close"]);
  });

  it("stops watching the route and removes itself on destroy", async () => {
    const pushState = window.history.pushState;
    const { handle, root } = mountPanel();
    expect(window.history.pushState).not.toBe(pushState);
    handle.open();
    await screen.findByText("Formats de documents acceptés");
    const requests = log.tips.length;

    handle.destroy();

    expect(window.history.pushState).toBe(pushState);
    expect(root.childElementCount).toBe(0);
    navigate("/phase1");
    await routeSeen();
    // A panel mounted now asks at its opening: answered after any request the destroyed one made.
    await reopen(mountPanel().handle);

    expect(log.tips).toHaveLength(requests + 1);
  });

  it("stops reacting to navigation after destroy, even through a pushState wrapper the host added after it", async () => {
    const before = window.history.pushState;
    try {
      const { handle } = mountPanel();
      handle.open();
      await screen.findByText("Formats de documents acceptés");
      const ours = window.history.pushState;
      window.history.pushState = function (this: History, ...args) {
        return ours.apply(this, args);
      };
      const fetches = log.tips.length;

      handle.destroy();
      navigate("/phase1");
      await routeSeen();
      // A panel mounted now asks at each opening: answered after any request the destroyed one made.
      const probe = mountPanel().handle;
      await reopen(probe);

      expect(window.location.pathname).toBe("/phase1");
      expect(log.tips).toHaveLength(fetches + 1);
      expect(handle.apply(["identify", { role: "young" }])).toBe(false);
      await reopen(probe);
      expect(log.tips).toHaveLength(fetches + 2);
    } finally {
      window.history.pushState = before;
    }
  });

  it("leaves in place a pushState wrapper the host added after it", () => {
    const before = window.history.pushState;
    try {
      const { handle } = mountPanel();
      const ours = window.history.pushState;
      const hostWrapper: History["pushState"] = function (
        this: History,
        ...args
      ) {
        return ours.apply(this, args);
      };
      window.history.pushState = hostWrapper;

      handle.destroy();

      expect(window.history.pushState).toBe(hostWrapper);
      expect(() => navigate("/phase1")).not.toThrow();
      expect(window.location.pathname).toBe("/phase1");
    } finally {
      window.history.pushState = before;
    }
  });
});
