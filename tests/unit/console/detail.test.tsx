import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it } from "vitest";
import { CONFLICT_MESSAGE } from "../../../api/console/pages/Detail.tsx";
import { SESSION_IDLE_MS } from "../../../api/support/session-auth.ts";
import {
  AGENT,
  COLLEAGUE,
  makeRequest,
  NOW,
  PASSWORD_HASH,
  REFERENCE,
} from "../../support/console/fixtures.ts";
import { currentPath, openConsole } from "../../support/console/mount.ts";
import { ALL, seedRequest } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api } = useConsoleServer();
beforeEach(async () => {
  await api.signIn(AGENT);
  await seedRequest(api.store);
});

const HOSTILE = `<img src=x onerror=alert(1)>`;
const openDetail = async (reference = REFERENCE) => {
  openConsole(`/support/requests/${reference}`);
  await screen.findByRole("heading", { name: "Conversation" });
  screen.getByRole("heading", { level: 1, name: `Demande ${reference}` });
};
/** The request as the store now holds it. */
const stored = async () => (await api.store.getRequestDetail(ALL, REFERENCE))!;
const timeline = () =>
  screen.getByRole("heading", { name: "Historique" })
    .nextElementSibling as HTMLElement;
const timelineTexts = () =>
  within(timeline())
    .getAllByRole("listitem")
    .map((item) => item.querySelector(".event-what")!.textContent);
const lastPatch = () => api.sent("PATCH", `/requests/${REFERENCE}`).at(-1)!;

describe("request detail", () => {
  it("shows the message with its line breaks, the e-mail as plain text (no mailto link) and the page context as text", async () => {
    await openDetail();

    const original = screen.getByRole("heading", {
      name: "Message initial",
    }).parentElement!;
    const message = original.querySelector(".message")!;
    expect(message.textContent).toBe(
      "Bonjour,\nJe n'arrive pas à téléverser ma carte d'identité.\nLe bouton reste grisé.",
    );
    expect(original.querySelector(".msg-meta")!.textContent).toMatch(
      /^L'usager, le 2 mars 2026 à \d\d:\d\d$/,
    );
    expect(
      screen.getByText("Adresse e-mail de l'usager : camille.martin@example.fr")
        .tagName,
    ).toBe("P");
    expect(screen.queryByRole("link", { name: /camille\.martin/ })).toBeNull();
    expect(document.querySelector('a[href^="mailto:"]')).toBeNull();
    const context = screen.getByRole("heading", {
      name: "Contexte de la page",
    }).parentElement!;
    const pairs = [...context.querySelectorAll("dt")].map((dt) => [
      dt.textContent,
      dt.nextElementSibling!.textContent,
    ]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        ["Plateforme", "moncompte"],
        ["Page", "/inscription/:step"],
        ["Paramètres de la page", "step : documents"],
        ["Titre de la page", "Mon inscription — Documents"],
        ["Rôle", "Volontaire (young)"],
        ["Département", "75"],
        ["Région", "Île-de-France"],
        ["Cohorte", "Février 2027"],
        ["Statut du dossier", "En attente de correction (WAITING_CORRECTION)"],
        ["Version de l'application", "2026.11.3"],
        ["Version du widget", "0.1.0"],
        ["Taille de l'écran", "390 × 844 px"],
        ["Astuces affichées", "mc-inscription-piece-identite"],
        ["etape", "pièce d'identité"],
        ["essais", "3"],
      ]),
    );
    screen.getByText(
      /J'ai un problème technique › Je n'arrive pas à téléverser un document/,
    );
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("renders every user-supplied text literally, creating no element from it", async () => {
    const { context } = makeRequest();
    const reference = await seedRequest(
      api.store,
      makeRequest({
        message: `Bonjour ${HOSTILE} merci`,
        context: {
          ...context,
          title: `Titre ${HOSTILE}`,
          custom: { note: HOSTILE },
        },
      }),
    );
    const at = new Date("2026-03-02T10:00:00.000Z");
    await api.store.updateRequest(
      ALL,
      reference,
      { expectedVersion: 1, actorId: AGENT.id, tags: [HOSTILE] },
      at,
    );
    await api.store.updateUser(COLLEAGUE.id, { displayName: "<b>Sophie</b>" });
    await api.store.addNote(ALL, reference, COLLEAGUE.id, HOSTILE, at);
    await openDetail(reference);

    expect(screen.queryByText(`Bonjour ${HOSTILE} merci`)).not.toBeNull();
    expect(screen.queryByText(`Titre ${HOSTILE}`)).not.toBeNull();
    expect(screen.getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(3);
    expect(screen.queryByText(/Par <b>Sophie<\/b>/)).not.toBeNull();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("b")).toBeNull();
  });

  it("says when the request does not exist or is out of scope", async () => {
    openConsole("/support/requests/SNU-2026-999999");

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Cette demande n'existe pas ou ne relève pas de votre périmètre.",
    );
  });

  it("links back to the inbox as it was filtered", async () => {
    openConsole("/support/?status=new");
    await screen.findByRole("table", { name: /^Demandes/ });
    window.history.pushState(null, "", `/support/requests/${REFERENCE}`);
    window.dispatchEvent(new PopStateEvent("popstate"));

    fireEvent.click(
      await screen.findByRole("link", { name: "Retour aux demandes" }),
    );

    expect(currentPath()).toBe("/support/?status=new");
  });
});

describe("status, assignment and tags", () => {
  it("saves a status with the version it was based on and the CSRF header, then shows it in the timeline", async () => {
    await openDetail();

    fireEvent.change(screen.getByLabelText("Statut"), {
      target: { value: "in_progress" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Statut enregistré : En cours.",
      ),
    );
    // Saved on version 1 (else a 409): the store is at version 2.
    expect(await stored()).toMatchObject({ version: 2, status: "in_progress" });
    expect(lastPatch().headers.get("X-SNU-Support")).toBe("1");
    expect(lastPatch().headers.get("Content-Type")).toBe("application/json");
    expect(timelineTexts()).toEqual([
      "Demande créée",
      "Statut : Nouvelle → En cours",
    ]);
    // Signed by the agent, on the status change (not on the creation).
    expect(
      within(timeline())
        .queryByText(/Par Claire Dubois/)
        ?.closest("li")?.textContent,
    ).toContain("Statut : Nouvelle → En cours");
    expect(
      screen.getAllByText("En cours", { selector: ".badge" }),
    ).toHaveLength(1);
  });

  it("shows the conflict and the fresh data on 409, keeps the choice, and re-applies it with the new version", async () => {
    await openDetail();
    // Meanwhile a colleague took the request and put it on hold.
    await api.store.updateRequest(
      ALL,
      REFERENCE,
      {
        expectedVersion: 1,
        actorId: COLLEAGUE.id,
        status: "waiting_user",
        assigneeId: COLLEAGUE.id,
      },
      new Date("2026-03-02T10:00:00.000Z"),
    );

    fireEvent.change(screen.getByLabelText("Statut"), {
      target: { value: "resolved" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      CONFLICT_MESSAGE,
    );
    expect(CONFLICT_MESSAGE).toMatch(
      /^Cette demande a été modifiée par quelqu'un d'autre/,
    );
    screen.getByText("En attente de l'usager", { selector: ".badge" });
    screen.getByText("Assignée à Sophie Laurent", {
      selector: ".assignment p",
    });
    expect(timelineTexts()).toContain(
      "Statut : Nouvelle → En attente de l'usager",
    );
    expect((screen.getByLabelText("Statut") as HTMLSelectElement).value).toBe(
      "resolved",
    );
    expect((await stored()).status).toBe("waiting_user"); // nothing overwritten

    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Statut enregistré : Résolue.",
      ),
    );
    expect(await stored()).toMatchObject({ version: 3, status: "resolved" });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("assigns the request to oneself, then removes the assignment", async () => {
    await openDetail();

    fireEvent.click(screen.getByRole("button", { name: "M'assigner" }));
    await screen.findByText("Assignée à vous", { selector: ".assignment p" });
    expect(await stored()).toMatchObject({
      version: 2,
      assignee: { id: AGENT.id },
    });
    expect(timelineTexts()).toContain("Assignée à Claire Dubois");

    fireEvent.click(
      screen.getByRole("button", { name: "Retirer l'assignation" }),
    );
    await screen.findByText("Non assignée", { selector: ".assignment p" });
    expect(await stored()).toMatchObject({ version: 3 });
    expect((await stored()).assignee).toBeUndefined();
    expect(timelineTexts()).toContain(
      "Assignation retirée (était : Claire Dubois)",
    );
  });

  it("assigns the request to a colleague chosen in the list", async () => {
    await openDetail();
    const select = screen.getByLabelText("Assigner à");
    await waitFor(() =>
      within(select).getByRole("option", { name: "Sophie Laurent" }),
    );

    fireEvent.change(select, { target: { value: String(COLLEAGUE.id) } });
    fireEvent.click(screen.getByRole("button", { name: "Assigner" }));

    await screen.findByText("Assignée à Sophie Laurent", {
      selector: ".assignment p",
    });
    expect(await stored()).toMatchObject({
      version: 2,
      assignee: { id: COLLEAGUE.id },
    });
    expect(timelineTexts()).toContain("Assignée à Sophie Laurent");
    expect(screen.getByRole("status").textContent).toBe(
      "Demande assignée à Sophie Laurent.",
    );
  });

  it("offers only the colleagues who can see the request: the national team and its département's referents", async () => {
    // Besides the accounts of fixtures.ts (Karim Benali: 75 and 92), two referents.
    const referent = (displayName: string, departments: string[]) =>
      api.store.createUser(
        {
          email: `${displayName.replace(" ", ".")}@snu.gouv.fr`,
          displayName,
          role: "referent",
          departments,
          passwordHash: PASSWORD_HASH,
        },
        NOW,
      );
    await referent("Inès Moreau", ["92", "75"]);
    await referent("Paul Girard", ["13"]);
    await openDetail();
    const select = screen.getByLabelText("Assigner à");
    await waitFor(() =>
      within(select).getByRole("option", { name: "Inès Moreau" }),
    );

    expect(
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual([
      "Choisir une personne",
      "Claire Dubois (vous)",
      "Karim Benali",
      "Sophie Laurent",
      "Nadia Admin",
      "Inès Moreau",
    ]);
  });

  it("saves comma-separated tags, trimmed and without repeats, and shows them", async () => {
    await openDetail();

    fireEvent.input(screen.getByLabelText("Étiquettes"), {
      target: { value: " upload, iOS ,, upload" },
    });
    fireEvent.click(
      screen.getByRole("button", { name: "Enregistrer les étiquettes" }),
    );

    const current = await screen.findByRole("list", {
      name: "Étiquettes actuelles",
    });
    expect(
      within(current)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["upload", "iOS"]);
    expect(await stored()).toMatchObject({
      version: 2,
      tags: ["upload", "iOS"],
    });
    expect(
      (screen.getByLabelText("Étiquettes") as HTMLInputElement).value,
    ).toBe("upload, iOS");
  });

  it("refuses more than 10 tags without calling the API", async () => {
    await openDetail();

    fireEvent.input(screen.getByLabelText("Étiquettes"), {
      target: {
        value: Array.from({ length: 11 }, (_, i) => `t${i}`).join(","),
      },
    });
    fireEvent.click(
      screen.getByRole("button", { name: "Enregistrer les étiquettes" }),
    );

    expect((await screen.findByRole("alert")).textContent).toBe(
      "10 étiquettes au plus.",
    );
    expect(api.sent("PATCH", `/requests/${REFERENCE}`)).toHaveLength(0);
  });
});

describe("expired session", () => {
  it("sends the user to log in, then back to this request, when a change answers 401", async () => {
    await openDetail();
    api.clock.advance(SESSION_IDLE_MS); // the session expired meanwhile

    fireEvent.change(screen.getByLabelText("Statut"), {
      target: { value: "closed" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));

    await screen.findByRole("heading", {
      name: "Connexion à la console support",
    });
    expect(currentPath()).toBe(
      `/support/login?next=${encodeURIComponent(`/support/requests/${REFERENCE}`)}`,
    );
  });
});

describe("internal notes", () => {
  it("adds a note that appears as text at the end of the timeline", async () => {
    await openDetail();
    const note =
      "Appelé la famille.\nRenvoi du lien de téléversement <b>fait</b>.";

    fireEvent.input(screen.getByLabelText("Note interne"), {
      target: { value: note },
    });
    fireEvent.click(screen.getByRole("button", { name: "Ajouter la note" }));

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Note ajoutée."),
    );
    expect((await stored()).events.at(-1)).toMatchObject({
      type: "note",
      data: { text: note },
    });
    const [call] = api.sent("POST", `/requests/${REFERENCE}/notes`);
    expect(call!.headers.get("X-SNU-Support")).toBe("1");
    expect(timelineTexts()).toEqual(["Demande créée", "Note interne"]);
    const last = within(timeline()).getAllByRole("listitem").at(-1)!;
    expect(last.querySelector(".note-text")!.textContent).toBe(note);
    expect(last.querySelector("b")).toBeNull();
    expect(
      (screen.getByLabelText("Note interne") as HTMLTextAreaElement).value,
    ).toBe("");
  });

  it("asks for a text instead of sending an empty note", async () => {
    await openDetail();

    fireEvent.input(screen.getByLabelText("Note interne"), {
      target: { value: "   " },
    });
    fireEvent.click(screen.getByRole("button", { name: "Ajouter la note" }));

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Écrivez la note avant de l'ajouter.",
    );
    expect(api.sent("POST", `/requests/${REFERENCE}/notes`)).toHaveLength(0);
  });
});
