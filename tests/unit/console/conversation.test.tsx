import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import type { ConversationMessage } from "../../../api/store/conversation-types.ts";
import {
  AGENT,
  makeDetail,
  REFERENCE,
} from "../../support/console/fixtures.ts";
import { closeConsole, openConsole } from "../../support/console/mount.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { fake } = useConsoleServer();
beforeEach(() => {
  fake.user = AGENT;
});

const HOSTILE = `<img src=x onerror=alert(1)>`;
const CLAIRE = { id: 1, displayName: "Claire Dubois" };

/** A reply of Claire Dubois at 10:00 + `minutes`, carrying the given e-mail. */
const reply = (
  id: number,
  mail: ConversationMessage["mail"],
  text = `Réponse n° ${id}`,
): ConversationMessage => ({
  id,
  at: new Date(Date.UTC(2026, 2, 2, 10, id)).toISOString(),
  author: "agent",
  actor: CLAIRE,
  signature: "L'équipe support du SNU",
  text,
  ...(mail ? { mail } : {}),
});

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
    fake.details.set(
      REFERENCE,
      makeDetail({
        messages: [
          reply(1, { id: 11, state: "sent", attempts: 1, transport: "smtp" }),
          {
            id: 2,
            at: "2026-03-02T11:00:00.000Z",
            author: "requester",
            text: "Merci, mais le bouton reste grisé.",
          },
        ],
      }),
    );
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
    fake.details.set(
      REFERENCE,
      makeDetail({
        messages: [
          reply(1, undefined),
          reply(2, { id: 12, state: "pending", attempts: 0 }),
          reply(3, { id: 13, state: "sent", attempts: 1, transport: "smtp" }),
          reply(4, { id: 14, state: "sent", attempts: 1, transport: "file" }),
          reply(5, {
            id: 15,
            state: "failed",
            attempts: 3,
            lastError: "Adresse refusée par le serveur de messagerie",
          }),
        ],
      }),
    );
    await openDetail();

    expect(
      items()
        .slice(1)
        .map((item) => item.querySelector(".delivery")!.textContent),
    ).toEqual([
      "Pas d'adresse e-mail : réponse visible sur la page de suivi",
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
    fake.details.set(
      REFERENCE,
      makeDetail({
        messages: [
          reply(1, {
            id: 15,
            state: "failed",
            attempts: 3,
            lastError: "Boîte pleine",
          }),
        ],
      }),
    );
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
    const [call] = fake.callsTo(
      "POST",
      `/requests/${REFERENCE}/mails/15/retry`,
    );
    expect(call!.headers.get("X-SNU-Support")).toBe("1");
    expect(items()[1]!.querySelector(".delivery")!.textContent).toBe(
      "En attente d'envoi",
    );
    expect(screen.queryByRole("button", { name: "Réessayer" })).toBeNull();
  });

  it("marks the requester's answer as read when the request is opened, and only then", async () => {
    fake.details.set(REFERENCE, makeDetail({ unreadAnswer: true }));
    await openDetail();
    await waitFor(() =>
      expect(fake.details.get(REFERENCE)!.unreadAnswer).toBe(false),
    );
    expect(fake.callsTo("POST", `/requests/${REFERENCE}/read`)).toHaveLength(1);

    closeConsole();
    fake.details.set(
      "SNU-2026-000124",
      makeDetail({ reference: "SNU-2026-000124" }),
    );
    openConsole("/support/requests/SNU-2026-000124");
    await screen.findByRole("heading", { name: "Conversation" });
    expect(fake.callsTo("POST", "/requests/SNU-2026-000124/read")).toHaveLength(
      0,
    );
  });

  it("shows the requester's rating with its label and comment, as text", async () => {
    fake.details.set(
      REFERENCE,
      makeDetail({
        status: "resolved",
        rating: {
          score: 4,
          comment: `Rapide ${HOSTILE}`,
          at: "2026-03-03T09:00:00.000Z",
          updatedAt: "2026-03-03T09:00:00.000Z",
        },
      }),
    );
    await openDetail();

    expect(screen.getByText(/^Satisfaction de l'usager/).textContent).toBe(
      "Satisfaction de l'usager : 4/5 — Satisfait(e)",
    );
    expect(screen.getByText(`Rapide ${HOSTILE}`)).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows no rating line while the requester has not rated", async () => {
    fake.details.set(REFERENCE, makeDetail());
    await openDetail();

    expect(screen.queryByText(/Satisfaction de l'usager/)).toBeNull();
  });

  it("renders replies and answers literally, creating no element from them", async () => {
    fake.details.set(
      REFERENCE,
      makeDetail({
        messages: [
          reply(1, undefined, `Réponse ${HOSTILE}`),
          {
            id: 2,
            at: "2026-03-02T11:00:00.000Z",
            author: "requester",
            text: `Réponse de l'usager ${HOSTILE}`,
          },
        ],
      }),
    );
    await openDetail();

    expect(screen.getByText(`Réponse ${HOSTILE}`)).toBeTruthy();
    expect(screen.getByText(`Réponse de l'usager ${HOSTILE}`)).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
  });

  it("keeps internal notes out of the conversation and replies out of the notes", async () => {
    const base = makeDetail();
    fake.details.set(
      REFERENCE,
      makeDetail({
        messages: [reply(1, undefined, "Texte public pour l'usager")],
        events: [
          ...base.events,
          {
            id: 2,
            at: "2026-03-02T10:30:00.000Z",
            type: "note",
            actor: CLAIRE,
            data: { text: "Texte interne entre collègues" },
          },
        ],
      }),
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
    const base = makeDetail();
    fake.details.set(
      REFERENCE,
      makeDetail({
        status: "resolved",
        events: [
          ...base.events,
          {
            id: 2,
            at: "2026-03-07T09:00:00.000Z",
            type: "reminder",
            data: { auto: true },
          },
          {
            id: 3,
            at: "2026-03-16T09:00:00.000Z",
            type: "status",
            data: { from: "waiting_user", to: "resolved", auto: true },
          },
          {
            id: 4,
            at: "2026-03-17T09:00:00.000Z",
            type: "status",
            actor: CLAIRE,
            data: { from: "resolved", to: "closed" },
          },
        ],
      }),
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
      ["Relance envoyée à l'usager", "Automatique"],
      ["Statut : En attente de l'usager → Résolue", "Automatique"],
      ["Statut : Résolue → Close", "Par Claire Dubois"],
    ]);
  });
});
