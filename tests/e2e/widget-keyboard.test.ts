import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CONSOLE_PASSWORD } from "./support/console-login.ts";
import { openDemo } from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import {
  expectFocusOn,
  expectVisibleFocus,
  named,
  tabTo,
  type FocusState,
} from "./support/keyboard.ts";
import { createSupportAccount } from "./support/support-account.ts";
import type { WidgetServer } from "./support/widget-server.ts";

// Issue 16: the widget by keyboard only, on the moncompte demo as `npm start` serves it (strict CSP,
// Trusted Types). Not a single mouse call in this file — no click, no hover, no fill: the keyboard opens,
// reads, searches, writes, sends, follows the link, answers, rates and dismisses; the tests only read the
// page's state. At every stop the focus is on an element (never lost to <body>), drawn with a visible
// outline (computed style, through the widget's shadow root), on screen; it goes back to the opener
// whenever the panel or a popover closes.
const suite = useServerAndBrowser({
  env: { DEMO: "false" },
  prepare: (server) =>
    createSupportAccount(
      server.dataDir,
      { email: "agent.clavier@test.fr", role: "agent" },
      CONSOLE_PASSWORD,
    ).then(() => undefined),
});

const DOCUMENTS = "/demo/moncompte/inscription/documents";
const UPLOAD_TIP = "Le téléversement de ma pièce d'identité échoue";

const open = (path: string, viewport = { width: 1280, height: 800 }) =>
  openDemo(suite.browser, suite.server, path, { viewport, timeout: 10_000 });

const isLauncher = (state: FocusState) =>
  state.inWidget && !state.inPanel && /^Aide/.test(state.name);

/** Tabs from the top of the page to the launcher and opens the panel with Enter: the focus is on its title. */
async function openPanelByKeyboard(page: Page) {
  await tabTo(page, isLauncher, { step: "to the launcher", max: 30 });
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Aide" }).waitFor();
  await expectFocusOn(
    page,
    (state) => state.inPanel && state.tag === "H2" && state.name === "Aide",
    "panel opened: its title",
  );
}

/** Escape closes the panel and gives the focus back to the launcher. */
async function closePanelByKeyboard(page: Page) {
  await page.keyboard.press("Escape");
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  await expectFocusOn(page, isLauncher, "panel closed: the launcher");
}

/** Selects every character of the focused field and types `text` over it. */
async function typeOver(page: Page, text: string) {
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** The value of the widget's field labelled `label`. */
const fieldValue = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).inputValue();

describe("the widget by keyboard only (issue 16)", () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 320, height: 640 },
  ])
    it(`at ${viewport.width} × ${viewport.height}: opens from the launcher, reads a tip and answers it, searches with and without results, closes back to the launcher`, async () => {
      const { page, violations } = await open(DOCUMENTS, viewport);
      await openPanelByKeyboard(page);

      // The first tip of the page: opened with Enter, read, answered « Oui ».
      const tip = await tabTo(page, named(UPLOAD_TIP, "SUMMARY"), {
        step: "to the first tip",
      });
      expect(tip.inPanel).toBe(true);
      await page.keyboard.press("Enter");
      const details = page.locator("details", {
        has: page.getByText(UPLOAD_TIP, { exact: true }),
      });
      await expect.poll(() => details.getAttribute("open")).toBe("");
      await tabTo(page, named("Oui", "BUTTON"), {
        step: "to « Oui » under the tip",
      });
      await page.keyboard.press("Enter");
      // The pressed button goes away: the focus is on the thanks, announced in its status.
      const thanks = await expectFocusOn(
        page,
        named("Merci pour votre réponse."),
        "tip answered: the thanks",
      );
      expect(thanks.role).toBe("status");

      // Search: a few letters, the count is announced; then a word nothing matches.
      const search = await tabTo(
        page,
        named("Rechercher dans l'aide", "INPUT"),
        { step: "to the search field" },
      );
      expect(search.inPanel).toBe(true);
      await page.keyboard.type("séjour");
      const count = page
        .getByRole("dialog")
        .getByRole("status")
        .filter({ hasText: /^\d+ résultats?$/ });
      await expect.poll(() => count.textContent()).toMatch(/^\d+ résultats?$/);
      await expectVisibleFocus(page, "search typed");
      // The first result is the next stop: opened with Enter.
      const result = await tabTo(page, (state) => state.tag === "SUMMARY", {
        step: "to the first result",
        max: 1,
      });
      await page.keyboard.press("Enter");
      await expect
        .poll(() =>
          page
            .locator("details[open] summary")
            .allTextContents()
            .then((titles) => titles.map((t) => t.replace(/\u00a0/g, " "))),
        )
        .toContain(result.name);
      await tabTo(page, named("Rechercher dans l'aide", "INPUT"), {
        backward: true,
        step: "back to the search field",
      });
      await typeOver(page, "xylophone quantique");
      await expect.poll(() => count.count()).toBe(0);
      await expect
        .poll(() =>
          page
            .getByRole("dialog")
            .getByRole("status")
            .filter({ hasText: "Aucun résultat." })
            .count(),
        )
        .toBe(1);
      await expectVisibleFocus(page, "search without result");

      await closePanelByKeyboard(page);
      expect(await violations()).toEqual([]);
      await page.close();
    });

  it("after a failed loading, « Réessayer » loads the tips again and the focus goes to the panel's title", async () => {
    const { page } = await open(DOCUMENTS);
    // The page's tips cannot be fetched until « Réessayer » is pressed: the widget may also ask again by
    // itself after a failure (a page change does), which must not load them behind the test's back.
    let failing = true;
    await page.route("**/v1/tips?**", (route) => {
      if (!failing || !route.request().url().includes("route=")) {
        return route.continue();
      }
      return route.abort("connectionrefused");
    });
    await openPanelByKeyboard(page);
    await page
      .getByRole("alert")
      .filter({ hasText: "Les conseils n'ont pas pu être chargés" })
      .waitFor();
    await tabTo(page, named("Réessayer", "BUTTON"), {
      step: "to « Réessayer »",
    });
    failing = false;
    await page.keyboard.press("Enter");
    await page.getByText(UPLOAD_TIP, { exact: true }).waitFor();
    // The pressed button is gone with the alert: the focus goes to the panel's title, not to <body>.
    await expectFocusOn(
      page,
      (state) => state.inPanel && state.tag === "H2" && state.name === "Aide",
      "tips loaded again: the panel's title",
    );
    await closePanelByKeyboard(page);
    await page.close();
  });

  it("sends a request: errors shown and the focus on the first one, fixed and sent; « Suivre ma demande » opens the follow-up page, where the requester answers and rates", async () => {
    const { page, violations } = await open(DOCUMENTS);
    await openPanelByKeyboard(page);
    // « Contacter le support » is the last stop of the tips view.
    await tabTo(page, named("Contacter le support", "BUTTON"), {
      step: "to « Contacter le support »",
    });
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Contacter le support" }).waitFor();
    await expectFocusOn(
      page,
      named("Catégorie", "SELECT"),
      "form: first field",
    );

    // Sent empty: every error shows, the focus goes to the first field in error.
    await tabTo(page, named("Envoyer ma demande", "BUTTON"), {
      step: "to « Envoyer ma demande »",
    });
    await page.keyboard.press("Enter");
    await page.getByText("Choisissez une catégorie.").waitFor();
    const first = await expectFocusOn(
      page,
      named("Catégorie", "SELECT"),
      "errors: the first field in error",
    );
    expect(first.inPanel).toBe(true);
    expect(
      await page
        .getByLabel("Catégorie", { exact: true })
        .getAttribute("aria-invalid"),
    ).toBe("true");

    // Fixed field by field, moving with Tab: a category and a subject with the arrows, then the text.
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => fieldValue(page, "Catégorie")).not.toBe("");
    await tabTo(page, named("Sujet", "SELECT"), { step: "to « Sujet »" });
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => fieldValue(page, "Sujet")).not.toBe("");
    await tabTo(page, named("Votre message", "TEXTAREA"), {
      step: "to « Votre message »",
    });
    await page.keyboard.type(
      "Je ne trouve pas où déposer le verso de ma pièce d'identité.",
    );
    await tabTo(page, named("Adresse e-mail", "INPUT"), {
      step: "to « Adresse e-mail »",
    });
    if ((await fieldValue(page, "Adresse e-mail")) === "")
      await page.keyboard.type("lea.clavier@example.fr");
    await tabTo(page, named("Envoyer ma demande", "BUTTON"), {
      step: "to « Envoyer ma demande », again",
    });
    await page.keyboard.press("Enter");

    // Sent: the reference in the status, the focus on what comes next.
    const status = page
      .getByRole("dialog")
      .getByRole("status")
      .filter({ hasText: /SNU-\d{4}-\d{6}/ });
    await status.waitFor();
    const reference = /SNU-\d{4}-\d{6}/.exec(
      (await status.textContent()) ?? "",
    )![0];
    await expectFocusOn(
      page,
      named("Retour aux conseils", "BUTTON"),
      "sent: « Retour aux conseils »",
    );

    // « Suivre ma demande », just before: Enter opens the follow-up page in a new tab.
    await tabTo(page, named(/^Suivre ma demande/, "A"), {
      backward: true,
      step: "back to « Suivre ma demande »",
    });
    const opened = page.waitForEvent("popup");
    await page.keyboard.press("Enter");
    const followUp = await opened;
    followUp.setDefaultTimeout(10_000);
    await followUp
      .getByRole("heading", { name: `Suivi de votre demande ${reference}` })
      .waitFor();
    await answerByKeyboard(followUp);
    await resolve(suite.server, reference);
    await followUp.reload();
    await rateByKeyboard(followUp);
    await followUp.close();

    // Back in the host page: the focus is still on the link; Escape closes the panel, back to the launcher.
    await expectVisibleFocus(page, "back from the follow-up page");
    await closePanelByKeyboard(page);
    expect(await violations()).toEqual([]);
    await page.close();
  }, 45_000);

  it("reaches the anchored tip's hotspot, opens it, closes it with Escape back to the hotspot, and dismisses it with « Compris »", async () => {
    const { page, violations } = await open(DOCUMENTS);
    const hotspotName = `Astuce : ${UPLOAD_TIP}`;
    const hotspot = page.getByRole("button", { name: hotspotName });
    await hotspot.waitFor();
    // After the launcher: the widget's shadow root comes last in the page.
    const reached = await tabTo(
      page,
      (state) => state.inWidget && state.name === hotspotName,
      { step: "to the hotspot", max: 30 },
    );
    expect(reached.inPanel).toBe(false);
    await page.keyboard.press("Enter");
    const popover = page.getByRole("dialog", { name: UPLOAD_TIP });
    await popover.waitFor();
    await expectFocusOn(
      page,
      (state) => state.tag === "H2" && state.name === UPLOAD_TIP,
      "popover opened: its title",
    );
    await page.keyboard.press("Escape");
    await expect.poll(() => popover.count()).toBe(0);
    await expectFocusOn(
      page,
      (state) => state.name === hotspotName,
      "popover closed with Escape: the hotspot",
    );

    // Opened again, « Compris » dismisses the tip: its hotspot goes, the focus goes to the field it explained.
    await page.keyboard.press("Enter");
    await popover.waitFor();
    await tabTo(page, named("Compris", "BUTTON"), {
      step: "to « Compris »",
    });
    await page.keyboard.press("Enter");
    await expect.poll(() => hotspot.count()).toBe(0);
    await expectFocusOn(
      page,
      (state) => !state.inWidget && state.id === "piece-identite-recto",
      "tip dismissed: the element it explained",
    );
    expect(await violations()).toEqual([]);
    await page.close();
  });
});

/** On the follow-up page: Tab from the top to the answer, typed and sent with the keyboard. */
async function answerByKeyboard(page: Page) {
  const skip = await tabTo(page, () => true, {
    step: "follow-up page: first stop",
    max: 1,
  });
  expect(skip.name).toBe("Aller au contenu");
  await tabTo(page, named("Votre message", "TEXTAREA"), {
    step: "follow-up page: to the answer",
  });
  await page.keyboard.type("Merci, j'ai trouvé le bouton du verso.");
  await tabTo(page, named("Envoyer", "BUTTON"), {
    step: "follow-up page: to « Envoyer »",
  });
  await Promise.all([
    page.waitForURL(/envoye=1/),
    page.keyboard.press("Enter"),
  ]);
  await page
    .getByRole("status")
    .filter({ hasText: "Votre message a bien été envoyé" })
    .waitFor();
  await page.getByText("Merci, j'ai trouvé le bouton du verso.").waitFor();
}

/** On the follow-up page of a resolved request: a score chosen with the arrows, a comment, sent. */
async function rateByKeyboard(page: Page) {
  const group = page.getByRole("radiogroup", {
    name: "Êtes-vous satisfait(e) de la réponse ?",
  });
  await group.waitFor();
  const radio = await tabTo(
    page,
    (state) => state.tag === "INPUT" && state.name !== "",
    { step: "follow-up page: to the rating" },
  );
  // Tab lands on the first choice, unchecked: Space checks it, the arrows move the choice.
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  const chosen = await expectVisibleFocus(page, "follow-up page: choice moved");
  expect(chosen.name).not.toBe(radio.name);
  expect(
    await group.getByRole("radio", { name: chosen.name }).isChecked(),
  ).toBe(true);
  await tabTo(page, named("Commentaire (facultatif)", "TEXTAREA"), {
    step: "follow-up page: to the comment",
  });
  await page.keyboard.type("Réponse claire.");
  await tabTo(page, named("Envoyer mon avis", "BUTTON"), {
    step: "follow-up page: to « Envoyer mon avis »",
  });
  await Promise.all([page.waitForURL(/avis=1/), page.keyboard.press("Enter")]);
  await page
    .getByRole("status")
    .filter({ hasText: "Merci, votre avis a bien été enregistré." })
    .waitFor();
  // The rating given, as the page shows it once saved.
  await page.locator("p.rating").filter({ hasText: chosen.name }).waitFor();
}

/**
 * The support agent resolves the request (the console's own API, as its page calls it; the console by
 * keyboard is not this file's subject).
 */
async function resolve(server: WidgetServer, reference: string) {
  const headers = {
    "Content-Type": "application/json",
    Origin: server.origin,
    "X-SNU-Support": "1",
  };
  const login = await fetch(`${server.url}support/api/session`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      email: "agent.clavier@test.fr",
      password: CONSOLE_PASSWORD,
    }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const url = `${server.url}support/api/requests/${reference}`;
  const detail = (await (
    await fetch(url, { headers: { ...headers, Cookie: cookie } })
  ).json()) as { version: number };
  const patched = await fetch(url, {
    method: "PATCH",
    headers: { ...headers, Cookie: cookie },
    body: JSON.stringify({ version: detail.version, status: "resolved" }),
  });
  expect(patched.status).toBe(200);
}
