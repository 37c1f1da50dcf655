import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CreateRequestSchema,
  type CreateRequest,
  type RequestContext,
} from "../../../api/contract/request.ts";
import type { HostCall, LoaderConfig } from "../../../widget/shared/types.ts";
import { REFERENCE, REQUESTS_URL } from "../../support/widget/fixtures.ts";
import { settle } from "../../support/widget/fake-panel.ts";
import { errorResponse, recordRequest } from "../../support/widget/handlers.ts";
import {
  bootSender,
  mountPanel,
  navigate,
  unmountPanels,
} from "../../support/widget/panel.ts";
import { MAX_ENTRY_AGE_MS } from "../../../widget/panel/sender.ts";
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
const sentTexts = () => log.requests.map((request) => request.text);
/** Captured before any test fakes the clock. */
const realSetTimeout = globalThis.setTimeout;

/** Where a submission waits, how it ended, and the draft (outbox.ts, draft-storage.ts). */
const OUTBOX = "snu-aide:envoi:moncompte";
const OUTCOME = "snu-aide:envoi-fini:moncompte";
const DRAFT = "snu-aide:brouillon:moncompte";
const CREATED_AT = "2026-03-02T09:30:00.000Z";
const QUEUED = "Votre demande sera envoyée dès que la connexion revient.";
const REFUSED =
  "Le support n'a pas pu enregistrer votre demande. Votre message est conservé : vérifiez-le puis réessayez.";
/** The queued text, when storage kept the submission and when it could not. */
const KEPT =
  "Elle est gardée dans ce navigateur, même si vous fermez la page : vous verrez ici sa référence une fois reçue.";
const KEEP_OPEN =
  "Gardez cette page ouverte : ce navigateur ne peut pas la garder si vous la fermez.";
const EXPIRED =
  "Votre demande attend depuis plus d'un jour sans confirmation du support. Vérifiez-la puis envoyez-la à nouveau.";

const storedEntry = () =>
  JSON.parse(window.localStorage.getItem(OUTBOX) ?? "null") as {
    key: string;
    body: string;
    draft: unknown;
  } | null;

/** The next POST reaches the API (recorded) and gets `answer`; later ones get the fake API's 201. */
function failNextPost(answer: () => Response) {
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

/** The browser says the connection is back: the sender tries at once. */
const goOnline = () =>
  act(() => {
    window.dispatchEvent(new Event("online"));
  });

/** Waits until the form's status (`role="status"`) contains `text`. */
const statusShows = (text: string) =>
  waitFor(() => expect(screen.getByRole("status").textContent).toContain(text));

/**
 * Opens the form, sends a valid request that `answer` (by default a network error) leaves waiting in the
 * outbox, and waits for the form to say so.
 */
async function queueOffline(
  answer: () => Response = () => HttpResponse.error(),
) {
  failNextPost(answer);
  const panel = openContact();
  fillValidForm("camille.martin@example.fr");
  submit();
  await statusShows(QUEUED);
  return panel;
}

/** The page goes away (a reload): the panel is destroyed and its nodes removed. */
function reloadPanel(panel: ReturnType<typeof mountPanel>) {
  panel.handle.destroy();
  document.body.replaceChildren();
}

/** The sender the loader starts at boot (another one than the panel's) runs once. */
async function runBootSender() {
  const sender = bootSender();
  await act(async () => void (await sender.send()));
  sender.stop();
}

/** Another tab's sender got `reference` acknowledged: its outcome waits in the browser. */
function storeOutcome(reference: string) {
  window.localStorage.setItem(
    OUTCOME,
    JSON.stringify({
      created: { reference, createdAt: CREATED_AT },
      email: "camille.martin@example.fr",
      savedAt: Date.now(),
    }),
  );
}

/** Another tab's sender got `reference` acknowledged: the entry left the outbox, its outcome waits. */
function acknowledgedElsewhere(reference = "SNU-2026-000999") {
  window.localStorage.removeItem(OUTBOX);
  storeOutcome(reference);
}

/** The text typed before a reload, as the draft storage keeps it. */
function storeDraft(savedAt = Date.now()) {
  window.localStorage.setItem(
    DRAFT,
    JSON.stringify({
      category: "TECHNICAL",
      subject: "UPLOAD",
      message: MESSAGE,
      email: "camille.martin@example.fr",
      savedAt,
    }),
  );
}

describe("the form", () => {
  it("is a labelled dialog with the four labelled fields, the submit button and an empty status", () => {
    openContact();

    screen.getByRole("dialog", { name: "Contacter le support" });
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
    screen.getByRole("dialog", { name: "Contacter le support" });

    fireEvent.click(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );

    expect(screen.queryByRole("dialog", { name: "Aide" })).not.toBeNull();
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

  it("keeps the request in the outbox after a network error, says so, and sends it again with the same key when the connection comes back", async () => {
    const { emitted } = await queueOffline();
    expect(screen.getByRole("status").textContent).toContain(KEPT);
    expect(screen.getByRole("status").textContent).not.toContain(KEEP_OPEN);
    // The form is gone until the request is acknowledged: nothing can be sent twice from it.
    expect(screen.queryByLabelText("Votre message")).toBeNull();
    expect(
      screen.queryByRole("button", { name: "Envoyer ma demande" }),
    ).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(emitted("submit")).toEqual([]);
    // The exact bytes and the key are kept in the browser, with the draft they came from.
    expect(storedEntry()).toEqual({
      key: sentKeys()[0],
      body: sentTexts()[0],
      savedAt: expect.any(Number),
      draft: {
        category: "TECHNICAL",
        subject: "UPLOAD",
        message: MESSAGE,
        email: "camille.martin@example.fr",
      },
    });

    goOnline();

    await statusShows(REFERENCE);
    expect(screen.getByRole("status").textContent).not.toContain(QUEUED);
    expect(sentKeys()).toHaveLength(2);
    expect(sentKeys()[0]).toMatch(UUID_V4);
    expect(sentKeys()[1]).toBe(sentKeys()[0]);
    expect(sentTexts()[1]).toBe(sentTexts()[0]);
    expect(emitted("submit")).toEqual([{ reference: REFERENCE }]);
    expect(window.localStorage.getItem(OUTBOX)).toBeNull();
    expect(window.localStorage.getItem(OUTCOME)).toBeNull();
    expect(window.localStorage.getItem(DRAFT)).toBeNull();
  });
  it("shows a 400 validation_failed detail on its field, keeps the text, does not retry, and sends the corrected body with a new key", async () => {
    failNextPost(() =>
      errorResponse(400, "validation_failed", [
        {
          path: "message",
          message: "Votre message contient un lien interdit.",
        },
      ]),
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
    expect(field("Votre message").value).toBe(MESSAGE);
    expect(field("Adresse e-mail").value).toBe("camille.martin@example.fr");
    expect(screen.getByRole("status").textContent).toBe("");
    // Out of the outbox: no retry can change a 400.
    expect(window.localStorage.getItem(OUTBOX)).toBeNull();
    goOnline();
    await settle();
    expect(log.requests).toHaveLength(1);

    type("Votre message", "Le bouton reste grisé sur la page des documents.");
    submit();
    await statusShows(REFERENCE);
    expect(log.requests).toHaveLength(2);
    expect(sentKeys()[1]).toMatch(UUID_V4);
    expect(sentKeys()[1]).not.toBe(sentKeys()[0]);
    expect(sentBodies()[1]!.message).toBe(
      "Le bouton reste grisé sur la page des documents.",
    );
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

  it("offers to go back or write another request once sent", async () => {
    openContact();
    fillValidForm("camille.martin@example.fr");
    submit();
    await statusShows(REFERENCE);
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
  describe("with fake timers", () => {
    beforeEach(() => {
      // Only the clocks: msw, Preact's frames and happy-dom keep their promises and immediates.
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
      vi.spyOn(Math, "random").mockReturnValue(1); // no jitter: delays are 2 s, 4 s, 8 s…
    });
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });

    /** Real time for a request in flight to be answered and handled (the fake clock does not move). */
    const handled = () => new Promise((resolve) => realSetTimeout(resolve, 30));
    /** Moves the fake clock by `ms`, then lets what it started finish. */
    async function later(ms: number) {
      await vi.advanceTimersByTimeAsync(ms);
      await handled();
    }
    /** The request waits: the sender has handled the answer and planned its next try. */
    const queued = () =>
      waitFor(() =>
        expect(screen.getByRole("status").textContent).toContain(QUEUED),
      );
    /** Preact's effects run after a frame on a 0 ms timeout: vi.waitFor moves the fake clock for them. */
    const referenceShown = () =>
      vi.waitFor(() =>
        expect(screen.getByRole("status").textContent).toContain(REFERENCE),
      );

    it("does not send again before the wait given by Retry-After", async () => {
      failNextPost(() =>
        errorResponse(429, "rate_limited", undefined, { "Retry-After": "120" }),
      );
      openContact();
      fillValidForm("camille.martin@example.fr");

      submit();
      await queued();
      expect(log.requests).toHaveLength(1);

      // Far beyond the first backoff (2 s), still short of the 2 minutes asked for.
      await later(119_999);
      expect(log.requests).toHaveLength(1);
      expect(screen.getByRole("status").textContent).toContain(QUEUED);

      await later(1);
      expect(log.requests).toHaveLength(2);
      await referenceShown();
      expect(sentKeys()[1]).toBe(sentKeys()[0]);
      expect(sentTexts()[1]).toBe(sentTexts()[0]);
    });

    it("retries on its own, waiting twice as long each time", async () => {
      failNextPost(() => errorResponse(503, "unavailable"));
      failNextPost(() => HttpResponse.error());
      openContact();
      fillValidForm("camille.martin@example.fr");

      submit();
      await queued();
      expect(log.requests).toHaveLength(1);

      await later(1_999);
      expect(log.requests).toHaveLength(1);
      await later(1);
      expect(log.requests).toHaveLength(2);

      await later(3_999);
      expect(log.requests).toHaveLength(2);
      await later(1);
      expect(log.requests).toHaveLength(3);

      await referenceShown();
      expect(new Set(sentKeys()).size).toBe(1);
      expect(new Set(sentTexts()).size).toBe(1);
    });
  });
});

describe("retrying a request whose answer was lost", () => {
  const initialTitle = document.title;
  afterEach(() => {
    document.title = initialTitle;
  });

  it("re-sends the very same bytes with the same key, even after the page title changed", async () => {
    document.title = "Mes documents";
    await queueOffline();

    // The host's page moves on (title, tips shown) before the connection comes back.
    document.title = "Mes documents (1 notification)";
    navigate("/phase1");
    goOnline();

    await statusShows(REFERENCE);
    expect(sentTexts()).toHaveLength(2);
    expect(sentTexts()[1]).toBe(sentTexts()[0]);
    expect(sentKeys()[1]).toBe(sentKeys()[0]);
    expect(sentBodies()[1]!.context.title).toBe("Mes documents");
    expect(sentBodies()[1]!.context.route).toBe("/inscription/:step");
  });

  it.each([
    ["a 503 unavailable", () => errorResponse(503, "unavailable")],
    ["a 500 internal", () => errorResponse(500, "internal")],
    ["a 429 rate_limited", () => errorResponse(429, "rate_limited")],
    ["a 409 in progress", () => errorResponse(409, "idempotency_in_progress")],
    ["a 408 without an envelope", () => new HttpResponse("", { status: 408 })],
    [
      "a proxy's 502 page",
      () =>
        new HttpResponse("<html>Bad Gateway</html>", {
          status: 502,
          headers: { "Content-Type": "text/html" },
        }),
    ],
    [
      "a 201 it could not read",
      () => HttpResponse.json({ id: 1 }, { status: 201 }),
    ],
  ])(
    "keeps the request after %s and sends the same key and bytes again",
    async (_, answer) => {
      const { emitted } = await queueOffline(answer);
      expect(storedEntry()?.key).toBe(sentKeys()[0]);

      document.title = "Une autre page";
      goOnline();

      await statusShows(REFERENCE);
      expect(log.requests).toHaveLength(2);
      expect(sentKeys()[1]).toBe(sentKeys()[0]);
      expect(sentTexts()[1]).toBe(sentTexts()[0]);
      expect(emitted("submit")).toEqual([{ reference: REFERENCE }]);
    },
  );

  it.each([
    [
      "a 422 idempotency_mismatch",
      () => errorResponse(422, "idempotency_mismatch"),
      REFUSED,
    ],
    [
      "a 403 origin_not_allowed",
      () => errorResponse(403, "origin_not_allowed"),
      "Ce site n'est pas autorisé à envoyer des demandes au support. Signalez-le au responsable du site.",
    ],
    [
      "a 413 payload_too_large",
      () => errorResponse(413, "payload_too_large"),
      "Votre message est trop long. Raccourcissez-le puis réessayez.",
    ],
    [
      "a 404 without an envelope",
      () => new HttpResponse("Not Found", { status: 404 }),
      REFUSED,
    ],
    [
      "a 400 with a code it does not know (one that Object.prototype has)",
      () => errorResponse(400, "constructor"),
      REFUSED,
    ],
  ])(
    "does not retry after %s: says so, keeps the text, and the next try has a new key",
    async (_, answer, message) => {
      failNextPost(answer);
      const { emitted } = openContact();
      fillValidForm("camille.martin@example.fr");
      submit();

      expect((await screen.findByRole("alert")).textContent).toBe(message);
      expect(field("Votre message").value).toBe(MESSAGE);
      expect(field("Adresse e-mail").value).toBe("camille.martin@example.fr");
      expect(screen.getByRole("status").textContent).toBe("");
      expect(window.localStorage.getItem(OUTBOX)).toBeNull();
      goOnline();
      await settle();
      expect(log.requests).toHaveLength(1);
      expect(emitted("submit")).toEqual([]);

      submit();

      await statusShows(REFERENCE);
      expect(screen.queryByRole("alert")).toBeNull();
      expect(sentKeys()[1]).toMatch(UUID_V4);
      expect(sentKeys()[1]).not.toBe(sentKeys()[0]);
    },
  );

  it("sends, after a reload, the request left in the outbox, with the same key and bytes", async () => {
    const first = await queueOffline();
    reloadPanel(first);

    const { emitted } = openContact();
    expect(screen.getByRole("status").textContent).toContain(QUEUED);
    expect(screen.queryByLabelText("Votre message")).toBeNull();
    goOnline();

    await statusShows(REFERENCE);
    expect(log.requests).toHaveLength(2);
    expect(sentKeys()[1]).toBe(sentKeys()[0]);
    expect(sentTexts()[1]).toBe(sentTexts()[0]);
    expect(emitted("submit")).toEqual([{ reference: REFERENCE }]);
  });

  it("shows at once, on the form, a request the loader's sender got acknowledged while the panel is open on the tips", async () => {
    const first = await queueOffline();
    reloadPanel(first);

    // A reload: the panel opens on the tips (the focus on its title, no form to focus), and the sender
    // the loader started at boot — another sender than the panel's — gets the acknowledgement.
    const { handle } = mountPanel();
    handle.open();
    expect(document.activeElement).toBe(
      screen.getByRole("heading", { name: "Aide" }),
    );
    await runBootSender();

    await statusShows(REFERENCE);
    screen.getByRole("dialog", { name: "Contacter le support" });
    expect(log.requests).toHaveLength(2);
  });

  it("puts the focus on the title when the panel opens on a request still waiting (no form to focus)", async () => {
    const first = await queueOffline();
    reloadPanel(first);

    openContact();
    expect(document.activeElement).toBe(
      screen.getByRole("heading", { name: "Contacter le support" }),
    );
  });

  it("shows at the next opening a request acknowledged while the panel was closed", async () => {
    const { handle, emitted } = await queueOffline();
    fireEvent.click(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );
    handle.close();

    goOnline();

    await waitFor(() => expect(log.requests).toHaveLength(2));
    await waitFor(() => expect(window.localStorage.getItem(OUTBOX)).toBeNull());
    expect(window.localStorage.getItem(OUTCOME)).not.toBeNull();
    expect(emitted("submit")).toEqual([]);

    handle.open();

    screen.getByRole("dialog", { name: "Contacter le support" });
    await statusShows(REFERENCE);
    expect(screen.getByRole("status").textContent).not.toContain(QUEUED);
    expect(window.localStorage.getItem(OUTCOME)).toBeNull();
    expect(emitted("submit")).toEqual([{ reference: REFERENCE }]);
  });

  it("does not send again a request another tab sent meanwhile, and shows its reference at the next opening", async () => {
    const { handle, emitted } = await queueOffline();

    // Another tab's sender got the answer: the entry left the outbox, its outcome is waiting.
    acknowledgedElsewhere(REFERENCE);
    goOnline();
    await settle();
    expect(log.requests).toHaveLength(1);

    handle.close();
    handle.open();

    await statusShows(REFERENCE);
    expect(screen.getByRole("status").textContent).not.toContain(QUEUED);
    expect(emitted("submit")).toEqual([{ reference: REFERENCE }]);
  });

  it("shows at the opening the reference of a request another tab sent, once", async () => {
    storeOutcome("SNU-2026-000999");
    const { handle } = mountPanel();

    handle.open();

    screen.getByRole("dialog", { name: "Contacter le support" });
    await statusShows("SNU-2026-000999");
    expect(screen.getByRole("status").textContent).toContain(
      "camille.martin@example.fr",
    );
    expect(window.localStorage.getItem(OUTCOME)).toBeNull();
    handle.close();
    handle.open();
    expect(screen.queryByRole("dialog", { name: "Aide" })).not.toBeNull();
  });

  it("shows at the opening a refusal another tab got, with the text it had (kept by the draft storage)", async () => {
    storeDraft();
    window.localStorage.setItem(
      OUTCOME,
      JSON.stringify({
        refused: "validation_failed",
        details: [
          {
            path: "message",
            message: "Votre message contient un lien interdit.",
          },
        ],
        savedAt: Date.now(),
      }),
    );
    const { handle } = mountPanel();

    handle.open();

    await waitFor(() =>
      expect(field("Votre message").getAttribute("aria-invalid")).toBe("true"),
    );
    expect(descriptionOf(field("Votre message"))).toContain(
      "Votre message contient un lien interdit.",
    );
    expect(field("Catégorie").value).toBe("TECHNICAL");
    expect(field("Sujet").value).toBe("UPLOAD");
    expect(field("Votre message").value).toBe(MESSAGE);
    expect(window.localStorage.getItem(OUTCOME)).toBeNull();
  });

  it("ignores an outbox or an outcome of the wrong shape (changed by hand)", () => {
    window.localStorage.setItem(OUTBOX, JSON.stringify({ key: 1, body: {} }));
    window.localStorage.setItem(OUTCOME, JSON.stringify({ reference: "x" }));
    const { handle } = mountPanel();

    handle.open();
    expect(screen.queryByRole("dialog", { name: "Aide" })).not.toBeNull();
    handle.open("contact");

    expect(screen.getByRole("status").textContent).toBe("");
    expect(field("Votre message").value).toBe("");
  });

  it("keeps the focus in the panel once the request waits", async () => {
    failNextPost(() => HttpResponse.error());
    const { root } = openContact();
    fillValidForm("camille.martin@example.fr");
    screen.getByRole("button", { name: "Envoyer ma demande" }).focus();

    submit();

    await statusShows(QUEUED);
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole("button", { name: "Retour aux conseils" }),
      ),
    );
    expect(root.contains(document.activeElement)).toBe(true);
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
    reloadPanel(first);

    openContact({ calls: [["prefill", { message: "Autre texte du site." }]] });
    expect(field("Catégorie").value).toBe("TECHNICAL");
    expect(field("Sujet").value).toBe("UPLOAD");
    expect(field("Votre message").value).toBe(MESSAGE);
  });

  it("keeps one draft per platform", () => {
    const first = openContact();
    type("Votre message", MESSAGE);
    reloadPanel(first);
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

  /** Runs `test` with `localStorage` throwing on access, as in private mode or a sandboxed frame. */
  async function withStorageRefused(test: () => Promise<void>) {
    const original = Object.getOwnPropertyDescriptor(window, "localStorage")!;
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("refusé", "SecurityError");
      },
    });
    try {
      await test();
    } finally {
      Object.defineProperty(window, "localStorage", original);
    }
  }

  it("still works when storage is refused (private mode, sandbox)", () =>
    withStorageRefused(async () => {
      openContact({
        calls: [["identify", { role: "young", department: "75" }]],
      });
      fillValidForm();
      submit();
      await screen.findByText(REFERENCE, { exact: false });
      expect(log.requests).toHaveLength(1);
    }));

  it("still retries, with the same key and bytes, when storage is refused", () =>
    withStorageRefused(async () => {
      const { emitted } = await queueOffline();
      // Lost if the page is closed: the user is told to keep it open.
      expect(screen.getByRole("status").textContent).toContain(KEEP_OPEN);
      expect(screen.getByRole("status").textContent).not.toContain(KEPT);

      goOnline();

      await screen.findByText(REFERENCE, { exact: false });
      expect(log.requests).toHaveLength(2);
      expect(sentKeys()[1]).toBe(sentKeys()[0]);
      expect(sentTexts()[1]).toBe(sentTexts()[0]);
      expect(emitted("submit")).toEqual([{ reference: REFERENCE }]);
    }));

  it("still sends and retries when storage is full", async () => {
    const setItem = vi
      .spyOn(window.localStorage, "setItem")
      .mockImplementation(() => {
        throw new DOMException("plein", "QuotaExceededError");
      });
    try {
      await queueOffline(() => errorResponse(503, "unavailable"));
      expect(window.localStorage.getItem(OUTBOX)).toBeNull();
      expect(screen.getByRole("status").textContent).toContain(KEEP_OPEN);
      expect(screen.getByRole("status").textContent).not.toContain(KEPT);

      goOnline();

      await screen.findByText(REFERENCE, { exact: false });
      expect(sentKeys()[1]).toBe(sentKeys()[0]);
      expect(sentTexts()[1]).toBe(sentTexts()[0]);
    } finally {
      setItem.mockRestore();
    }
  });
});

describe("one submission at a time, across tabs, reloads and remounts", () => {
  const OTHER_KEY = "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  /** A submission waiting in the outbox, as another tab (or this one, before a reload) left it. */
  function waitingEntry(savedAt = Date.now()) {
    const entry = {
      key: OTHER_KEY,
      body: JSON.stringify({
        category: "QUESTION",
        message: "Une autre demande.",
      }),
      draft: {
        category: "QUESTION",
        subject: "AFFECTATION",
        message: "Une autre demande.",
        email: "camille.martin@example.fr",
      },
      savedAt,
    };
    window.localStorage.setItem(OUTBOX, JSON.stringify(entry));
    return entry;
  }
  /** The browser tells this tab that another one changed `key` in localStorage. */
  const storageEvent = (key = OUTBOX) =>
    act(() => {
      window.dispatchEvent(new StorageEvent("storage", { key }));
    });

  it("does not write over another tab's waiting submission when the form is sent here", async () => {
    const { emitted } = openContact();
    fillValidForm("camille.martin@example.fr");
    // Another tab queued its submission (its storage event not yet received here).
    const other = waitingEntry();

    submit();
    await settle();

    expect(storedEntry()).toEqual(other);
    expect(log.requests).toHaveLength(0);
    expect(emitted("submit")).toEqual([]);
    // The click shows the waiting submission at once, without waiting for the storage event.
    expect(screen.getByRole("status").textContent).toContain(QUEUED);
    // Nothing typed here is lost.
    expect(window.localStorage.getItem(DRAFT)).toContain(MESSAGE);
  });

  it("hides the form when another tab queues a submission (storage event), and shows it back once that one is seen there", async () => {
    openContact();
    type("Votre message", MESSAGE);

    waitingEntry();
    storageEvent();

    expect(screen.getByRole("status").textContent).toContain(QUEUED);
    expect(screen.queryByLabelText("Votre message")).toBeNull();

    // The other tab got it sent and showed its reference there: nothing waits any more.
    window.localStorage.removeItem(OUTBOX);
    storageEvent();

    expect(screen.getByRole("status").textContent).toBe("");
    expect(field("Votre message").value).toBe(MESSAGE);
  });

  it("shows the reference, in an open panel, once another tab got the waiting submission acknowledged (storage event)", async () => {
    waitingEntry();
    const { emitted } = openContact();
    expect(screen.getByRole("status").textContent).toContain(QUEUED);

    acknowledgedElsewhere();
    storageEvent();

    await statusShows("SNU-2026-000999");
    expect(screen.getByRole("status").textContent).not.toContain(QUEUED);
    expect(window.localStorage.getItem(OUTCOME)).toBeNull();
    expect(emitted("submit")).toEqual([{ reference: "SNU-2026-000999" }]);
    expect(log.requests).toHaveLength(0);
  });

  it('open("contact") shows a waiting outcome and removes it', async () => {
    acknowledgedElsewhere();
    const { handle, emitted } = mountPanel();

    handle.open("contact");

    await statusShows("SNU-2026-000999");
    expect(window.localStorage.getItem(OUTCOME)).toBeNull();
    expect(emitted("submit")).toEqual([{ reference: "SNU-2026-000999" }]);
  });

  it('open("contact") on a panel already open takes an outcome that came meanwhile', async () => {
    waitingEntry();
    const { handle, emitted } = openContact();
    expect(screen.getByRole("status").textContent).toContain(QUEUED);
    // No storage event (the other tab's is still to come): the host's own call finds the outcome.
    acknowledgedElsewhere();

    handle.open("contact");

    await statusShows("SNU-2026-000999");
    expect(window.localStorage.getItem(OUTCOME)).toBeNull();
    expect(emitted("submit")).toEqual([{ reference: "SNU-2026-000999" }]);
  });

  it("does not replay an outcome to the form mounted again after « Réessayer »", async () => {
    acknowledgedElsewhere();
    const { handle, emitted } = mountPanel();
    handle.open();
    await statusShows("SNU-2026-000999");
    fireEvent.click(
      screen.getByRole("button", { name: "Écrire une autre demande" }),
    );
    type("Votre message", "Une nouvelle question sur mon affectation.");

    // A render of the form fails (here the page's title cannot be read): the error boundary shows.
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    Object.defineProperty(document, "title", {
      configurable: true,
      get() {
        throw new Error("titre illisible");
      },
    });
    try {
      handle.apply(["prefill", { category: "QUESTION" }]);
    } finally {
      delete (document as { title?: string }).title;
      error.mockRestore();
    }
    expect(screen.getByRole("alert").textContent).toContain(
      "L'aide a rencontré un problème.",
    );

    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));
    await settle();

    expect(field("Votre message").value).toBe(
      "Une nouvelle question sur mon affectation.",
    );
    expect(screen.getByRole("status").textContent).toBe("");
    expect(window.localStorage.getItem(DRAFT)).toContain(
      "Une nouvelle question sur mon affectation.",
    );
    expect(emitted("submit")).toEqual([{ reference: "SNU-2026-000999" }]);
  });

  it("does not replay an outcome after the panel is mounted again, nor at the next opening", async () => {
    acknowledgedElsewhere();
    const first = mountPanel();
    first.handle.open("contact");
    await statusShows("SNU-2026-000999");
    fireEvent.click(
      screen.getByRole("button", { name: "Écrire une autre demande" }),
    );
    type("Votre message", "Une nouvelle question sur mon affectation.");
    first.handle.close();
    first.handle.open("contact");
    expect(field("Votre message").value).toBe(
      "Une nouvelle question sur mon affectation.",
    );
    reloadPanel(first);

    const { handle, emitted } = mountPanel();
    handle.open("contact");
    await settle();

    expect(field("Votre message").value).toBe(
      "Une nouvelle question sur mon affectation.",
    );
    expect(screen.getByRole("status").textContent).toBe("");
    expect(first.emitted("submit")).toEqual([{ reference: "SNU-2026-000999" }]);
    expect(emitted("submit")).toEqual([]);
  });

  /** Before a reload: the text typed (draft storage) and its submission, both `age` ms old. */
  function leftBeforeReload(age: number) {
    const savedAt = Date.now() - age;
    storeDraft(savedAt);
    return waitingEntry(savedAt);
  }
  function expectExpiredShown() {
    screen.getByRole("dialog", { name: "Contacter le support" });
    expect(screen.getByRole("alert").textContent).toBe(EXPIRED);
    expect(field("Catégorie").value).toBe("TECHNICAL");
    expect(field("Sujet").value).toBe("UPLOAD");
    expect(field("Votre message").value).toBe(MESSAGE);
    expect(field("Adresse e-mail").value).toBe("camille.martin@example.fr");
    expect(screen.getByRole("status").textContent).toBe("");
    expect(window.localStorage.getItem(OUTBOX)).toBeNull();
    expect(window.localStorage.getItem(OUTCOME)).toBeNull();
    expect(log.requests).toHaveLength(0);
  }

  it("does not send, after a reload, a request waiting for more than a day: says so at the opening and keeps the text", async () => {
    leftBeforeReload(MAX_ENTRY_AGE_MS + 60_000);
    // The loader's sender at boot finds it too old.
    await runBootSender();
    const { handle, emitted } = mountPanel();

    handle.open();

    await waitFor(() => expect(screen.queryByRole("alert")).not.toBeNull());
    expectExpiredShown();
    expect(emitted("submit")).toEqual([]);

    // Checked and sent again: a new key.
    submit();
    await statusShows(REFERENCE);
    expect(sentKeys()).toHaveLength(1);
    expect(sentKeys()[0]).toMatch(UUID_V4);
    expect(sentKeys()[0]).not.toBe(OTHER_KEY);
  });

  it("turns a request shown as waiting into the expired message once it is more than a day old", async () => {
    leftBeforeReload(MAX_ENTRY_AGE_MS + 60_000);
    const { emitted } = openContact();
    expect(screen.getByRole("status").textContent).toContain(QUEUED);

    goOnline();

    await waitFor(() => expect(screen.queryByRole("alert")).not.toBeNull());
    expectExpiredShown();
    expect(emitted("submit")).toEqual([]);
  });

  it("still sends, after a reload, a request waiting for less than a day", async () => {
    const entry = leftBeforeReload(MAX_ENTRY_AGE_MS - 60_000);
    const { emitted } = openContact();

    goOnline();

    await statusShows(REFERENCE);
    expect(sentKeys()).toEqual([entry.key]);
    expect(sentTexts()).toEqual([entry.body]);
    expect(emitted("submit")).toEqual([{ reference: REFERENCE }]);
  });
});
