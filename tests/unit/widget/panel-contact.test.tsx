import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CreateRequestSchema,
  type CreateRequest,
  type RequestContext,
} from "../../../api/contract/request.ts";
import type { HostCall, LoaderConfig } from "../../../widget/shared/types.ts";
import { REFERENCE, REQUESTS_URL } from "../../support/widget/fixtures.ts";
import { errorResponse, recordRequest } from "../../support/widget/handlers.ts";
import {
  mountPanel,
  navigate,
  unmountPanels,
} from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

const { server, log } = useWidgetServer();

const UUID_V4 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MESSAGE = "Le bouton de téléversement reste grisé depuis ce matin.";

const initialUrl = window.location.href;
beforeEach(() => navigate("/inscription/documents"));
afterEach(() => {
  unmountPanels();
  window.history.replaceState({}, "", initialUrl);
});

/** Mounts the panel and opens its contact view. */
function openContact(
  options: { config?: Partial<LoaderConfig>; calls?: HostCall[] } = {},
) {
  const panel = mountPanel(options);
  panel.handle.open("contact");
  return panel;
}

const field = (label: string) =>
  screen.getByLabelText(label) as HTMLInputElement;
const choose = (label: string, value: string) =>
  fireEvent.change(field(label), { target: { value } });
const type = (label: string, value: string) =>
  fireEvent.input(field(label), { target: { value } });
const submit = () =>
  fireEvent.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
const optionLabels = (label: string) =>
  within(field(label))
    .getAllByRole("option")
    .map((option) => option.textContent);

/** The texts an element is described by (`aria-describedby`), e.g. its hint and its error. */
function descriptionOf(element: HTMLElement): string[] {
  const ids = element.getAttribute("aria-describedby")?.split(/\s+/) ?? [];
  return ids.map(
    (id) => document.getElementById(id)?.textContent ?? `(#${id} introuvable)`,
  );
}

function fillValidForm(email?: string) {
  choose("Catégorie", "TECHNICAL");
  choose("Sujet", "UPLOAD");
  type("Votre message", MESSAGE);
  if (email !== undefined) type("Adresse e-mail", email);
}

/** « Informations jointes à votre demande », as shown: label → text. */
function readDisclosure(): Record<string, string> {
  const summary = screen.getByText("Informations jointes à votre demande");
  const details = summary.closest("details")!;
  fireEvent.click(summary);
  return Object.fromEntries(
    Array.from(details.querySelectorAll("dt"), (dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent ?? "",
    ]),
  );
}

// The disclosure's label for each context key (what a user reads; kept here to catch a missing or wrong one).
const LABELS: Record<keyof RequestContext, string> = {
  platform: "Plateforme",
  route: "Page",
  routeParams: "Étape ou onglet",
  title: "Titre de la page",
  locale: "Langue",
  viewport: "Taille de l'écran",
  userAgent: "Navigateur",
  appVersion: "Version de l'application",
  widgetVersion: "Version de l'aide",
  identity: "Votre profil",
  custom: "Informations du site",
  tipsShown: "Conseils affichés",
};

const leaves = (value: unknown): string[] =>
  value !== null && typeof value === "object"
    ? Object.values(value).flatMap(leaves)
    : [String(value)];

/** Each key of the sent context has its line in the disclosure, showing every value it holds — and no other line. */
function expectDisclosureToShow(
  shown: Record<string, string>,
  context: RequestContext,
) {
  const keys = Object.keys(context) as (keyof RequestContext)[];
  expect(Object.keys(shown).sort()).toEqual(
    keys.map((key) => LABELS[key]).sort(),
  );
  for (const key of keys)
    for (const leaf of leaves(context[key]))
      expect(shown[LABELS[key]]).toContain(leaf);
}

const sentBodies = () =>
  log.requests.map((request) => request.body as CreateRequest);
const sentKeys = () =>
  log.requests.map((request) => request.headers.get("Idempotency-Key"));

describe("the form", () => {
  it("is a labelled dialog with the four labelled fields, the submit button and an empty status", () => {
    openContact();

    expect(
      screen.getByRole("dialog", { name: "Contacter le support" }),
    ).toBeDefined();
    expect(field("Catégorie").tagName).toBe("SELECT");
    expect(field("Sujet").tagName).toBe("SELECT");
    expect(field("Votre message").tagName).toBe("TEXTAREA");
    expect(field("Adresse e-mail").type).toBe("email");
    expect(
      screen
        .getByRole("button", { name: "Envoyer ma demande" })
        .getAttribute("type"),
    ).toBe("submit");
    expect(screen.getByRole("status").textContent).toBe("");
    expect(document.activeElement).toBe(field("Catégorie"));
  });

  it("links to the host's privacy page when it has one", () => {
    openContact({
      config: {
        data: {
          privacyUrl: "https://moncompte.snu.gouv.fr/donnees-personnelles",
        },
      },
    });

    const link = screen.getByRole("link", {
      name: /En savoir plus sur vos données/,
    });
    expect(link.getAttribute("href")).toBe(
      "https://moncompte.snu.gouv.fr/donnees-personnelles",
    );
  });

  it("goes from the tips to the form and back", async () => {
    const { handle } = mountPanel();
    handle.open();
    fireEvent.click(
      screen.getByRole("button", { name: "Contacter le support" }),
    );
    expect(
      screen.getByRole("dialog", { name: "Contacter le support" }),
    ).toBeDefined();

    fireEvent.click(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );

    expect(screen.getByRole("dialog", { name: "Aide" })).toBeDefined();
    await screen.findByText("Formats de documents acceptés");
  });
});

describe("validation", () => {
  it("shows French errors tied to each field when sent empty, and focuses the first one", () => {
    openContact();

    submit();

    const expected: [string, string][] = [
      ["Catégorie", "Choisissez une catégorie."],
      ["Sujet", "Choisissez d'abord une catégorie."],
      ["Votre message", "Écrivez votre message."],
      [
        "Adresse e-mail",
        "Indiquez votre adresse e-mail pour que le support puisse vous répondre.",
      ],
    ];
    for (const [label, error] of expected) {
      expect(field(label).getAttribute("aria-invalid"), label).toBe("true");
      expect(descriptionOf(field(label)), label).toContain(error);
    }
    expect(document.activeElement).toBe(field("Catégorie"));
    expect(log.requests).toHaveLength(0);
  });

  it("focuses the first field still invalid on the next attempt and clears fixed errors", () => {
    openContact();
    submit();

    choose("Catégorie", "TECHNICAL");
    submit();

    expect(field("Catégorie").hasAttribute("aria-invalid")).toBe(false);
    expect(descriptionOf(field("Sujet"))).toContain("Choisissez un sujet.");
    expect(document.activeElement).toBe(field("Sujet"));
  });

  it("refuses a message under 10 characters and a malformed e-mail", () => {
    openContact();
    choose("Catégorie", "TECHNICAL");
    choose("Sujet", "UPLOAD");
    type("Votre message", "  Aidez   ");
    type("Adresse e-mail", "camille@");

    submit();

    expect(descriptionOf(field("Votre message"))).toContain(
      "Votre message doit faire au moins 10 caractères.",
    );
    expect(descriptionOf(field("Adresse e-mail"))).toContain(
      "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
    );
    expect(document.activeElement).toBe(field("Votre message"));
    expect(log.requests).toHaveLength(0);
  });
});

describe("categories and subjects", () => {
  it("offers the subjects of the chosen category only, and resets the subject when it changes", () => {
    openContact();
    expect(optionLabels("Sujet")).toEqual(["Choisissez d'abord une catégorie"]);

    choose("Catégorie", "TECHNICAL");
    expect(optionLabels("Sujet")).toContain("Je n'arrive pas à me connecter");
    expect(optionLabels("Sujet")).not.toContain("Mon affectation au séjour");
    choose("Sujet", "CONNECTION");

    choose("Catégorie", "QUESTION");
    expect(optionLabels("Sujet")).toContain("Mon affectation au séjour");
    expect(optionLabels("Sujet")).not.toContain(
      "Je n'arrive pas à me connecter",
    );
    expect(field("Sujet").value).toBe("");
  });

  it("offers a young person on moncompte the moncompte categories only", () => {
    openContact({ calls: [["identify", { role: "young" }]] });

    expect(optionLabels("Catégorie")).toEqual([
      "Choisissez une catégorie",
      "J'ai une question",
      "J'ai un problème technique",
      "Autre",
    ]);
  });

  it("offers a referent_department on admin the referents' categories", () => {
    navigate("/dashboard");
    openContact({
      config: { platform: "admin" },
      calls: [["identify", { role: "referent_department", department: "75" }]],
    });

    expect(optionLabels("Catégorie")).toContain(
      "J'ai un cas particulier (volontaire)",
    );
    choose("Catégorie", "SPECIAL_CASE");
    expect(optionLabels("Sujet")).toContain(
      "Phase 2 — mission d'intérêt général",
    );
  });

  it("does not offer the referents' categories on admin without a referent role", () => {
    navigate("/dashboard");
    openContact({
      config: { platform: "admin" },
      calls: [["identify", { role: "responsible" }]],
    });

    expect(optionLabels("Catégorie")).not.toContain(
      "J'ai un cas particulier (volontaire)",
    );
    expect(optionLabels("Catégorie")).toContain("J'ai une question");
  });
});

describe("e-mail", () => {
  it("is required without identify and optional with it", () => {
    openContact({ calls: [["identify", { role: "young" }]] });
    expect(field("Adresse e-mail").required).toBe(false);
    expect(descriptionOf(field("Adresse e-mail")).join(" ")).toMatch(
      /Facultatif/,
    );
  });

  it("is left out of the request when the identified user leaves it empty", async () => {
    openContact({ calls: [["identify", { role: "young" }]] });
    fillValidForm();

    submit();

    await waitFor(() => expect(log.requests).toHaveLength(1));
    expect(sentBodies()[0]).not.toHaveProperty("email");
  });

  it("is prefilled from identify({email}), before and after the form is shown", () => {
    const { handle } = openContact();
    expect(field("Adresse e-mail").value).toBe("");

    handle.apply([
      "identify",
      { role: "young", email: "camille.martin@example.fr" },
    ]);

    expect(field("Adresse e-mail").value).toBe("camille.martin@example.fr");
    unmountPanels();
    openContact({
      calls: [["identify", { role: "young", email: "sacha@example.fr" }]],
    });
    expect(field("Adresse e-mail").value).toBe("sacha@example.fr");
  });
});

describe("prefill", () => {
  it("fills the form with what the host gave before the panel was loaded", () => {
    openContact({
      calls: [
        [
          "prefill",
          {
            category: "TECHNICAL",
            subject: "UPLOAD",
            message: "Mon document ne passe pas.",
          },
        ],
      ],
    });

    expect(field("Catégorie").value).toBe("TECHNICAL");
    expect(field("Sujet").value).toBe("UPLOAD");
    expect(field("Votre message").value).toBe("Mon document ne passe pas.");
  });

  it("fills empty fields only and never overwrites what the user typed", () => {
    const { handle } = openContact();
    type("Votre message", "Mon propre texte, tapé avant.");

    expect(
      handle.apply([
        "prefill",
        { category: "TECHNICAL", message: "Texte proposé par le site." },
      ]),
    ).toBe(true);

    expect(field("Catégorie").value).toBe("TECHNICAL");
    expect(field("Votre message").value).toBe("Mon propre texte, tapé avant.");
  });

  it("does not fill a field the host left out from a polluted Object.prototype", () => {
    const { handle } = openContact();
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.message = "Texte injecté par un script de la page.";
      handle.apply(["prefill", { subject: "UPLOAD" }]);
    } finally {
      delete proto.message;
    }

    expect(field("Votre message").value).toBe("");
  });
});

describe("sending", () => {
  it("POSTs exactly the contract body with the context shown, then shows the reference", async () => {
    const { handle, emitted } = mountPanel({
      calls: [
        [
          "identify",
          {
            role: "young",
            status: "IN_PROGRESS",
            department: "75",
            email: "camille.martin@example.fr",
          },
        ],
        ["context", { cohorte: "Février 2027", sessionToken: "abc123" }],
      ],
    });
    handle.open();
    await screen.findByText("Formats de documents acceptés");
    fireEvent.click(
      screen.getByRole("button", { name: "Contacter le support" }),
    );
    fillValidForm();
    type("Votre message", `  ${MESSAGE}  `);
    const shown = readDisclosure();

    submit();

    const status = screen.getByRole("status");
    await waitFor(() => expect(status.textContent).toContain(REFERENCE));
    const [body] = sentBodies();
    const parsed = CreateRequestSchema.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(Object.keys(body!).sort()).toEqual([
      "category",
      "context",
      "email",
      "message",
      "subject",
    ]);
    expect(body).toMatchObject({
      category: "TECHNICAL",
      subject: "UPLOAD",
      message: MESSAGE,
      email: "camille.martin@example.fr",
    });
    expect(body!.context).toMatchObject({
      platform: "moncompte",
      route: "/inscription/:step",
      routeParams: { step: "documents" },
      identity: { role: "young", status: "IN_PROGRESS", department: "75" },
      custom: { cohorte: "Février 2027", sessionToken: "[masqué]" },
      tipsShown: ["inscription-documents-formats"],
    });
    expect(body!.context.identity).not.toHaveProperty("email");
    expectDisclosureToShow(shown, body!.context);
    expect(sentKeys()[0]).toMatch(UUID_V4);
    expect(log.requests[0]!.headers.get("Content-Type")).toBe(
      "application/json",
    );
    expect(emitted("submit")).toEqual([{ reference: REFERENCE }]);
  });

  it("keeps the typed text after a network error and re-sends with the same Idempotency-Key", async () => {
    server.use(
      http.post(
        REQUESTS_URL,
        async ({ request }) => {
          await recordRequest(log, request);
          return HttpResponse.error();
        },
        { once: true },
      ),
    );
    const { emitted } = openContact();
    fillValidForm("camille.martin@example.fr");

    submit();

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Impossible de joindre le support pour le moment. Vérifiez votre connexion puis réessayez : votre message est conservé.",
    );
    expect(field("Votre message").value).toBe(MESSAGE);
    expect(field("Adresse e-mail").value).toBe("camille.martin@example.fr");
    expect(screen.getByRole("status").textContent).toBe("");
    expect(emitted("submit")).toEqual([]);

    submit();

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toContain(REFERENCE),
    );
    expect(sentKeys()).toHaveLength(2);
    expect(sentKeys()[0]).toMatch(UUID_V4);
    expect(sentKeys()[1]).toBe(sentKeys()[0]);
    expect(sentBodies()[1]).toEqual(sentBodies()[0]);
  });

  it("shows a 400 validation_failed detail on its field and sends the corrected body with a new key", async () => {
    server.use(
      http.post(
        REQUESTS_URL,
        async ({ request }) => {
          await recordRequest(log, request);
          return errorResponse(400, "validation_failed", [
            {
              path: "message",
              message: "Votre message contient un lien interdit.",
            },
          ]);
        },
        { once: true },
      ),
    );
    openContact();
    fillValidForm("camille.martin@example.fr");

    submit();

    await waitFor(() =>
      expect(field("Votre message").getAttribute("aria-invalid")).toBe("true"),
    );
    expect(descriptionOf(field("Votre message"))).toContain(
      "Votre message contient un lien interdit.",
    );
    expect(document.activeElement).toBe(field("Votre message"));
    type("Votre message", "Le bouton reste grisé sur la page des documents.");
    submit();
    await waitFor(() => expect(log.requests).toHaveLength(2));
    expect(sentKeys()[1]).not.toBe(sentKeys()[0]);
  });

  it("shows a general message when a validation detail is about the page context", async () => {
    server.use(
      http.post(REQUESTS_URL, () =>
        errorResponse(400, "validation_failed", [
          { path: "context.title", message: "Le titre est trop long." },
        ]),
      ),
    );
    openContact();
    fillValidForm("camille.martin@example.fr");

    submit();

    expect((await screen.findByRole("alert")).textContent).toMatch(
      /n'a pas pu être préparée/,
    );
    expect(field("Votre message").value).toBe(MESSAGE);
  });

  it("shows the rate-limit message with the wait from Retry-After", async () => {
    server.use(
      http.post(REQUESTS_URL, () =>
        errorResponse(429, "rate_limited", undefined, { "Retry-After": "120" }),
      ),
    );
    openContact();
    fillValidForm("camille.martin@example.fr");

    submit();

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Trop de demandes ont été envoyées depuis cette connexion. Réessayez dans 2 minutes : votre message est conservé.",
    );
    expect(field("Votre message").value).toBe(MESSAGE);
  });

  it("offers to go back or write another request once sent", async () => {
    openContact();
    fillValidForm("camille.martin@example.fr");
    submit();
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toContain(REFERENCE),
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole("button", { name: "Retour aux conseils" }),
      ),
    );

    fireEvent.click(
      screen.getByRole("button", { name: "Écrire une autre demande" }),
    );

    expect(screen.getByRole("status").textContent).toBe("");
    expect(field("Votre message").value).toBe("");
    expect(field("Adresse e-mail").value).toBe("camille.martin@example.fr");
    // The focus is not lost with the confirmation: it goes to the first field of the new request.
    expect(document.activeElement).toBe(field("Catégorie"));
  });
});

describe("retrying a request whose answer was lost", () => {
  /** The first POST reaches the API (which stores it) but its answer never comes back. */
  function loseFirstAnswer() {
    server.use(
      http.post(
        REQUESTS_URL,
        async ({ request }) => {
          await recordRequest(log, request);
          return HttpResponse.error();
        },
        { once: true },
      ),
    );
  }
  const sentTexts = () => log.requests.map((request) => request.text);
  const initialTitle = document.title;
  afterEach(() => {
    document.title = initialTitle;
  });

  it("re-sends the very same bytes with the same key, even after the page title changed", async () => {
    loseFirstAnswer();
    document.title = "Mes documents";
    openContact();
    fillValidForm("camille.martin@example.fr");
    submit();
    await screen.findByRole("alert");

    // The host's page moves on (title, viewport, tips shown) while the user decides to retry.
    document.title = "Mes documents (1 notification)";
    submit();

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toContain(REFERENCE),
    );
    expect(sentTexts()).toHaveLength(2);
    expect(sentTexts()[1]).toBe(sentTexts()[0]);
    expect(sentKeys()[1]).toBe(sentKeys()[0]);
    expect(sentBodies()[1]!.context.title).toBe("Mes documents");
  });

  it("shows the context that a retry will send, not the page's new one", async () => {
    loseFirstAnswer();
    document.title = "Mes documents";
    openContact();
    fillValidForm("camille.martin@example.fr");
    submit();
    await screen.findByRole("alert");

    document.title = "Autre page";
    type("Adresse e-mail", "camille.martin@example.fr"); // a re-render, same draft

    expect(readDisclosure()["Titre de la page"]).toBe("Mes documents");
  });

  it("sends a new body with a new key once the user edits the draft", async () => {
    loseFirstAnswer();
    openContact();
    fillValidForm("camille.martin@example.fr");
    submit();
    await screen.findByRole("alert");

    type("Votre message", `${MESSAGE} Merci.`);
    submit();

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toContain(REFERENCE),
    );
    expect(sentKeys()[1]).toMatch(UUID_V4);
    expect(sentKeys()[1]).not.toBe(sentKeys()[0]);
    expect(sentBodies()[1]!.message).toBe(`${MESSAGE} Merci.`);
  });

  it.each([
    ["503 unavailable", 503, "unavailable"],
    ["429", 429, "rate_limited"],
    ["409 in progress", 409, "idempotency_in_progress"],
  ])("keeps the same key and body after %s", async (_, status, code) => {
    server.use(
      http.post(
        REQUESTS_URL,
        async ({ request }) => {
          await recordRequest(log, request);
          return errorResponse(status, code);
        },
        { once: true },
      ),
    );
    openContact();
    fillValidForm("camille.martin@example.fr");
    submit();
    await screen.findByRole("alert");

    document.title = "Une autre page";
    submit();

    await waitFor(() => expect(log.requests).toHaveLength(2));
    expect(sentKeys()[1]).toBe(sentKeys()[0]);
    expect(sentTexts()[1]).toBe(sentTexts()[0]);
  });

  it("starts over with a new key after idempotency_mismatch, and says so", async () => {
    server.use(
      http.post(
        REQUESTS_URL,
        async ({ request }) => {
          await recordRequest(log, request);
          return errorResponse(422, "idempotency_mismatch");
        },
        { once: true },
      ),
    );
    openContact();
    fillValidForm("camille.martin@example.fr");
    submit();

    expect((await screen.findByRole("alert")).textContent).toMatch(
      /partira comme une nouvelle demande/,
    );
    expect(field("Votre message").value).toBe(MESSAGE);

    submit();

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toContain(REFERENCE),
    );
    expect(sentKeys()[1]).toMatch(UUID_V4);
    expect(sentKeys()[1]).not.toBe(sentKeys()[0]);
  });
});

describe("draft", () => {
  it("keeps the typed draft when the panel is closed and reopened on the form", () => {
    const { handle } = openContact();
    fillValidForm("camille.martin@example.fr");

    fireEvent.keyDown(field("Votre message"), { key: "Escape" });
    expect(handle.isOpen()).toBe(false);
    handle.open("contact");

    expect(field("Catégorie").value).toBe("TECHNICAL");
    expect(field("Sujet").value).toBe("UPLOAD");
    expect(field("Votre message").value).toBe(MESSAGE);
  });

  it("keeps the typed draft when the panel is reopened from the launcher", () => {
    const { handle } = openContact();
    fillValidForm("camille.martin@example.fr");

    handle.toggle();
    handle.toggle();
    fireEvent.click(
      screen.getByRole("button", { name: "Contacter le support" }),
    );

    expect(field("Votre message").value).toBe(MESSAGE);
  });

  it("keeps the typed draft after « Retour aux conseils »", () => {
    openContact();
    type("Votre message", MESSAGE);

    fireEvent.click(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );
    fireEvent.click(
      screen.getByRole("button", { name: "Contacter le support" }),
    );

    expect(field("Votre message").value).toBe(MESSAGE);
  });
});

describe("contact draft kept in the browser", () => {
  const KEY = "snu-aide:brouillon:moncompte";

  it("writes nothing before the user types, not even when the host prefills", () => {
    openContact({
      calls: [["prefill", { message: "Texte proposé par le site hôte." }]],
    });
    expect(field("Votre message").value).toBe(
      "Texte proposé par le site hôte.",
    );
    expect(window.localStorage.getItem(KEY)).toBeNull();
  });

  it("restores what was typed after the panel is gone (a reload), typed text winning over prefill", () => {
    const first = openContact();
    choose("Catégorie", "TECHNICAL");
    choose("Sujet", "UPLOAD");
    type("Votre message", MESSAGE);
    first.handle.destroy();
    document.body.replaceChildren();

    openContact({ calls: [["prefill", { message: "Autre texte du site." }]] });
    expect(field("Catégorie").value).toBe("TECHNICAL");
    expect(field("Sujet").value).toBe("UPLOAD");
    expect(field("Votre message").value).toBe(MESSAGE);
  });

  it("keeps one draft per platform", () => {
    const first = openContact();
    type("Votre message", MESSAGE);
    first.handle.destroy();
    document.body.replaceChildren();
    openContact({ config: { platform: "admin" } });
    expect(field("Votre message").value).toBe("");
  });

  it("is cleared once the request is acknowledged", async () => {
    openContact({ calls: [["identify", { role: "young", department: "75" }]] });
    fillValidForm();
    expect(window.localStorage.getItem(KEY)).not.toBeNull();
    submit();
    await screen.findByText(REFERENCE, { exact: false });
    expect(window.localStorage.getItem(KEY)).toBeNull();
  });

  it("still works when storage is refused (private mode, sandbox)", async () => {
    const original = Object.getOwnPropertyDescriptor(window, "localStorage")!;
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("refusé", "SecurityError");
      },
    });
    try {
      openContact({
        calls: [["identify", { role: "young", department: "75" }]],
      });
      fillValidForm();
      submit();
      await screen.findByText(REFERENCE, { exact: false });
    } finally {
      Object.defineProperty(window, "localStorage", original);
    }
  });
});
