import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { replyDraftKey } from "../../../api/console/replies/reply-draft.ts";
import {
  AGENT,
  apiUrl,
  makeRequest,
  makeTemplate,
  REFERENCE,
} from "../../support/console/fixtures.ts";
import { closeConsole, openConsole } from "../../support/console/mount.ts";
import { ALL, seedRequest, seedTemplates } from "../../support/console/seed.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { server, api } = useConsoleServer();
beforeEach(async () => {
  await api.signIn(AGENT);
  await seedRequest(api.store);
});

const openDetail = async (reference = REFERENCE) => {
  openConsole(`/support/requests/${reference}`);
  await screen.findByRole("heading", { name: "Conversation" });
};
/** The request as the store now holds it. */
const stored = async () => (await api.store.getRequestDetail(ALL, REFERENCE))!;
const replyBox = () =>
  screen.getByLabelText("Réponse à l'usager") as HTMLTextAreaElement;
const type = (text: string) =>
  fireEvent.input(replyBox(), { target: { value: text } });
const send = () =>
  fireEvent.click(screen.getByRole("button", { name: "Envoyer la réponse" }));
const replies = () => api.sent("POST", `/requests/${REFERENCE}/replies`);
const radio = (name: string) =>
  screen.getByRole("radio", { name }) as HTMLInputElement;
const conversationItems = () =>
  within(
    screen.getByRole("heading", { name: "Conversation" }).parentElement!,
  ).getAllByRole("listitem");
const draftKey = replyDraftKey(AGENT.id, REFERENCE);

describe("reply composer", () => {
  it("sends the text with the chosen status and shows the reply in the conversation", async () => {
    await openDetail();
    const text = "Bonjour,\nEnvoyez le document au format PDF.";

    type(text);
    send();

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Réponse envoyée à l'usager. Statut : En attente de l'usager.",
      ),
    );
    expect(await stored()).toMatchObject({
      status: "waiting_user",
      messages: [{ text, signature: "L'équipe support du SNU" }],
    });
    const [call] = replies();
    expect(call!.headers.get("X-SNU-Support")).toBe("1");
    const last = conversationItems().at(-1)!;
    expect(within(last).getByRole("heading").textContent).toBe(
      "Réponse envoyée à l'usager",
    );
    expect(last.querySelector(".msg-text")!.textContent).toBe(text);
    expect(last.querySelector(".msg-meta")!.textContent).toMatch(
      /^L'équipe support du SNU \(Claire Dubois\), le 2 mars 2026 à/,
    );
    expect(last.querySelector(".delivery")!.textContent).toBe(
      "En attente d'envoi",
    );
    expect(
      screen.getByText("En attente de l'usager", { selector: ".badge" }),
    ).toBeTruthy();
    expect(replyBox().value).toBe("");
    expect(window.localStorage.getItem(draftKey)).toBeNull();
  });

  it("leaves the request « En attente de l'usager » by default, and sends the other choices as asked", async () => {
    await openDetail();
    const group = screen.getByRole("group", {
      name: "Statut de la demande après l'envoi",
    });
    expect(
      within(group)
        .getAllByRole("radio")
        .map((r) => [
          r.parentElement!.textContent,
          (r as HTMLInputElement).checked,
        ]),
    ).toEqual([
      ["En attente de l'usager", true],
      ["Résolue", false],
      ["Statut inchangé", false],
    ]);

    fireEvent.click(radio("Statut inchangé"));
    type("Nous regardons votre dossier.");
    send();
    await waitFor(() => expect(replies()).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Réponse envoyée à l'usager.",
      ),
    );
    expect((await stored()).status).toBe("new"); // « Statut inchangé »

    fireEvent.click(radio("Résolue"));
    type("C'est réglé.");
    send();
    await waitFor(() => expect(replies()).toHaveLength(2));
    await waitFor(async () => expect((await stored()).status).toBe("resolved"));
  });

  it("signs with the author's name when asked, and remembers the choice for the account", async () => {
    await openDetail();
    const box = () =>
      screen.getByRole("checkbox", {
        name: "Signer aussi avec mon nom",
      }) as HTMLInputElement;
    expect(box().checked).toBe(false);
    expect(screen.getByText(/^Signature :/).textContent).toBe(
      "Signature : L'équipe support du SNU",
    );

    fireEvent.click(box());
    expect(screen.getByText(/^Signature :/).textContent).toBe(
      "Signature : L'équipe support du SNU — Claire Dubois",
    );
    type("Bonjour, c'est corrigé.");
    send();
    await waitFor(() => expect(replies()).toHaveLength(1));
    await waitFor(async () =>
      expect((await stored()).messages[0]?.signature).toBe(
        "L'équipe support du SNU — Claire Dubois",
      ),
    );

    closeConsole();
    await openDetail();
    expect(box().checked).toBe(true);
  });

  it("keeps the text and shows the server's message tied to the field when sending fails", async () => {
    // A store outage, which the real app shows so (app.ts) but cannot have on demand.
    server.use(
      http.post(apiUrl("/requests/:reference/replies"), () =>
        HttpResponse.json(
          {
            error: {
              code: "unavailable",
              message:
                "Le service est momentanément indisponible. Réessayez dans un instant.",
            },
          },
          { status: 503 },
        ),
      ),
    );
    await openDetail();
    type("Bonjour, voici la marche à suivre.");

    send();

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(
      "Le service est momentanément indisponible. Réessayez dans un instant.",
    );
    expect(replyBox().value).toBe("Bonjour, voici la marche à suivre.");
    expect(replyBox().getAttribute("aria-invalid")).toBe("true");
    expect(replyBox().getAttribute("aria-describedby")).toContain(alert.id);
    expect(window.localStorage.getItem(draftKey)).toBe(
      "Bonjour, voici la marche à suivre.",
    );
    expect(conversationItems()).toHaveLength(1);
  });

  it("shows the message of the field the server refused", async () => {
    // The composer's own checks send nothing the real API would refuse: its refusal is simulated.
    server.use(
      http.post(apiUrl("/requests/:reference/replies"), () =>
        Response.json(
          {
            error: {
              code: "validation_failed",
              message: "Certaines informations sont invalides.",
              details: [
                {
                  path: "text",
                  message: "Une réponse fait 5 000 caractères au plus.",
                },
              ],
            },
          },
          { status: 400 },
        ),
      ),
    );
    await openDetail();
    type("Un texte que le serveur refuse.");

    send();

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Une réponse fait 5 000 caractères au plus.",
    );
    expect(replyBox().value).toBe("Un texte que le serveur refuse.");
  });

  it("asks for a text instead of sending an empty reply", async () => {
    await openDetail();
    type("  \n ");

    send();

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Écrivez la réponse avant de l'envoyer.",
    );
    expect(replies()).toHaveLength(0);
  });

  it("restores the draft of this request after the page is left or reloaded, and only for it", async () => {
    await openDetail();
    type("Bonjour,\nJe reviens vers vous");

    closeConsole();
    await openDetail();

    expect(replyBox().value).toBe("Bonjour,\nJe reviens vers vous");
    expect(
      screen.getByText(
        "Brouillon retrouvé : ce texte n'a pas encore été envoyé.",
      ),
    ).toBeTruthy();

    closeConsole();
    await openDetail(await seedRequest(api.store));
    expect(replyBox().value).toBe("");
  });

  it("says the reply reaches the follow-up page only when the request has no e-mail address", async () => {
    const reference = await seedRequest(
      api.store,
      makeRequest({ email: undefined }),
    );
    await openDetail(reference);

    expect(
      screen.getByText(/^Cette demande n'a pas d'adresse e-mail/).textContent,
    ).toBe(
      "Cette demande n'a pas d'adresse e-mail : la réponse sera affichée seulement sur la page de suivi de l'usager.",
    );
    type("Bonjour.");
    send();

    await waitFor(() =>
      expect(api.sent("POST", `/requests/${reference}/replies`)).toHaveLength(
        1,
      ),
    );
    const last = await waitFor(() => {
      const item = conversationItems().at(-1)!;
      expect(item.querySelector(".delivery")).not.toBeNull();
      return item;
    });
    expect(last.querySelector(".delivery")!.textContent).toBe(
      "Pas d'adresse e-mail : réponse visible sur la page de suivi",
    );
  });

  it("says by default that the reply goes by e-mail and to the follow-up page", async () => {
    await openDetail();

    expect(
      document.getElementById(
        replyBox().getAttribute("aria-describedby")!.split(" ")[0]!,
      )!.textContent,
    ).toBe("Envoyée à l'usager par e-mail et affichée sur sa page de suivi.");
  });
});

describe("reply templates in the composer", () => {
  const TEMPLATES = [
    makeTemplate({ id: 1, title: "Autre sujet technique", subject: "LOGIN" }),
    makeTemplate({
      id: 2,
      title: "Remerciements",
      category: undefined,
      subject: undefined,
      text: "Merci de votre message.",
    }),
    makeTemplate({
      id: 3,
      title: "Problème technique : premiers pas",
      subject: undefined,
      text: "Videz le cache.",
    }),
    makeTemplate({ id: 4, title: "Format du document" }),
    makeTemplate({
      id: 5,
      title: "Affectation",
      category: "QUESTION",
      subject: "PHASE_1_AFFECTATION",
    }),
  ];
  const picker = () =>
    screen.getByLabelText("Réponses types") as HTMLSelectElement;
  const insert = () =>
    fireEvent.click(screen.getByRole("button", { name: "Insérer" }));

  it("proposes the templates that suit the request first: same subject, same category, then general ones", async () => {
    await seedTemplates(api.store, TEMPLATES);
    await openDetail();

    const groups = await waitFor(() => {
      const found = [...picker().querySelectorAll("optgroup")];
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    expect(
      groups.map((g) => [
        g.label,
        [...g.querySelectorAll("option")].map((o) => o.textContent),
      ]),
    ).toEqual([
      [
        "Pour ce type de demande",
        ["Format du document", "Problème technique : premiers pas"],
      ],
      ["Pour toutes les demandes", ["Remerciements"]],
      [
        "Pour d'autres demandes",
        [
          "Affectation (J'ai une question › Mon affectation au séjour)",
          "Autre sujet technique (J'ai un problème technique › Connexion à mon compte)",
        ],
      ],
    ]);
  });

  it("inserts the chosen template with its placeholders filled, without sending it", async () => {
    await seedTemplates(api.store, TEMPLATES);
    await openDetail();
    await waitFor(() => expect(picker().options.length).toBe(6));

    fireEvent.change(picker(), { target: { value: "4" } });
    insert();

    const filled = `Bonjour,\nPour votre demande ${REFERENCE} sur la page /inscription/documents, envoyez un PDF ou une photo nette.`;
    expect(replyBox().value).toBe(filled);
    expect(document.activeElement).toBe(replyBox());
    expect(screen.getByRole("status").textContent).toBe(
      "Réponse type « Format du document » insérée. Relisez-la avant d'envoyer.",
    );
    expect(window.localStorage.getItem(draftKey)).toBe(filled);
    expect((await stored()).messages).toHaveLength(0);
  });

  it("adds the template after what was already typed", async () => {
    await seedTemplates(api.store, TEMPLATES);
    await openDetail();
    await waitFor(() => expect(picker().options.length).toBe(6));
    type("Bonjour Camille,\n");

    fireEvent.change(picker(), { target: { value: "2" } });
    insert();

    expect(replyBox().value).toBe(
      "Bonjour Camille,\n\nMerci de votre message.",
    );
    expect((await stored()).messages).toHaveLength(0);
  });

  it("asks to choose a template before inserting", async () => {
    await seedTemplates(api.store, TEMPLATES);
    await openDetail();
    await waitFor(() => expect(picker().options.length).toBe(6));
    type("Déjà écrit");

    insert();

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Choisissez une réponse type à insérer.",
    );
    expect(replyBox().value).toBe("Déjà écrit");
  });

  it("says when there is no template yet", async () => {
    await openDetail();

    expect(
      (await screen.findByText(/^Aucune réponse type pour le moment/))
        .textContent,
    ).toBe("Aucune réponse type pour le moment (Réponses types).");
    expect(screen.queryByRole("button", { name: "Insérer" })).toBeNull();
  });
});
