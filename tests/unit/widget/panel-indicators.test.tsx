import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WidgetEventsBody } from "../../../api/contract/widget-events.ts";
import { followFetch } from "../../support/widget/fetch-calls.ts";
import { REFERENCE } from "../../support/widget/fixtures.ts";
import {
  fillAndSendContactForm,
  mountPanel,
  navigate,
  unmountPanels,
} from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

// Issue 13: the anonymous counters of the panel, and « Cette astuce vous a-t-elle aidé ? ».
const { log, answered } = useWidgetServer();
const ROUTE = "/inscription/:step";
const FORMATS = "Formats de documents acceptés";
const QUESTION = "Cette astuce vous a-t-elle aidé ?";
const THANKS = "Merci pour votre réponse.";

const initialUrl = window.location.href;
let fetchCalls: ReturnType<typeof followFetch>;
beforeEach(() => {
  navigate("/inscription/documents");
  fetchCalls = followFetch();
});
afterEach(async () => {
  unmountPanels();
  await fetchCalls.settled();
  window.history.replaceState({}, "", initialUrl);
});

/** The page is left: what the widget counted leaves at once (`pagehide`), and the fake API answers it. */
async function leavePage() {
  const sent = answered("/v1/events");
  window.dispatchEvent(new Event("pagehide"));
  await sent;
}

/** Every line the fake API received, batch after batch. */
const counted = () =>
  log.events.flatMap((received) => (received.body as WidgetEventsBody).events);

/** Opens the panel and the disclosure of the tip titled `title`; returns its list item. */
async function openTip(title = FORMATS) {
  const item = (await screen.findByText(title)).closest("li")!;
  fireEvent.click(within(item).getByText(title));
  await waitFor(() => expect(item.querySelector("details")!.open).toBe(true));
  return item;
}

describe("the panel's counters", () => {
  it("counts nothing before the panel is opened", async () => {
    const { handle } = mountPanel();
    window.dispatchEvent(new Event("pagehide"));

    handle.open();
    await leavePage();

    // The first batch is the opening's: nothing was waiting before it.
    expect(log.events.map((received) => received.body)).toEqual([
      {
        platform: "moncompte",
        events: [{ event: "panel_open", route: ROUTE }],
      },
    ]);
  });

  it("counts the opening, the tip read, the contact form and the request sent with the tips read before it", async () => {
    const { handle } = mountPanel();
    handle.open();
    await openTip();

    fireEvent.click(
      screen.getAllByRole("button", { name: "Contacter le support" }).at(-1)!,
    );
    fillAndSendContactForm("camille.martin@example.fr");
    await screen.findByText(REFERENCE);
    await leavePage();

    expect(counted()).toEqual([
      { event: "panel_open", route: ROUTE },
      {
        event: "tip_read",
        route: ROUTE,
        tip: "inscription-documents-formats",
      },
      { event: "contact_open", route: ROUTE },
      { event: "request_sent", route: ROUTE },
      {
        event: "tip_then_request",
        route: ROUTE,
        tip: "inscription-documents-formats",
      },
    ]);
    // Anonymous: the lines carry no e-mail, no message, no identity.
    expect(log.events[0]!.text).not.toMatch(/camille|grisé|young/);
  });

  it("counts the contact form each time it comes into sight, not at each render", async () => {
    const { handle } = mountPanel();
    handle.open("contact");
    handle.apply(["context", { etape: "documents" }]);
    handle.close();
    handle.open("contact");
    await leavePage();

    expect(counted()).toEqual([
      { event: "panel_open", route: ROUTE, count: 2 },
      { event: "contact_open", route: ROUTE, count: 2 },
    ]);
  });

  it("sends what was counted when the widget is destroyed", async () => {
    const { handle } = mountPanel();
    handle.open();
    const sent = answered("/v1/events");

    handle.destroy();
    await sent;

    expect(counted()).toEqual([{ event: "panel_open", route: ROUTE }]);
  });
});

describe("« Cette astuce vous a-t-elle aidé ? » in the panel", () => {
  it("asks under an opened tip, with two buttons grouped under the question", async () => {
    mountPanel().handle.open();
    const item = await openTip();

    const group = within(item).getByRole("group", { name: QUESTION });
    expect(
      within(group)
        .getAllByRole("button")
        .map((button) => button.textContent),
    ).toEqual(["Oui", "Non"]);
    // The polite live region is there, empty, before the answer: its text is then announced.
    expect(within(item).getByRole("status").textContent).toBe("");
  });

  it("thanks for a « Oui » in the live region, moves the focus there and counts it once", async () => {
    const { handle } = mountPanel();
    handle.open();
    const item = await openTip();

    fireEvent.click(within(item).getByRole("button", { name: "Oui" }));

    const status = within(item).getByRole("status");
    await waitFor(() => expect(status.textContent).toBe(THANKS));
    expect(document.activeElement).toBe(status);
    expect(within(item).queryByRole("group", { name: QUESTION })).toBeNull();
    expect(
      within(item).queryByRole("button", { name: "Contacter le support" }),
    ).toBeNull();

    // One answer per tip per panel session: closed, reopened, found again by a search, it stays answered.
    handle.close();
    handle.open();
    fireEvent.input(screen.getByRole("searchbox"), {
      target: { value: "formats" },
    });
    await screen.findByText("1 résultat");
    const result = screen.getAllByText(FORMATS).at(-1)!.closest("li")!;
    fireEvent.click(within(result).getByText(FORMATS));
    await within(result).findByText(THANKS);
    expect(screen.queryByRole("group", { name: QUESTION })).toBeNull();
    await leavePage();

    expect(counted().filter((line) => line.event !== "tip_read")).toEqual([
      { event: "panel_open", route: ROUTE, count: 2 },
      {
        event: "tip_helpful",
        route: ROUTE,
        tip: "inscription-documents-formats",
      },
    ]);
  });

  it("offers « Contacter le support » after a « Non », which opens the contact form", async () => {
    mountPanel().handle.open();
    const item = await openTip();

    fireEvent.click(within(item).getByRole("button", { name: "Non" }));
    await within(item).findByText(THANKS);
    fireEvent.click(
      within(item).getByRole("button", { name: "Contacter le support" }),
    );

    await screen.findByRole("heading", { name: "Contacter le support" });
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText("Catégorie")),
    );
    await leavePage();
    expect(counted()).toEqual([
      { event: "panel_open", route: ROUTE },
      {
        event: "tip_read",
        route: ROUTE,
        tip: "inscription-documents-formats",
      },
      {
        event: "tip_not_helpful",
        route: ROUTE,
        tip: "inscription-documents-formats",
      },
      { event: "contact_open", route: ROUTE },
    ]);
  });
});

describe("searches without result", () => {
  it("are counted with their term when the user leaves the field; a term with digits never", async () => {
    mountPanel().handle.open();
    await screen.findByText(FORMATS);
    const search = screen.getByRole("searchbox");

    fireEvent.input(search, { target: { value: "Passeport  diplomatique" } });
    await screen.findByText("Aucun résultat.");
    fireEvent.blur(search);
    fireEvent.input(search, { target: { value: "dossier 123456" } });
    await screen.findByText("Aucun résultat.");
    fireEvent.blur(search);
    fireEvent.input(search, { target: { value: "séjour" } });
    await screen.findByText("1 résultat");
    fireEvent.blur(search);
    await leavePage();

    expect(counted().filter((line) => line.event === "search_empty")).toEqual([
      {
        event: "search_empty",
        route: ROUTE,
        term: "passeport diplomatique",
      },
    ]);
  });
});
