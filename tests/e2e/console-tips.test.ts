import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CONSOLE_PASSWORD, logIn as logInAs } from "./support/console-login.ts";
import { demoUrl } from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import { axeViolations } from "./support/axe.ts";
import { recordCspViolations } from "./support/csp-violations.ts";
import { createSupportAccount } from "./support/support-account.ts";

// Support writes tips without a deploy: an administrator edits the anchored upload tip in the console, a
// draft stays private, the published text reaches the widget of a demo page with the server still running.
const TIP_ID = "mc-inscription-piece-identite";
const OLD_TITLE = "Le téléversement de ma pièce d'identité échoue";
const NEW_TITLE = "Votre pièce d'identité ne passe pas ? Vérifiez ces points";
const suite = useServerAndBrowser({
  env: { DEMO: "false" },
  async prepare(server) {
    await createSupportAccount(
      server.dataDir,
      { email: "admin@test.fr", role: "admin", name: "Alex A." },
      CONSOLE_PASSWORD,
    );
    await createSupportAccount(
      server.dataDir,
      { email: "ref75@test.fr", role: "referent", departments: "75" },
      CONSOLE_PASSWORD,
    );
  },
  timeout: 90_000,
});

const logIn = (page: Page, email: string) =>
  logInAs(page, suite.server, email, { timeout: 10_000 });

/** The anchored tip's name as the widget shows it on the documents step (a fresh visitor each time). */
async function widgetTipTitles() {
  const page = await suite.browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(
    demoUrl(suite.server, "/demo/moncompte/inscription/documents"),
  );
  const spot = page.getByRole("button", { name: /^Astuce : / });
  await spot.waitFor();
  const hotspot = (await spot.getAttribute("aria-label"))!.replace(
    "Astuce : ",
    "",
  );
  await page.getByRole("button", { name: /aide/i }).first().click();
  const panel = page.getByRole("dialog", { name: "Aide" });
  await panel.locator(".tips summary").first().waitFor();
  const listed = (await panel.locator(".tips summary").allTextContents()).map(
    (title) => title.replace(/\u00a0/g, " "),
  );
  await page.close();
  return { hotspot, listed };
}

describe("tips written in the console", () => {
  it("an edited tip stays private as a draft, then reaches the widget once published, without a restart", async () => {
    expect((await widgetTipTitles()).hotspot).toBe(OLD_TITLE);

    const page = await suite.browser.newPage();
    const violations = await recordCspViolations(page);
    await logIn(page, "admin@test.fr");
    await page.getByRole("link", { name: "Astuces" }).click();
    await page.getByRole("heading", { name: "Astuces", level: 1 }).waitFor();
    expect(await axeViolations(page, "body")).toEqual([]);

    await page.getByRole("link", { name: OLD_TITLE }).click();
    const title = page.getByLabel("Titre");
    await expect.poll(() => title.inputValue()).toBe(OLD_TITLE);
    await title.fill(NEW_TITLE);
    // The live preview renders the same node tree the widget shows.
    await expect
      .poll(() => page.locator("body").textContent())
      .toContain("Avant de réessayer");
    await page
      .getByRole("button", { name: "Enregistrer le brouillon" })
      .click();
    await page.getByText(/Brouillon enregistré/).waitFor();
    expect(await axeViolations(page, "body")).toEqual([]);

    // A draft is never served.
    expect((await widgetTipTitles()).hotspot).toBe(OLD_TITLE);

    await page.getByRole("button", { name: "Publier" }).click();
    await page
      .getByText(/publiée/i)
      .first()
      .waitFor();
    const seen = await widgetTipTitles();
    expect(seen.hotspot).toBe(NEW_TITLE);
    expect(seen.listed).toContain(NEW_TITLE);

    // Every change is versioned with who made it; restoring the imported version brings the old title back.
    const body = page.locator("body");
    await expect.poll(() => body.textContent()).toContain("Publication");
    expect(await body.textContent()).toContain("Alex A.");
    await page
      .getByRole("button", { name: "Restaurer cette version" })
      .last()
      .click();
    await expect.poll(() => title.inputValue()).toBe(OLD_TITLE);
    await page.getByRole("button", { name: "Publier" }).click();
    await expect
      .poll(async () => (await widgetTipTitles()).hotspot)
      .toBe(OLD_TITLE);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("lists the anchors the widget reported missing, per tip and app version", async () => {
    // What the widget sends when a host release renamed the element (tests/e2e/anchored-tips.test.ts).
    const sent = await fetch(`${suite.server.url}v1/anchor-reports`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Origin: suite.server.origin,
      },
      body: JSON.stringify({
        platform: "moncompte",
        appVersion: "2026.12.1",
        reports: [{ tip: TIP_ID, route: "/inscription/:step" }],
      }),
    });
    expect(sent.status).toBe(202);

    const page = await suite.browser.newPage();
    const violations = await recordCspViolations(page);
    await logIn(page, "admin@test.fr");
    await page.getByRole("link", { name: "Ancres cassées" }).click();
    const row = page.getByRole("row", { name: /2026\.12\.1/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("#piece-identite-recto");
    expect(await axeViolations(page, "body")).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("refuses the tips screens and API to a departmental referent", async () => {
    const page = await suite.browser.newPage();
    await logIn(page, "ref75@test.fr");
    expect(await page.getByRole("link", { name: "Astuces" }).count()).toBe(0);
    const status = await page.evaluate(async () => {
      const response = await fetch("/support/api/tips");
      return response.status;
    });
    expect(status).toBe(403);
    await page.close();
  });
});
