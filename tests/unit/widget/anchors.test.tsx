import {
  act,
  fireEvent,
  screen,
  waitFor,
  waitForElementToBeRemoved,
  within,
} from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Tip } from "../../../api/contract/tip.ts";
import { mountAnchors } from "../../../widget/anchors/mount-anchors.tsx";
import * as place from "../../../widget/anchors/place.ts";
import type {
  AnchorsBridge,
  AnchorsHandle,
  HostCall,
} from "../../../widget/shared/types.ts";
import { createFakeTimers } from "../../support/widget/fake-timers.ts";
import { followFetch } from "../../support/widget/fetch-calls.ts";
import { API, loaderConfig, TIPS_URL } from "../../support/widget/fixtures.ts";
import {
  mutationsSeen,
  nextNavigationSeen,
} from "../../support/widget/changes-seen.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

const { server, log, answered } = useWidgetServer();
const REPORTS_URL = `${API}/v1/anchor-reports`;

const UPLOAD_TIP: Tip = {
  id: "mc-inscription-piece-identite",
  title: "Le téléversement de ma pièce d'identité échoue",
  body: [{ type: "p", children: ["Vérifiez le format : JPG, PNG ou PDF."] }],
  link: "https://support.snu.gouv.fr/base-de-connaissance/je-televerse-un-document",
  anchor: { selector: "#piece-identite-recto", placement: "right" },
};
const PLAIN_TIP: Tip = {
  id: "inscription-documents-formats",
  title: "Formats de documents acceptés",
  body: [{ type: "p", children: ["PDF, JPG ou PNG."] }],
};
const LABEL_TIP: Tip = {
  id: "mc-inscription-recto",
  title: "Le recto, c'est la face avec la photo",
  body: [{ type: "p", children: ["…"] }],
  anchor: { selector: "label[for='piece-identite-recto']" },
};
const GONE_TIP: Tip = {
  id: "mc-ancien-bouton",
  title: "Un bouton renommé depuis",
  body: [{ type: "p", children: ["…"] }],
  anchor: { selector: "#bouton-disparu" },
};

let tips: Tip[] = [];
const reports: unknown[] = [];
const initialUrl = window.location.href;
const mounted: AnchorsHandle[] = [];
let fetchCalls: ReturnType<typeof followFetch>;

beforeEach(() => {
  fetchCalls = followFetch();
  tips = [UPLOAD_TIP, PLAIN_TIP];
  reports.length = 0;
  server.use(
    http.get(TIPS_URL, ({ request }) => {
      log.tips.push(new URL(request.url).searchParams);
      return HttpResponse.json({ tips });
    }),
    http.post(REPORTS_URL, async ({ request }) => {
      reports.push(await request.json());
      return HttpResponse.json({ accepted: 1 }, { status: 202 });
    }),
  );
  window.history.replaceState({}, "", "/inscription/documents");
  document.body.innerHTML = `<main><label for="piece-identite-recto">Recto</label><input type="file" id="piece-identite-recto"></main>`;
});

afterEach(async () => {
  for (const handle of mounted.splice(0)) act(() => handle.destroy());
  await fetchCalls.settled();
  document.body.replaceChildren();
  localStorage.clear();
  window.history.replaceState({}, "", initialUrl);
  vi.useRealTimers();
});

function start(
  options: {
    calls?: HostCall[];
    paths?: string[];
    timers?: ReturnType<typeof createFakeTimers>;
  } = {},
) {
  const root = document.createElement("div");
  document.body.append(root);
  const bridge: AnchorsBridge = {
    config: loaderConfig({ data: { appVersion: "2026.11.3" } }),
    root,
    calls: options.calls ?? [],
    paths: options.paths ?? ["^/inscription/documents/?$", "^/phase1/?$"],
    emit: vi.fn(),
    open: vi.fn(),
  };
  const handle = mountAnchors(bridge, window, place, options.timers);
  mounted.push(handle);
  return { bridge, handle, root };
}

const hotspot = (title: string) =>
  screen.findByRole("button", { name: `Astuce : ${title}` });
/** The widget's delay between a DOM change and its look at the page (RESOLVE_DELAY_MS, mount-anchors.tsx). */
const DOM_CHECK_DELAY_MS = 150;
/**
 * Returns once the widget has looked at the DOM changes made so far: its MutationObserver was called back
 * (it schedules the look), then the look ran on the fake clock, and the render it caused with its effects
 * (act). Whatever those changes make the widget show or hide has happened by then.
 */
async function domChangesSeen(timers: ReturnType<typeof createFakeTimers>) {
  await mutationsSeen();
  act(() => timers.advance(DOM_CHECK_DELAY_MS));
}

describe("anchored tips on the page", () => {
  it("shows one hotspot per anchored tip whose element is on the page, named after the tip", async () => {
    start({
      calls: [["identify", { role: "young" }, "/inscription/documents"]],
    });

    expect(
      (await hotspot(UPLOAD_TIP.title)).getAttribute("aria-expanded"),
    ).toBe("false");
    expect(screen.queryByRole("button", { name: /Formats/ })).toBeNull();
    expect(Object.fromEntries(log.tips[0]!)).toEqual({
      platform: "moncompte",
      route: "/inscription/:step",
      step: "documents",
      role: "young",
    });
  });

  // Issue 14: reading `innerWidth` (a page snapshot) forced a layout of the host page when they mounted.
  it("reads no viewport size to ask for the page's tips and show their hotspots", async () => {
    const width = vi.spyOn(window, "innerWidth", "get");
    const height = vi.spyOn(window, "innerHeight", "get");
    start();
    await hotspot(UPLOAD_TIP.title);
    expect(log.tips).toHaveLength(1);
    expect(width).not.toHaveBeenCalled();
    expect(height).not.toHaveBeenCalled();
  });

  it("opens a non-modal popover with the tip, then Escape closes it and gives the focus back", async () => {
    const { bridge } = start();
    const button = await hotspot(UPLOAD_TIP.title);

    fireEvent.click(button);
    const popover = await screen.findByRole("dialog", {
      name: UPLOAD_TIP.title,
    });
    expect(popover.getAttribute("aria-modal")).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(popover.textContent).toContain("Vérifiez le format");
    expect(
      screen
        .getByRole("link", { name: /Lire l'article complet/ })
        .getAttribute("href"),
    ).toBe(UPLOAD_TIP.link);
    expect(document.activeElement?.textContent).toBe(UPLOAD_TIP.title);
    expect(bridge.emit).toHaveBeenCalledWith("tip-view", { id: UPLOAD_TIP.id });

    fireEvent.keyDown(document.activeElement!, { key: "Escape" });

    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("names the popover's text after the tip, out of the tab order while it does not scroll", async () => {
    start();
    fireEvent.click(await hotspot(UPLOAD_TIP.title));
    const popover = await screen.findByRole("dialog", {
      name: UPLOAD_TIP.title,
    });

    const text = within(popover).getByRole("region", {
      name: UPLOAD_TIP.title,
    });
    expect(text.textContent).toContain("Vérifiez le format");
    // happy-dom lays nothing out: the text does not scroll (placed, it would be a stop: anchors-parts).
    await waitFor(() => expect(text.getAttribute("tabindex")).toBe("-1"));
  });

  it("closes the popover for good when its element leaves: it does not reopen, nor take the focus, when the element comes back", async () => {
    const timers = createFakeTimers();
    start({ timers });
    fireEvent.click(await hotspot(UPLOAD_TIP.title));
    await screen.findByRole("dialog");
    const input = document.getElementById("piece-identite-recto")!;

    input.remove();
    await domChangesSeen(timers);
    expect(screen.queryByRole("dialog")).toBeNull();
    const elsewhere = document.createElement("button");
    document.querySelector("main")!.append(elsewhere);
    elsewhere.focus();

    document.querySelector("main")!.append(input);
    // The same look at the page brings the hotspot back and would reopen the popover.
    await domChangesSeen(timers);
    const button = await hotspot(UPLOAD_TIP.title);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(elsewhere);
  });

  it("« Plus d'aide » opens the panel on that tip", async () => {
    const { bridge } = start();
    fireEvent.click(await hotspot(UPLOAD_TIP.title));

    fireEvent.click(screen.getByRole("button", { name: "Plus d'aide" }));

    expect(bridge.open).toHaveBeenCalledWith({ tip: UPLOAD_TIP.id });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("asks « Cette astuce vous a-t-elle aidé ? »; a « Non » is thanked and offers « Contacter le support », which opens the panel on the contact form", async () => {
    const { bridge } = start();
    fireEvent.click(await hotspot(UPLOAD_TIP.title));
    const popover = await screen.findByRole("dialog", {
      name: UPLOAD_TIP.title,
    });
    const group = within(popover).getByRole("group", {
      name: "Cette astuce vous a-t-elle aidé ?",
    });
    const status = within(popover).getByRole("status");
    expect(status.textContent).toBe("");

    fireEvent.click(within(group).getByRole("button", { name: "Non" }));
    await waitFor(() =>
      expect(status.textContent).toBe("Merci pour votre réponse."),
    );
    expect(document.activeElement).toBe(status);
    expect(within(popover).queryByRole("group")).toBeNull();
    fireEvent.click(
      within(popover).getByRole("button", { name: "Contacter le support" }),
    );

    expect(bridge.open).toHaveBeenCalledWith("contact");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("counts, anonymously and after the click only, the popover read and its answer, once per tip", async () => {
    start({
      calls: [["identify", { role: "young" }, "/inscription/documents"]],
    });
    const button = await hotspot(UPLOAD_TIP.title);
    fireEvent.click(button);
    fireEvent.click(await screen.findByRole("button", { name: "Oui" }));
    await screen.findByText("Merci pour votre réponse.");
    fireEvent.click(screen.getByRole("button", { name: "Fermer" }));

    // Opened again, the popover remembers the answer: no second vote.
    fireEvent.click(button);
    await screen.findByRole("dialog", { name: UPLOAD_TIP.title });
    expect(screen.queryByRole("button", { name: "Oui" })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe(
      "Merci pour votre réponse.",
    );
    const sent = answered("/v1/events");
    window.dispatchEvent(new Event("pagehide"));
    await sent;

    expect(log.events.map((received) => received.body)).toEqual([
      {
        platform: "moncompte",
        events: [
          {
            event: "tip_read",
            route: "/inscription/:step",
            tip: UPLOAD_TIP.id,
            count: 2,
          },
          {
            event: "tip_helpful",
            route: "/inscription/:step",
            tip: UPLOAD_TIP.id,
          },
        ],
      },
    ]);
  });

  it("« Compris » hides the tip for good, remembered only after that click", async () => {
    start();
    fireEvent.click(await hotspot(UPLOAD_TIP.title));
    expect(localStorage.length).toBe(0);

    fireEvent.click(screen.getByRole("button", { name: "Compris" }));

    expect(screen.queryByRole("button", { name: /Astuce/ })).toBeNull();
    expect(
      JSON.parse(localStorage.getItem("snu-aide:compris:moncompte")!),
    ).toEqual([UPLOAD_TIP.id]);
    // The element it explained takes the focus.
    expect(document.activeElement?.id).toBe("piece-identite-recto");

    // Next visit: no hotspot for it. Another anchored tip of the same answer shows, so that answer has been
    // through the pass that skips dismissed tips (one pass over the page's tips, mount-anchors.tsx).
    for (const handle of mounted.splice(0)) act(() => handle.destroy());
    tips = [UPLOAD_TIP, LABEL_TIP];
    start();
    await hotspot(LABEL_TIP.title);
    expect(
      screen.queryByRole("button", { name: `Astuce : ${UPLOAD_TIP.title}` }),
    ).toBeNull();
  });

  it("hides the hotspot when its element leaves the page, and shows it again when it comes back", async () => {
    const timers = createFakeTimers();
    start({ timers });
    await hotspot(UPLOAD_TIP.title);
    const input = document.getElementById("piece-identite-recto")!;

    input.remove();
    await domChangesSeen(timers);
    expect(screen.queryByRole("button", { name: /Astuce/ })).toBeNull();

    document.querySelector("main")!.append(input);
    await domChangesSeen(timers);
    await hotspot(UPLOAD_TIP.title);
  });

  it("follows navigation: nothing fetched nor shown on a page without anchored tips", async () => {
    start();
    const button = await hotspot(UPLOAD_TIP.title);

    act(() => window.history.pushState({}, "", "/mission"));
    // The widget handles a navigation in one synchronous pass (refresh, mount-anchors.tsx): it takes the
    // previous page's hotspots away, then asks for tips only if the new page has anchored tips. The hotspot
    // gone, that choice has been made, and a request it made is on its way.
    await waitForElementToBeRemoved(button);
    expect(screen.queryByRole("button", { name: /Astuce/ })).toBeNull();
    // That request would be answered before the one the next navigation makes.
    const back = answered("/v1/tips");
    act(() => window.history.pushState({}, "", "/inscription/documents"));
    await back;
    expect(log.tips.map((query) => query.get("route"))).toEqual([
      "/inscription/:step",
      "/inscription/:step",
    ]);

    await hotspot(UPLOAD_TIP.title);
    expect(log.tips).toHaveLength(2);
  });

  it("fetches again when the host changes the role", async () => {
    const { handle } = start();
    await hotspot(UPLOAD_TIP.title);

    act(() =>
      handle.apply(["identify", { role: "young", status: "VALIDATED" }, "/"]),
    );
    await waitFor(() => expect(log.tips).toHaveLength(2));
    expect(log.tips[1]!.get("status")).toBe("VALIDATED");
  });

  it("reports, anonymously, an anchored tip whose element stays missing", async () => {
    tips = [UPLOAD_TIP, GONE_TIP];
    const timers = createFakeTimers();
    start({ timers });
    await hotspot(UPLOAD_TIP.title);
    expect(reports).toEqual([]);

    // The grace period (4 s) and the batching delay (1 s) pass on the injected clock; the report then
    // reaches the fake API.
    act(() => timers.advance(5_300));

    await waitFor(() =>
      expect(reports).toEqual([
        {
          platform: "moncompte",
          appVersion: "2026.11.3",
          reports: [{ tip: GONE_TIP.id, route: "/inscription/:step" }],
        },
      ]),
    );
  });

  it("leaves nothing behind when destroyed", async () => {
    const { handle, root } = start();
    await hotspot(UPLOAD_TIP.title);

    act(() => handle.destroy());
    mounted.length = 0;

    expect(root.children).toHaveLength(0);
    // A route watcher installed now is told of the navigation after the widget's would have been.
    const seen = nextNavigationSeen();
    act(() => window.history.pushState({}, "", "/phase1"));
    await seen;
    // A request the widget made then would be answered before the one of a widget mounted again.
    const again = answered("/v1/tips");
    start();
    await again;
    expect(log.tips.map((query) => query.get("route"))).toEqual([
      "/inscription/:step",
      "/phase1",
    ]);
  });
});
