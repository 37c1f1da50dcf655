import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { axeViolations, recordCspViolations } from "./support/page-helpers.ts";
import { createSupportAccount } from "./support/support-account.ts";
import {
  startWidgetServer,
  type WidgetServer,
} from "./support/widget-server.ts";

// The whole loop: a young person of the 75 asks for help from a demo page; a referent of the 75 finds the
// request by its page, handles it and sees the timeline; a referent of the 13 cannot see it.
const PASSWORD = "mot de passe de test 2026";
let browser: Browser;
let server: WidgetServer;
let reference = "";

beforeAll(async () => {
  server = await startWidgetServer({ DEMO: "false" });
  await createSupportAccount(
    server.dataDir,
    {
      email: "ref75@test.fr",
      role: "referent",
      departments: "75",
      name: "Camille R.",
    },
    PASSWORD,
  );
  await createSupportAccount(
    server.dataDir,
    {
      email: "ref13@test.fr",
      role: "referent",
      departments: "13",
      name: "Dominique R.",
    },
    PASSWORD,
  );
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page: Page, email: string) {
  await page.goto(`${server.url}support/`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { name: "Demandes", level: 1 }).waitFor();
}

describe("the support console", () => {
  it("receives a request sent through the widget on a demo page", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}demo/moncompte/inscription/documents`);
    await page.getByRole("button", { name: /aide/i }).click();
    await page.getByRole("button", { name: "Contacter le support" }).click();
    await page.getByLabel("Catégorie").selectOption("TECHNICAL");
    await page.getByLabel("Sujet").selectOption("UPLOAD");
    await page
      .getByLabel("Votre message")
      .fill(
        "Ma carte d'identité est refusée au téléversement, recto et verso.",
      );
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);
    reference = /SNU-\d{4}-\d{6}/.exec(
      (await page.getByRole("status").textContent())!,
    )![0];
    await page.close();
  });

  it("lets the referent of the 75 find it by its page, change its status and see the timeline", async () => {
    const page = await browser.newPage({
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
    expect(
      await page
        .getByText("Ma carte d'identité est refusée au téléversement")
        .count(),
    ).toBeGreaterThan(0);
    await page.getByLabel("Statut").selectOption("in_progress");
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
    const page = await browser.newPage();
    await logIn(page, "ref13@test.fr");
    await page.getByRole("heading", { name: "Demandes", level: 1 }).waitFor();
    expect(await page.getByRole("link", { name: reference }).count()).toBe(0);
    const response = await page.request.get(
      `${server.url}support/api/requests/${reference}`,
    );
    expect(response.status()).toBe(404);
    await page.goto(`${server.url}support/requests/${reference}`);
    await expect
      .poll(() => page.locator("main").textContent())
      .not.toContain("Ma carte d'identité");
    await page.close();
  });
});
