import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  REFERENCE,
  REQUESTS_URL,
  TIPS_URL,
} from "../../support/widget/fixtures.ts";
import { errorResponse, recordRequest } from "../../support/widget/handlers.ts";
import {
  fillAndSendContactForm,
  mountPanel,
  navigate,
  unmountPanels,
} from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

// RGAA 7.5 (issue 16): the panel's status messages reach screen readers without taking the focus. What
// tells where things stand (loading, a result count, sending, sent) is in a `role="status"` region that is
// in the document BEFORE its text arrives (a region added together with its text is not announced); what
// reports a failure is in a `role="alert"`.
const { server, log } = useWidgetServer();

const initialUrl = window.location.href;
beforeEach(() => navigate("/inscription/documents"));
afterEach(() => {
  unmountPanels();
  window.history.replaceState({}, "", initialUrl);
});

/** The live region (`role="status"` or `role="alert"`) around the element showing `text`, or null. */
const regionAround = (text: string | RegExp) =>
  screen
    .getByText(text)
    .closest<HTMLElement>('[role="status"], [role="alert"]');

/** The `role="status"` regions of the panel shown now (those of hidden views left out). */
const shownStatuses = () => screen.queryAllByRole("status");

/** A gate the fake API waits on before it answers. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("the tips view's status messages", () => {
  it("says « Chargement des conseils… » in a status there before it, and the empty outcome in the same status", async () => {
    const answer = gate();
    server.use(
      http.get(
        TIPS_URL,
        async () => {
          await answer.opened;
          return HttpResponse.json({ tips: [] });
        },
        { once: true },
      ),
    );
    const { handle } = mountPanel();
    handle.open();

    const loading = regionAround("Chargement des conseils…");
    expect(loading?.getAttribute("role")).toBe("status");
    answer.open();

    const empty = await screen.findByText(
      /Aucun conseil particulier pour cette page/,
    );
    // The same element: its change is what a screen reader announces.
    expect(empty.closest('[role="status"]')).toBe(loading);
    expect(screen.queryByText("Chargement des conseils…")).toBeNull();
  });

  it("reports a failed loading in an alert, and the loading again in the status once « Réessayer » is pressed", async () => {
    server.use(
      http.get(TIPS_URL, () => errorResponse(503, "unavailable"), {
        once: true,
      }),
    );
    mountPanel().handle.open();
    const status = regionAround("Chargement des conseils…");

    const error = await screen.findByText(
      /Les conseils n'ont pas pu être chargés/,
    );
    expect(error.closest("[role]")?.getAttribute("role")).toBe("alert");
    // The alert holds the way out, not only the text.
    expect(
      error
        .closest('[role="alert"]')!
        .contains(screen.getByRole("button", { name: "Réessayer" })),
    ).toBe(true);
    expect(status?.textContent).toBe("");

    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(regionAround("Chargement des conseils…")).toBe(status);
    await screen.findByText("Formats de documents acceptés");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("gives the number of results in a status that is there before the first query", async () => {
    mountPanel().handle.open();
    await screen.findByText("Formats de documents acceptés");
    const before = shownStatuses();

    fireEvent.input(screen.getByRole("searchbox"), {
      target: { value: "SEJOUR" },
    });
    const count = await screen.findByText("1 résultat");
    const region = count.closest<HTMLElement>('[role="status"]');
    expect(region).not.toBeNull();
    expect(before).toContain(region);

    fireEvent.input(screen.getByRole("searchbox"), {
      target: { value: "passeport diplomatique" },
    });
    expect((await screen.findByText("Aucun résultat.")).parentElement).toBe(
      region,
    );
    // The count only: the results themselves are not read out with it.
    expect(region!.querySelector("li")).toBeNull();
  });

  it("reports an unavailable search in an alert", async () => {
    mountPanel().handle.open();
    await screen.findByText("Formats de documents acceptés");
    server.use(http.get(TIPS_URL, () => errorResponse(503, "unavailable")));

    fireEvent.input(screen.getByRole("searchbox"), {
      target: { value: "séjour" },
    });

    await screen.findByText("La recherche est indisponible pour le moment.");
    expect(
      regionAround(
        "La recherche est indisponible pour le moment.",
      )?.getAttribute("role"),
    ).toBe("alert");
  });
});

describe("the contact form's status messages", () => {
  it("says « Envoi en cours… », then the reference, in the form's status, there before the submission", async () => {
    const answer = gate();
    server.use(
      http.post(
        REQUESTS_URL,
        async ({ request }) => {
          await recordRequest(log, request);
          await answer.opened;
          return HttpResponse.json(
            {
              reference: REFERENCE,
              createdAt: "2026-03-02T09:30:00.000Z",
            },
            { status: 201 },
          );
        },
        { once: true },
      ),
    );
    mountPanel().handle.open("contact");
    const [status] = shownStatuses();
    expect(shownStatuses()).toHaveLength(1);
    expect(status!.textContent).toBe("");
    fillAndSendContactForm("camille.martin@example.fr");

    await waitFor(() =>
      expect(status!.textContent).toContain("Envoi en cours…"),
    );
    // Still in flight: the API has it and has not answered.
    await waitFor(() => expect(log.requests).toHaveLength(1));
    expect(status!.textContent).toContain("Envoi en cours…");
    answer.open();

    await waitFor(() => expect(status!.textContent).toContain(REFERENCE));
    expect(status!.textContent).not.toContain("Envoi en cours…");
    expect(status!.isConnected).toBe(true);
  });

  it("says that a submission waits in the form's status, and reports a refusal in an alert", async () => {
    server.use(
      http.post(REQUESTS_URL, () => HttpResponse.error(), { once: true }),
    );
    mountPanel().handle.open("contact");
    const [status] = shownStatuses();
    fillAndSendContactForm("camille.martin@example.fr");

    await waitFor(() =>
      expect(status!.textContent).toContain(
        "Votre demande sera envoyée dès que la connexion revient.",
      ),
    );
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("reports a refused submission in an alert", async () => {
    server.use(
      http.post(REQUESTS_URL, () => errorResponse(403, "origin_not_allowed"), {
        once: true,
      }),
    );
    mountPanel().handle.open("contact");
    fillAndSendContactForm("camille.martin@example.fr");

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Ce site n'est pas autorisé à envoyer des demandes au support. Signalez-le au responsable du site.",
    );
  });
});
