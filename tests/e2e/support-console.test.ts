import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CONSOLE_PASSWORD, logIn as logInAs } from "./support/console-login.ts";
import {
  demoUrl,
  fillContactForm,
  openContactForm,
  sendContactForm,
} from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import { axeViolations } from "./support/axe.ts";
import { recordCspViolations } from "./support/csp-violations.ts";
import { createSupportAccount } from "./support/support-account.ts";

// The whole loop: a young person of the 75 asks for help from a demo page; a referent of the 75 finds the
// request by its page, handles it and sees the timeline; a referent of the 13 cannot see it.
let reference = "";
const suite = useServerAndBrowser({
  env: { DEMO: "false" },
  async prepare(server) {
    await createSupportAccount(
      server.dataDir,
      {
        email: "ref75@test.fr",
        role: "referent",
        departments: "75",
        name: "Camille R.",
      },
      CONSOLE_PASSWORD,
    );
    await createSupportAccount(
      server.dataDir,
      {
        email: "ref13@test.fr",
        role: "referent",
        departments: "13",
        name: "Dominique R.",
      },
      CONSOLE_PASSWORD,
    );
  },
  timeout: 90_000,
});

const logIn = (page: Page, email: string) => logInAs(page, suite.server, email);

describe("the support console", () => {
  it("receives a request sent through the widget on a demo page", async () => {
    const page = await suite.browser.newPage();
    await page.goto(
      demoUrl(suite.server, "/demo/moncompte/inscription/documents"),
    );
    await openContactForm(page);
    await fillContactForm(page, {
      category: "TECHNICAL",
      subject: "UPLOAD",
      message:
        "Ma carte d'identité est refusée au téléversement, recto et verso.",
    });
    await sendContactForm(page);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);
    reference = /SNU-\d{4}-\d{6}/.exec(
      (await page.getByRole("status").textContent())!,
    )![0];
    await page.close();
  });

  it("lets the referent of the 75 find it by its page, change its status and see the timeline", async () => {
    const page = await suite.browser.newPage({
      viewport: { width: 1280, height: 720 },
    });
    const violations = await recordCspViolations(page);
    await logIn(page, "ref75@test.fr");
    await page.getByLabel("Page").fill("/inscription/:step");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(
      /route=%2Finscription%2F%3Astep|route=\/inscription\/:step/,
    );
    const link = page.getByRole("link", { name: reference });
    await link.waitFor();
    expect(await axeViolations(page, "body")).toEqual([]);
    await link.click();
    await page.getByRole("heading", { name: `Demande ${reference}` }).waitFor();
    // The heading is there while the request loads (« Chargement… »): wait for the loaded message itself.
    await page
      .getByText("Ma carte d'identité est refusée au téléversement")
      .first()
      .waitFor();
    await page
      .getByLabel("Statut", { exact: true })
      .selectOption("in_progress");
    await page
      .getByRole("button", { name: "Enregistrer", exact: true })
      .click();
    const timeline = page.getByRole("region", { name: "Historique" });
    await expect.poll(() => timeline.textContent()).toContain("En cours");
    expect(await timeline.textContent()).toContain("Camille R.");
    expect(await axeViolations(page, "body")).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("does not let the referent of the 13 see it, in the list nor by its address", async () => {
    const page = await suite.browser.newPage();
    await logIn(page, "ref13@test.fr");
    await page.getByRole("heading", { name: "Demandes", level: 1 }).waitFor();
    expect(await page.getByRole("link", { name: reference }).count()).toBe(0);
    const response = await page.request.get(
      `${suite.server.url}support/api/requests/${reference}`,
    );
    expect(response.status()).toBe(404);
    await page.goto(`${suite.server.url}support/requests/${reference}`);
    await expect
      .poll(() => page.locator("main").textContent())
      .not.toContain("Ma carte d'identité");
    await page.close();
  });
});
