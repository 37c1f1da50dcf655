import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import {
  AGENT,
  makeRequest,
  REFERENCE,
} from "../../support/console/fixtures.ts";
import { closeConsole, openConsole } from "../../support/console/mount.ts";
import {
  ALL,
  followUpHash,
  seedReply,
  seedRequest,
  type MailOutcome,
} from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api } = useConsoleServer();
beforeEach(() => api.signIn(AGENT));

const HOSTILE = `<img src=x onerror=alert(1)>`;

/** A reply of Claire Dubois at 10:00 + `minutes`, its e-mail then sent or failed; returns the e-mail's id. */
const reply = (
  minutes: number,
  mail?: MailOutcome,
  text = `Réponse n° ${minutes}`,
) =>
  seedReply(api.store, REFERENCE, {
    at: new Date(Date.UTC(2026, 2, 2, 10, minutes)).toISOString(),
    text,
    ...(mail ? { mail } : {}),
  });
/** An answer of the requester through the follow-up page, at 11:00. */
const requesterAnswer = (text: string) =>
  api.store.addAnswer(
    followUpHash(REFERENCE),
    text,
    new Date("2026-03-02T11:00:00.000Z"),
  );
const stored = async () => (await api.store.getRequestDetail(ALL, REFERENCE))!;

const openDetail = async () => {
  openConsole(`/support/requests/${REFERENCE}`);
  await screen.findByRole("heading", { name: "Conversation" });
};
const conversation = () =>
  screen.getByRole("heading", { name: "Conversation" }).parentElement!;
const items = () => within(conversation()).getAllByRole("listitem");
const timeline = () =>
  screen.getByRole("heading", { name: "Historique" })
    .nextElementSibling as HTMLElement;

describe("conversation", () => {
  it("shows the original message, then replies and answers oldest first, each with who and when", async () => {
    await seedRequest(api.store);
    await reply(1, { state: "sent", transport: "smtp" });
    await requesterAnswer("Merci, mais le bouton reste grisé.");
    await openDetail();

    expect(
      items().map((item) => within(item).getByRole("heading").textContent),
    ).toEqual([
      "Message initial",
      "Réponse envoyée à l'usager",
      "Réponse de l'usager",
    ]);
    const [, sent, answer] = items();
    expect(sent!.querySelector(".msg-meta")!.textContent).toMatch(
      /^L'équipe support du SNU \(Claire Dubois\), le 2 mars 2026 à \d\d:\d\d$/,
    );
    expect(sent!.querySelector("time")!.getAttribute("datetime")).toBe(
      "2026-03-02T10:01:00.000Z",
    );
    expect(sent!.classList.contains("msg-reply")).toBe(true);
    expect(answer!.querySelector(".msg-meta")!.textContent).toMatch(
      /^L'usager, le 2 mars 2026 à/,
    );
    expect(answer!.querySelector(".msg-text")!.textContent).toBe(
      "Merci, mais le bouton reste grisé.",
    );
    expect(answer!.querySelector(".delivery")).toBeNull();
    expect(answer!.classList.contains("msg-reply")).toBe(false);
  });

  it("says how each reply's e-mail fared", async () => {
    // Every reply to a request with an address has its e-mail: « Pas d'adresse e-mail » is shown for a
    // request without one (reply-composer.test.tsx).
    await seedRequest(api.store);
    await reply(2);
    await reply(3, { state: "sent", transport: "smtp" });
    await reply(4, { state: "sent", transport: "file" });
    await reply(5, {
      state: "failed",
      error: "Adresse refusée par le serveur de messagerie",
    });
    await openDetail();

    expect(
      items()
        .slice(1)
        .map((item) => item.querySelector(".delivery")!.textContent),
    ).toEqual([
      "En attente d'envoi",
      "Envoyée",
      "Déposée dans le dossier mail (aucun serveur SMTP configuré)",
      "Échec : Adresse refusée par le serveur de messagerie",
    ]);
    // Only the failed e-mail can be sent again.
    expect(screen.getAllByRole("button", { name: "Réessayer" })).toHaveLength(
      1,
    );
  });

  it("queues a failed e-mail again with « Réessayer » and shows it waiting", async () => {
    await seedRequest(api.store);
    const mail = await reply(1, { state: "failed", error: "Boîte pleine" });
    await openDetail();
    const button = screen.getByRole("button", { name: "Réessayer" });
    expect(
      document.getElementById(button.getAttribute("aria-describedby")!)!
        .textContent,
    ).toBe("Échec : Boîte pleine");

    fireEvent.click(button);

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "L'e-mail est de nouveau en attente d'envoi.",
      ),
    );
    expect((await stored()).messages[0]!.mail!.state).toBe("pending");
    const [call] = api.sent(
      "POST",
      `/requests/${REFERENCE}/mails/${mail}/retry`,
    );
    expect(call!.headers.get("X-SNU-Support")).toBe("1");
    expect(items()[1]!.querySelector(".delivery")!.textContent).toBe(
      "En attente d'envoi",
    );
    expect(screen.queryByRole("button", { name: "Réessayer" })).toBeNull();
  });

  it("marks the requester's answer as read when the request is opened, and only then", async () => {
    await seedRequest(api.store, makeRequest(), { unreadAnswer: true });
    await openDetail();
    await waitFor(async () =>
      expect((await stored()).unreadAnswer).toBe(false),
    );
    expect(api.sent("POST", `/requests/${REFERENCE}/read`)).toHaveLength(1);

    closeConsole();
    const other = await seedRequest(api.store);
    openConsole(`/support/requests/${other}`);
    await screen.findByRole("heading", { name: "Conversation" });
    expect(api.sent("POST", `/requests/${other}/read`)).toHaveLength(0);
  });

  it("shows the requester's rating with its label and comment, as text", async () => {
    await seedRequest(api.store, makeRequest(), { status: "resolved" });
    await api.store.rate(
      followUpHash(REFERENCE),
      { score: 4, comment: `Rapide ${HOSTILE}` },
      new Date("2026-03-03T09:00:00.000Z"),
    );
    await openDetail();

    expect(screen.getByText(/^Satisfaction de l'usager/).textContent).toBe(
      "Satisfaction de l'usager : 4/5 — Satisfait(e)",
    );
    expect(screen.getByText(`Rapide ${HOSTILE}`)).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows no rating line while the requester has not rated", async () => {
    await seedRequest(api.store);
    await openDetail();

    expect(screen.queryByText(/Satisfaction de l'usager/)).toBeNull();
  });

  it("renders replies and answers literally, creating no element from them", async () => {
    await seedRequest(api.store);
    await reply(1, undefined, `Réponse ${HOSTILE}`);
    await requesterAnswer(`Réponse de l'usager ${HOSTILE}`);
    await openDetail();

    expect(screen.getByText(`Réponse ${HOSTILE}`)).toBeTruthy();
    expect(screen.getByText(`Réponse de l'usager ${HOSTILE}`)).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
  });

  it("keeps internal notes out of the conversation and replies out of the notes", async () => {
    await seedRequest(api.store);
    await reply(1, undefined, "Texte public pour l'usager");
    await api.store.addNote(
      ALL,
      REFERENCE,
      AGENT.id,
      "Texte interne entre collègues",
      new Date("2026-03-02T10:30:00.000Z"),
    );
    await openDetail();

    expect(conversation().textContent).not.toContain(
      "Texte interne entre collègues",
    );
    expect(conversation().textContent).toContain("Texte public pour l'usager");
    expect(timeline().textContent).toContain("Texte interne entre collègues");
    expect(timeline().textContent).toContain("Note interne");
    expect(timeline().textContent).not.toContain("Texte public pour l'usager");
  });
});

describe("timeline of automatic follow-ups", () => {
  it("shows the reminder and the automatic resolution as « Automatique »", async () => {
    // Waiting for the user since 9:00, reminded 5 days later, resolved after 14, then closed by Claire.
    await seedRequest(api.store, makeRequest(), { status: "waiting_user" });
    const days = { reminderDays: 5, autoResolveDays: 14 };
    for (const at of ["2026-03-07T09:00:00.000Z", "2026-03-16T09:00:00.000Z"])
      await api.store.runFollowUpAutomation(new Date(at), days);
    await api.store.updateRequest(
      ALL,
      REFERENCE,
      {
        expectedVersion: (await stored()).version,
        actorId: AGENT.id,
        status: "closed",
      },
      new Date("2026-03-17T09:00:00.000Z"),
    );
    await openDetail();

    const lines = within(timeline())
      .getAllByRole("listitem")
      .map((item) => [
        item.querySelector(".event-what")!.textContent,
        item.querySelector(".event-meta")!.textContent!.split(",")[0],
      ]);
    expect(lines).toEqual([
      ["Demande créée", "Par l'usager"],
      ["Statut : Nouvelle → En attente de l'usager", "Par Claire Dubois"],
      ["Relance envoyée à l'usager", "Automatique"],
      ["Statut : En attente de l'usager → Résolue", "Automatique"],
      ["Statut : Résolue → Close", "Par Claire Dubois"],
    ]);
  });
});
