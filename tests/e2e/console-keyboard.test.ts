import { describe, expect, it } from "vitest";
import { CONSOLE_PASSWORD } from "./support/console-login.ts";
import { sendRequest, type SentRequest } from "./support/console-seed.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import {
  expectFocusOn,
  expectVisibleFocus,
  tabTo,
  walkTabOrder,
} from "./support/keyboard.ts";
import { recordCspViolations } from "./support/csp-violations.ts";
import { createSupportAccount } from "./support/support-account.ts";

// Issue 16: the support console by keyboard alone — no click, no hover, no mouse at all. An administrator
// logs in, filters the inbox (page, département, status, text), opens and closes the shortcuts dialog,
// opens a request, replies, changes its status, visits « Indicateurs », opens and cancels the new reply
// template form, edits a tip and saves the draft, then logs out. At every Tab stop the focus is visible
// (computed outline of 2 px at least) and on screen; after every action it is on the element acted on, or on
// the new screen's heading, never on <body>; a closed dialog or form gives it back to what opened it. The
// whole Tab order of the inbox, a request, « Indicateurs » and the tip editor is walked once too.

const REPLY = "Bonjour, essayez un fichier JPEG de moins de 5 Mo.";
let wanted: SentRequest;

const suite = useServerAndBrowser({
  env: { DEMO: "false" },
  async prepare(server) {
    await createSupportAccount(
      server.dataDir,
      { email: "admin@test.fr", role: "admin", name: "Alex Admin" },
      CONSOLE_PASSWORD,
    );
    // The request to find, and two that the filters must leave out (another département, another page).
    wanted = await sendRequest(server, {
      department: "75",
      route: "/inscription/:step",
      message: "Ma pièce d'identité est refusée, le bouton reste grisé.",
    });
    await sendRequest(server, {
      department: "13",
      route: "/inscription/:step",
    });
    await sendRequest(server, { department: "75", route: "/phase1" });
  },
  timeout: 90_000,
});

describe("the support console by keyboard only", () => {
  it("logs in, filters, opens a request, replies, changes its status and logs out", async () => {
    const page = await suite.browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    page.setDefaultTimeout(10_000);
    const violations = await recordCspViolations(page);
    const heading = (name: string) =>
      page.getByRole("heading", { level: 1, name });
    /** Follows a link of the main navigation (Shift+Tab back to it), checks the new screen's focus. */
    const goTo = async (link: string, title: string) => {
      await tabTo(
        page,
        page
          .getByRole("navigation", { name: "Navigation principale" })
          .getByRole("link", { name: link, exact: true }),
        { backward: true, max: 150 },
      );
      await page.keyboard.press("Enter");
      await heading(title).waitFor();
      await expectFocusOn(page, heading(title), `on « ${title} »`);
    };
    /** How many Tab stops each screen has, all checked visible (walkTabOrder). */
    const stops: Record<string, number> = {};

    // Log in: the e-mail field has the focus on arrival.
    await page.goto(`${suite.server.url}support/`);
    await heading("Connexion à la console support").waitFor();
    await expectFocusOn(page, page.getByLabel("Adresse e-mail"), "login");
    await page.keyboard.type("admin@test.fr");
    await tabTo(page, page.getByLabel("Mot de passe"));
    await page.keyboard.type(CONSOLE_PASSWORD);
    await page.keyboard.press("Enter");
    await heading("Demandes").waitFor();
    await expectFocusOn(page, heading("Demandes"), "after logging in");
    stops.inbox = (await walkTabOrder(page)).length;

    const references = page
      .getByRole("table")
      .getByRole("link", { name: /^SNU-/ });
    await expect.poll(() => references.count()).toBe(3);

    // Filter by page, then by département in « Plus de filtres », applied with Enter in the field: the form
    // is rebuilt for the new address, and the field gets the focus back.
    await tabTo(page, page.getByLabel("Page"));
    await page.keyboard.type("/inscription/:step");
    await tabTo(page, page.getByText("Plus de filtres"));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByLabel("Département"));
    await page.keyboard.type("75");
    await page.keyboard.press("Enter");
    await page.waitForURL(/department=75/);
    await expectFocusOn(
      page,
      page.getByLabel("Département"),
      "after applying the filters with Enter",
    );
    // Then by status with a status tab, which keeps the focus while the list reloads.
    const newTab = page.getByRole("button", { name: /^Nouvelle \d/ });
    await tabTo(page, newTab);
    await page.keyboard.press("Enter");
    await page.waitForURL(/status=new/);
    await expect
      .poll(() => references.allTextContents())
      .toEqual([wanted.reference]);
    await expectFocusOn(page, newTab, "after choosing a status tab");
    // « Réinitialiser » and « Filtrer » keep the focus too.
    const reset = page.getByRole("link", { name: "Réinitialiser" });
    await tabTo(page, reset, { backward: true });
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.search === "");
    await expect.poll(() => references.count()).toBe(3);
    await expectFocusOn(page, reset, "after « Réinitialiser »");
    await tabTo(page, page.getByLabel("Recherche"), { backward: true });
    await page.keyboard.type("refusée");
    const filter = page.getByRole("button", { name: "Filtrer" });
    await tabTo(page, filter);
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=refus/);
    await expect
      .poll(() => references.allTextContents())
      .toEqual([wanted.reference]);
    await expectFocusOn(page, filter, "after « Filtrer »");

    // The shortcuts dialog: focus moves into it, Escape closes it and gives the focus back to its opener.
    const shortcuts = page.getByRole("button", { name: "Raccourcis clavier" });
    await tabTo(page, shortcuts, { backward: true });
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Raccourcis clavier" });
    await dialog.waitFor();
    expect(
      await dialog.evaluate((d) => d.contains(document.activeElement)),
    ).toBe(true);
    await expectVisibleFocus(page, "in the shortcuts dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expectFocusOn(
      page,
      shortcuts,
      "after closing the dialog with Escape",
    );
    // « Fermer » does the same.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await tabTo(page, dialog.getByRole("button", { name: "Fermer" }));
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });
    await expectFocusOn(page, shortcuts, "after « Fermer »");

    // Open the request: the new screen's heading takes the focus.
    const link = page.getByRole("link", { name: wanted.reference });
    await tabTo(page, link);
    await page.keyboard.press("Enter");
    const title = heading(`Demande ${wanted.reference}`);
    await title.waitFor();
    await page.getByText("Ma pièce d'identité est refusée").first().waitFor();
    await expectFocusOn(page, title, "after opening the request");

    // Write and send a reply; the request waits for the user's answer (the default choice).
    await tabTo(page, page.getByLabel("Réponse à l'usager"));
    await page.keyboard.type(REPLY);
    const send = page.getByRole("button", { name: "Envoyer la réponse" });
    await tabTo(page, send);
    await page.keyboard.press("Enter");
    await page.locator(".live").getByText("Réponse envoyée").waitFor();
    await page
      .getByRole("region", { name: "Conversation" })
      .getByText(REPLY)
      .waitFor();
    await expectFocusOn(page, send, "after sending the reply");

    // Change its status with the arrow keys in « Statut », then « Enregistrer ».
    const status = page.getByLabel("Statut", { exact: true });
    await tabTo(page, status);
    expect(await status.inputValue()).toBe("waiting_user");
    await page.keyboard.press("ArrowDown");
    expect(await status.inputValue()).toBe("resolved");
    const save = page.getByRole("button", { name: "Enregistrer", exact: true });
    await tabTo(page, save);
    await page.keyboard.press("Enter");
    await page
      .locator(".live")
      .getByText("Statut enregistré : Résolue")
      .waitFor();
    await expectFocusOn(page, save, "after saving the status");
    expect(await page.locator(".detail-head").textContent()).toContain(
      "Résolue",
    );
    stops.detail = (await walkTabOrder(page)).length;

    // « Indicateurs » from the main navigation: the new screen's heading has the focus.
    await goTo("Indicateurs", "Indicateurs");
    stops.indicators = (await walkTabOrder(page)).length;

    // « Réponses types »: « Nouvelle réponse type » opens the form on its first field, « Annuler » closes it
    // and gives the focus back to the button that opened it.
    await goTo("Réponses types", "Réponses types");
    const create = page.getByRole("button", { name: "Nouvelle réponse type" });
    await tabTo(page, create);
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Nouvelle réponse type" });
    await expectFocusOn(page, form.getByLabel("Titre"), "in the new form");
    await tabTo(page, form.getByRole("button", { name: "Annuler" }));
    await page.keyboard.press("Enter");
    await form.waitFor({ state: "detached" });
    await expectFocusOn(page, create, "after closing the new form");

    // One tip, from « Astuces »: change its title, save the draft; the focus stays on the button.
    await goTo("Astuces", "Astuces");
    const tipLink = page.getByRole("table").getByRole("link").first();
    await tipLink.waitFor();
    const tipTitle = (await tipLink.textContent())!;
    await tabTo(page, tipLink);
    await page.keyboard.press("Enter");
    const editorTitle = page.getByRole("heading", {
      level: 1,
      name: /^Astuce /,
    });
    await editorTitle.waitFor();
    await expectFocusOn(page, editorTitle, "on the tip editor");
    const titleField = page.getByLabel("Titre", { exact: true });
    await expect.poll(() => titleField.inputValue()).toBe(tipTitle);
    // The preview arrives from the server and grows above the route check in the side column: walked
    // before it, the Tab order could focus « Tester une adresse » and see it pushed off screen after.
    await page
      .getByRole("article", { name: "Astuce telle que l'usager la verra" })
      .waitFor();
    stops.tipEditor = (await walkTabOrder(page)).length;
    await tabTo(page, titleField, { max: 120 });
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Une astuce relue au clavier ?");
    const saveDraft = page.getByRole("button", {
      name: "Enregistrer le brouillon",
    });
    await tabTo(page, saveDraft, { max: 120 });
    await page.keyboard.press("Enter");
    await page.locator(".live").getByText("Brouillon enregistré").waitFor();
    await expectFocusOn(page, saveDraft, "after saving the draft");

    // Log out: the login screen, with the focus on its heading.
    await tabTo(page, page.getByRole("button", { name: "Se déconnecter" }), {
      backward: true,
      max: 150,
    });
    await page.keyboard.press("Enter");
    const login = heading("Connexion à la console support");
    await login.waitFor();
    await expectFocusOn(page, login, "after logging out");
    console.log(
      `Tab stops walked, each with a visible focus: ${JSON.stringify(stops)}`,
    );
    expect(await violations()).toEqual([]);
    await page.close();
  }, 60_000);
});
