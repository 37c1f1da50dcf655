import { act, screen, waitFor } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HostCall } from "../../../widget/shared/types.ts";
import {
  FOLLOW_UP_URL,
  REFERENCE,
  REQUESTS_URL,
} from "../../support/widget/fixtures.ts";
import { recordRequest } from "../../support/widget/handlers.ts";
import {
  fillAndSendContactForm,
  bootSender,
  mountPanel,
  navigate,
  unmountPanels,
} from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

// Issue 10: the confirmation links to the requester's follow-up page, and the request is remembered for
// « Mes demandes » once — and only once — it is acknowledged.
const { server, log } = useWidgetServer();

const MY_REQUESTS = "snu-aide:demandes:moncompte";
const OUTBOX = "snu-aide:envoi:moncompte";
const OUTCOME = "snu-aide:envoi-fini:moncompte";
const QUEUED = "Votre demande sera envoyée dès que la connexion revient.";
const EMAIL = "camille.martin@example.fr";
const LINK_NAME = /^Suivre ma demande/;

const initialUrl = window.location.href;
beforeEach(() => navigate("/inscription/documents"));
afterEach(() => {
  unmountPanels();
  window.history.replaceState({}, "", initialUrl);
});

/** Opens the form, fills it validly and sends it. */
function send(options: { calls?: HostCall[]; email?: string } = {}) {
  const panel = mountPanel({ calls: options.calls ?? [] });
  panel.handle.open("contact");
  fillAndSendContactForm(options.email);
  return panel;
}

/** The next POST /v1/requests gets `answer` (recorded like the others). */
function answerNextPost(answer: () => Response) {
  server.use(
    http.post(
      REQUESTS_URL,
      async ({ request }) => {
        await recordRequest(log, request);
        return answer();
      },
      { once: true },
    ),
  );
}

const created = (followUpUrl?: unknown) =>
  HttpResponse.json(
    {
      reference: REFERENCE,
      createdAt: "2026-03-02T09:30:00.000Z",
      ...(followUpUrl === undefined ? {} : { followUpUrl }),
    },
    { status: 201 },
  );

const status = () => screen.getByRole("status");
const statusShows = (text: string) =>
  waitFor(() => expect(status().textContent).toContain(text));
const followLink = () =>
  screen.getByRole("link", { name: LINK_NAME }) as HTMLAnchorElement;
const remembered = () =>
  JSON.parse(window.localStorage.getItem(MY_REQUESTS) ?? "null") as
    { reference: string; followUpUrl: string; owner?: string }[] | null;

describe("the confirmation", () => {
  it("links to the follow-up page, in a new tab without opener, and says what the link is for", async () => {
    send({ email: EMAIL });

    await statusShows(REFERENCE);
    const link = followLink();
    expect(status().contains(link)).toBe(true);
    expect(link.href).toBe(FOLLOW_UP_URL);
    expect(link.target).toBe("_blank");
    expect(link.rel).toBe("noopener noreferrer");
    expect(link.textContent).toContain("(nouvelle fenêtre)");
    const paragraph = link.closest("p")!.textContent!;
    expect(paragraph).toContain("suivre votre demande");
    expect(paragraph).toContain("répondre au support");
    expect(paragraph).toContain("il figure aussi dans chaque e-mail");
  });

  it("does not speak of e-mails when the identified user gave no address", async () => {
    send({ calls: [["identify", { role: "young" }]] });

    await statusShows(REFERENCE);
    const paragraph = followLink().closest("p")!.textContent!;
    expect(paragraph).toContain("répondre au support");
    expect(paragraph).not.toContain("e-mail");
  });

  it.each([
    ["a javascript: URL", `javascript:alert(1)//${"a".repeat(32)}`],
    [
      "a data: URL",
      `data:text/html,<script>alert(1)</script>/${"a".repeat(32)}`,
    ],
    ["a relative URL", `/suivi/${"a".repeat(32)}`],
    ["a URL without a token", "https://aide.example/suivi/"],
    ["a value that is not a string", 42],
  ])("shows the reference but no link for %s", async (_, followUpUrl) => {
    answerNextPost(() => created(followUpUrl));
    send({ email: EMAIL });

    await statusShows(REFERENCE);
    expect(screen.queryByRole("link", { name: LINK_NAME })).toBeNull();
    expect(status().querySelector("a")).toBeNull();
  });

  it("shows the reference without a link when an older server sends none", async () => {
    answerNextPost(() => created());
    send({ email: EMAIL });

    await statusShows(REFERENCE);
    expect(screen.queryByRole("link", { name: LINK_NAME })).toBeNull();
    expect(window.localStorage.getItem(MY_REQUESTS)).toBeNull();
  });
});

describe("the confirmation shown later, from the outcome", () => {
  it("carries the link when the request was acknowledged while the panel was closed", async () => {
    answerNextPost(() => HttpResponse.error());
    const { handle } = send({ email: EMAIL });
    await statusShows(QUEUED);
    handle.close();

    act(() => void window.dispatchEvent(new Event("online")));
    await waitFor(() => expect(window.localStorage.getItem(OUTBOX)).toBeNull());
    handle.open();

    await statusShows(REFERENCE);
    expect(followLink().href).toBe(FOLLOW_UP_URL);
    expect(followLink().target).toBe("_blank");
  });

  it("carries the link when the loader's sender got it acknowledged before the panel was opened", async () => {
    answerNextPost(() => HttpResponse.error());
    const first = send({ email: EMAIL });
    await statusShows(QUEUED);
    first.handle.destroy();
    document.body.replaceChildren();

    // A reload: the sender the loader starts at boot (not the panel's) sends it.
    const sender = bootSender();
    await act(async () => void (await sender.send()));
    sender.stop();
    expect(remembered()).toHaveLength(1);
    const { handle } = mountPanel();
    handle.open();

    await statusShows(REFERENCE);
    expect(followLink().href).toBe(FOLLOW_UP_URL);
  });

  it("carries the link of a request another tab got acknowledged, and only an http(s) one", async () => {
    const storeOutcome = (followUpUrl: string) =>
      window.localStorage.setItem(
        OUTCOME,
        JSON.stringify({
          created: {
            reference: REFERENCE,
            createdAt: "2026-03-02T09:30:00.000Z",
            followUpUrl,
          },
          email: EMAIL,
          savedAt: Date.now(),
        }),
      );
    storeOutcome(FOLLOW_UP_URL);
    const { handle } = mountPanel();
    handle.open();
    await statusShows(REFERENCE);
    expect(followLink().href).toBe(FOLLOW_UP_URL);

    handle.close();
    storeOutcome(`javascript:alert(1)//${"a".repeat(32)}`);
    handle.open();
    await statusShows(REFERENCE);
    expect(status().querySelector("a")).toBeNull();
  });
});

describe("remembering the request for « Mes demandes »", () => {
  it("writes nothing before the request is acknowledged: not on opening, typing, waiting or a refusal", async () => {
    answerNextPost(() => HttpResponse.error());
    const { handle } = send({ email: EMAIL });
    await statusShows(QUEUED);
    expect(window.localStorage.getItem(OUTBOX)).not.toBeNull();
    expect(window.localStorage.getItem(MY_REQUESTS)).toBeNull();

    answerNextPost(() =>
      HttpResponse.json(
        {
          error: {
            code: "validation_failed",
            message: "Message de l'API",
            details: [{ path: "message", message: "Message refusé." }],
          },
        },
        { status: 400 },
      ),
    );
    act(() => void window.dispatchEvent(new Event("online")));
    await waitFor(() => expect(window.localStorage.getItem(OUTBOX)).toBeNull());
    handle.close();
    // The form is built only while the contact view shows (issue 14): the refusal is read there.
    handle.open("contact");
    await waitFor(() =>
      expect(screen.queryByText("Message refusé.")).not.toBeNull(),
    );
    expect(window.localStorage.getItem(MY_REQUESTS)).toBeNull();
    expect(log.requests).toHaveLength(2);
  });

  it("remembers it once acknowledged, bound to the userId the host gave", async () => {
    send({
      calls: [["identify", { role: "young", userId: "user-a" }]],
      email: EMAIL,
    });

    await statusShows(REFERENCE);
    expect(remembered()).toEqual([
      expect.objectContaining({
        reference: REFERENCE,
        followUpUrl: FOLLOW_UP_URL,
        owner: "user-a",
      }),
    ]);
  });

  it("remembers it without an owner when the host gave no userId", async () => {
    send({ email: EMAIL });

    await statusShows(REFERENCE);
    expect(remembered()).toHaveLength(1);
    expect(remembered()![0]).not.toHaveProperty("owner");
  });
});
