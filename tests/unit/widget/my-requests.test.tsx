import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MyRequest } from "../../../widget/panel/my-requests.ts";
import type { HostCall } from "../../../widget/shared/types.ts";
import { FOLLOW_UP_STATUS_URL } from "../../support/widget/fixtures.ts";
import { errorResponse } from "../../support/widget/handlers.ts";
import { mountPanel, unmountPanels } from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

// Issue 10: « Mes demandes », a view of its own (lazy chunk) listing the requests sent from this browser.
const { server, log } = useWidgetServer();

const KEY = "snu-aide:demandes:moncompte";
const DAY = 86_400_000;
const UNAVAILABLE = "Statut indisponible";
const FORGOTTEN = "Vos demandes ont été oubliées sur cet appareil.";
const NONE = "Aucune demande envoyée depuis ce navigateur.";

afterEach(unmountPanels);

const tokenOf = (n: number) =>
  `T${String(n).padStart(2, "0")}_`.padEnd(32, "k");
const referenceOf = (n: number) => `SNU-2026-${String(n).padStart(6, "0")}`;
/** Request `n` as this browser keeps it, sent `daysAgo` days ago (at noon UTC: the same date everywhere). */
function entry(n: number, owner?: string, daysAgo = n): MyRequest {
  const today = new Date();
  const sentAt =
    Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth(),
      today.getUTCDate(),
      12,
    ) -
    daysAgo * DAY;
  return {
    reference: referenceOf(n),
    followUpUrl: `https://aide.example/suivi/${tokenOf(n)}`,
    sentAt,
    ...(owner ? { owner } : {}),
  };
}
const keep = (...entries: unknown[]) =>
  window.localStorage.setItem(KEY, JSON.stringify(entries));
const kept = () =>
  JSON.parse(window.localStorage.getItem(KEY) ?? "null") as MyRequest[] | null;

/** The fake API knows request `n` with this status (unknown ones are left out of its answers). */
function serverKnows(
  n: number,
  status: "new" | "in_progress" | "waiting_user" | "resolved" | "closed",
  replies = 0,
) {
  log.followUps.set(tokenOf(n), {
    token: tokenOf(n),
    reference: referenceOf(n),
    status,
    updatedAt: "2026-03-02T09:30:00.000Z",
    replies,
  });
}

const identify = (userId?: string): HostCall => [
  "identify",
  { role: "young", ...(userId ? { userId } : {}) },
];

/** Mounts and opens the panel, then opens « Mes demandes » from the tips view. */
async function openMyRequests(calls: HostCall[] = []) {
  const panel = mountPanel({ calls });
  panel.handle.open();
  fireEvent.click(screen.getByRole("button", { name: "Mes demandes" }));
  await screen.findByText(/Les demandes envoyées depuis ce navigateur/);
  return panel;
}

/** The listed requests: reference → the text of its item. */
const listed = () =>
  Object.fromEntries(
    screen
      .queryAllByRole("listitem")
      .map((item) => [
        within(item).getByRole("heading").textContent,
        item.textContent,
      ]),
  );
const statusesLoaded = () =>
  waitFor(() =>
    expect(document.body.textContent).not.toContain("Chargement du statut"),
  );
const askedTokens = () =>
  log.statusQueries.map((query) => (query.body as { tokens: string[] }).tokens);

describe("opening « Mes demandes »", () => {
  it("is offered in the tips view and fetches nothing before it is opened", async () => {
    keep(entry(1));
    serverKnows(1, "new");
    const { handle } = mountPanel();
    handle.open();
    await screen.findByText(/Aucun conseil particulier pour cette page/);

    expect(
      screen.queryByRole("button", { name: "Mes demandes" }),
    ).not.toBeNull();
    expect(log.statusQueries).toEqual([]);
  });

  it("shows the view under its title, the focus on it, and goes back to the tips", async () => {
    await openMyRequests();

    const title = screen.getByRole("heading", { name: "Mes demandes" });
    expect(
      screen.queryByRole("dialog", { name: "Mes demandes" }),
    ).not.toBeNull();
    expect(document.activeElement).toBe(title);
    fireEvent.click(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );
    expect(screen.queryByRole("dialog", { name: "Aide" })).not.toBeNull();
    expect(screen.queryByText(/Les demandes envoyées/)).toBeNull();
  });

  it("says when there is nothing to show, asks the server nothing and offers nothing to forget", async () => {
    await openMyRequests();

    expect(screen.queryByText(NONE)).not.toBeNull();
    expect(log.statusQueries).toEqual([]);
    expect(
      screen.queryByRole("button", { name: "Oublier sur cet appareil" }),
    ).toBeNull();
  });
});

describe("the list", () => {
  it("shows each request, newest first, with its date, its status in words and its follow-up link", async () => {
    keep(entry(2, undefined, 20), entry(1, undefined, 3));
    serverKnows(1, "in_progress", 2);
    serverKnows(2, "waiting_user", 1);

    await openMyRequests();
    await statusesLoaded();

    expect(Object.keys(listed())).toEqual([referenceOf(1), referenceOf(2)]);
    const date = (daysAgo: number) =>
      new Date(entry(1, undefined, daysAgo).sentAt).toLocaleDateString(
        "fr-FR",
        { day: "numeric", month: "long", year: "numeric" },
      );
    expect(listed()[referenceOf(1)]).toContain(`Envoyée le ${date(3)}`);
    expect(listed()[referenceOf(1)]).toContain("Statut : En cours");
    expect(listed()[referenceOf(1)]).toContain("2 réponses du support");
    expect(listed()[referenceOf(2)]).toContain(`Envoyée le ${date(20)}`);
    expect(listed()[referenceOf(2)]).toContain(
      "Statut : En attente de l'usager",
    );
    expect(listed()[referenceOf(2)]).toContain("1 réponse du support");
    const link = screen.getByRole("link", {
      name: `Suivre ma demande ${referenceOf(2)} (nouvelle fenêtre)`,
    }) as HTMLAnchorElement;
    expect(link.href).toBe(entry(2).followUpUrl);
    expect(link.target).toBe("_blank");
    expect(link.rel).toBe("noopener noreferrer");
  });

  it("announces the statuses' loading, then that they are up to date, in its status region (RGAA 7.5)", async () => {
    keep(entry(1));
    serverKnows(1, "in_progress");
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      http.post(
        FOLLOW_UP_STATUS_URL,
        async () => {
          await answered;
          return HttpResponse.json({
            requests: [log.followUps.get(tokenOf(1))],
          });
        },
        { once: true },
      ),
    );

    await openMyRequests();

    expect(screen.getByRole("status").textContent).toBe(
      "Chargement des statuts…",
    );
    answer();
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Statuts à jour."),
    );
    expect(listed()[referenceOf(1)]).toContain("Statut : ");
  });

  it("asks the statuses once, as JSON, with the tokens of the listed requests only", async () => {
    keep(entry(1), entry(2));
    serverKnows(1, "new");
    serverKnows(2, "resolved");

    await openMyRequests();
    await statusesLoaded();

    expect(askedTokens()).toEqual([[tokenOf(1), tokenOf(2)]]);
    expect(log.statusQueries[0]!.headers.get("Content-Type")).toBe(
      "application/json",
    );
    expect(listed()[referenceOf(2)]).toContain("Statut : Résolue");
  });

  it("asks again at each opening", async () => {
    keep(entry(1));
    serverKnows(1, "new");
    await openMyRequests();
    await statusesLoaded();
    serverKnows(1, "closed");

    fireEvent.click(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Mes demandes" }));

    await waitFor(() =>
      expect(listed()[referenceOf(1)]).toContain("Statut : Close"),
    );
    expect(askedTokens()).toHaveLength(2);
  });

  it("forgets, here and in storage, the requests the server no longer knows (expired)", async () => {
    keep(entry(1), entry(2), entry(3));
    serverKnows(1, "new");
    serverKnows(3, "resolved");

    await openMyRequests();
    await statusesLoaded();

    expect(Object.keys(listed())).toEqual([referenceOf(1), referenceOf(3)]);
    expect(
      kept()!
        .map((kept) => kept.reference)
        .sort(),
    ).toEqual([referenceOf(1), referenceOf(3)]);
  });

  it.each([
    ["the network fails", () => HttpResponse.error()],
    ["the server fails", () => errorResponse(503, "unavailable")],
    ["the answer is not a status list", () => HttpResponse.json({ oops: 1 })],
  ])(
    "says « Statut indisponible » and keeps every request when %s",
    async (_, answer) => {
      keep(entry(1), entry(2));
      serverKnows(1, "new");
      serverKnows(2, "new");
      server.use(http.post(FOLLOW_UP_STATUS_URL, answer, { once: true }));

      await openMyRequests();

      await waitFor(() =>
        expect(listed()[referenceOf(1)]).toContain(UNAVAILABLE),
      );
      expect(listed()[referenceOf(2)]).toContain(UNAVAILABLE);
      expect(screen.getByRole("status").textContent).toBe(
        "Statuts indisponibles pour le moment.",
      );
      expect(kept()).toHaveLength(2);
      expect(
        screen.getAllByRole("link", { name: /^Suivre ma demande/ }),
      ).toHaveLength(2);
    },
  );

  it.each(["archived", "__proto__", "constructor"])(
    "says « Statut indisponible » for a status it does not know (%s)",
    async (unknown) => {
      keep(entry(1));
      server.use(
        http.post(
          FOLLOW_UP_STATUS_URL,
          () =>
            HttpResponse.json({
              requests: [
                {
                  token: tokenOf(1),
                  reference: referenceOf(1),
                  status: unknown,
                  updatedAt: "2026-03-02T09:30:00.000Z",
                  replies: 0,
                },
              ],
            }),
          { once: true },
        ),
      );

      await openMyRequests();

      await waitFor(() =>
        expect(listed()[referenceOf(1)]).toContain(UNAVAILABLE),
      );
      expect(listed()[referenceOf(1)]).not.toContain("Statut :");
    },
  );

  it("shows nothing older than 90 days, and at most 10 requests", async () => {
    keep(
      entry(90, undefined, 91),
      ...Array.from({ length: 12 }, (_, i) => entry(i + 1)),
    );
    for (let n = 1; n <= 12; n++) serverKnows(n, "new");
    serverKnows(90, "new");

    await openMyRequests();
    await statusesLoaded();

    expect(Object.keys(listed())).toEqual(
      Array.from({ length: 10 }, (_, i) => referenceOf(i + 1)),
    );
    expect(askedTokens()[0]).toHaveLength(10);
    expect(askedTokens()[0]).not.toContain(tokenOf(90));
  });

  it("ignores entries changed by hand into something else, and lists a request once", async () => {
    keep(
      null,
      "x",
      { reference: 1, followUpUrl: entry(5).followUpUrl, sentAt: Date.now() },
      { ...entry(6), followUpUrl: `javascript:alert(1)//${tokenOf(6)}` },
      { ...entry(7), followUpUrl: "https://aide.example/suivi/court" },
      { reference: referenceOf(8), sentAt: Date.now() },
      entry(1),
      entry(1),
    );
    serverKnows(1, "new");

    await openMyRequests();
    await statusesLoaded();

    expect(Object.keys(listed())).toEqual([referenceOf(1)]);
    expect(askedTokens()).toEqual([[tokenOf(1)]]);
  });
});

describe("who sees what on a shared computer", () => {
  beforeEach(() => {
    keep(entry(1, "user-a"), entry(2, "user-b"), entry(3), entry(4, "user-a"));
    for (const n of [1, 2, 3, 4]) serverKnows(n, "new");
  });

  it("shows an identified user only the requests sent under their userId, and asks only for those", async () => {
    await openMyRequests([identify("user-a")]);
    await statusesLoaded();

    expect(Object.keys(listed()).sort()).toEqual([
      referenceOf(1),
      referenceOf(4),
    ]);
    expect(askedTokens()).toEqual([[tokenOf(1), tokenOf(4)]]);
  });

  it("never shows user A's requests to user B, nor the anonymous ones", async () => {
    await openMyRequests([identify("user-b")]);
    await statusesLoaded();

    expect(Object.keys(listed())).toEqual([referenceOf(2)]);
    expect(askedTokens()).toEqual([[tokenOf(2)]]);
  });

  it("shows the requests sent without userId only while no userId is identified", async () => {
    await openMyRequests([identify()]);
    await statusesLoaded();
    expect(Object.keys(listed())).toEqual([referenceOf(3)]);

    unmountPanels();
    keep(entry(3));
    serverKnows(3, "new");
    await openMyRequests([identify("user-c")]);
    expect(screen.queryByText(NONE)).not.toBeNull();
  });

  it("shows the new user's requests when the host identifies someone else while the view is open", async () => {
    const { handle } = await openMyRequests([identify("user-a")]);
    await statusesLoaded();

    handle.apply(identify("user-b"));

    await waitFor(() =>
      expect(Object.keys(listed())).toEqual([referenceOf(2)]),
    );
  });
});

describe("« Oublier sur cet appareil »", () => {
  it("forgets this user's requests on this platform, says so, and leaves the focus on the view", async () => {
    keep(entry(1, "user-a"), entry(2, "user-b"), entry(3));
    for (const n of [1, 2, 3]) serverKnows(n, "new");
    window.localStorage.setItem(
      "snu-aide:demandes:admin",
      JSON.stringify([entry(5, "user-a")]),
    );
    await openMyRequests([identify("user-a")]);
    await statusesLoaded();

    fireEvent.click(
      screen.getByRole("button", { name: "Oublier sur cet appareil" }),
    );

    expect(screen.queryAllByRole("listitem")).toEqual([]);
    const status = screen
      .getAllByRole("status")
      .find((region) => region.textContent === FORGOTTEN);
    expect(status).toBeDefined();
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );
    expect(kept()!.map((kept) => kept.reference)).toEqual([
      referenceOf(2),
      referenceOf(3),
    ]);
    expect(
      JSON.parse(window.localStorage.getItem("snu-aide:demandes:admin")!),
    ).toHaveLength(1);
  });

  it("shows nothing forgotten again at the next opening", async () => {
    keep(entry(1));
    serverKnows(1, "new");
    await openMyRequests();
    await statusesLoaded();
    fireEvent.click(
      screen.getByRole("button", { name: "Oublier sur cet appareil" }),
    );

    fireEvent.click(
      screen.getByRole("button", { name: "Retour aux conseils" }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Mes demandes" }));

    await screen.findByText(NONE);
    expect(askedTokens()).toHaveLength(1);
  });
});
