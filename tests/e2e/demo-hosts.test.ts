import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  fillContactForm,
  openContactForm,
  openDemoPage,
  sendContactForm,
  waitForWidget,
} from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import { axeViolations } from "./support/axe.ts";

// The demo hosts as `npm start` serves them, under their strict CSP with Trusted Types.
const suite = useServerAndBrowser();

async function openDemo(path: string) {
  const demo = await openDemoPage(suite.browser, suite.server, path);
  expect(demo.response?.headers()["content-security-policy"]).toContain(
    "require-trusted-types-for 'script'",
  );
  await waitForWidget(demo.page);
  return demo;
}

// Titles as read aloud: the content uses non-breaking spaces before « ? », « ! », « : ».
const tipTitles = async (page: Page) =>
  (
    await page.getByRole("dialog").locator(".tips summary").allTextContents()
  ).map((title) => title.replace(/\u00a0/g, " "));

describe("the demo hosts", () => {
  it("links both demos from the home page", async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.server.url);
    const links = await page
      .getByRole("link")
      .evaluateAll((els) =>
        els.map((el) => [el.textContent, el.getAttribute("href")]),
      );
    expect(links).toEqual(
      expect.arrayContaining([
        ["Mon compte", "/demo/moncompte/"],
        ["Administration", "/demo/admin/"],
      ]),
    );
    await page.close();
  });

  it("runs the widget on moncompte with zero CSP violation: tips follow in-app navigation, a request is sent", async () => {
    const { page, violations } = await openDemo("/demo/moncompte/phase1");
    await page.getByRole("button", { name: /aide/i }).click();
    // A young person still registering has no séjour yet: no phase 1 tip applies.
    await page
      .getByText("Aucun conseil particulier pour cette page.")
      .waitFor();
    // The demo's profile switcher calls identify(): tips follow the new status.
    await page.locator("#demo-status").selectOption("AFFECTED");
    await expect
      .poll(() => tipTitles(page))
      .toContain("Je n'arrive pas à télécharger ma convocation");

    // An in-app link (pushState) and the back button (popstate) both refresh the tips.
    await page
      .locator("#app a[href='/demo/moncompte/changer-de-sejour']")
      .first()
      .click();
    await page.waitForURL(/\/changer-de-sejour$/);
    await expect
      .poll(() => tipTitles(page))
      .toContain("Que se passe-t-il si je change de séjour ?");
    await page.goBack();
    await page.waitForURL(/\/phase1$/);
    await expect
      .poll(() => tipTitles(page))
      .toContain("Je n'arrive pas à télécharger ma convocation");

    await page.getByRole("button", { name: "Contacter le support" }).click();
    await fillContactForm(page, {
      category: "QUESTION",
      subject: "PHASE_1_MEETING_POINT",
      message: "Mon point de rassemblement a changé, est-ce normal ?",
    });
    await sendContactForm(page);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);

    const db = new Database(suite.server.database, { readonly: true });
    const row = db
      .prepare(
        "SELECT platform, route, role, department, context FROM requests ORDER BY id DESC",
      )
      .get() as Record<string, string>;
    db.close();
    expect(row).toMatchObject({
      platform: "moncompte",
      route: "/phase1",
      role: "young",
      department: "75",
    });
    expect(JSON.parse(row.context!).identity.status).toBe("AFFECTED");
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("never sends the parent's token from the consent link", async () => {
    const { page, violations } = await openDemo(
      "/demo/moncompte/representants-legaux/consentement?token=demo-secret-token-123",
    );
    await openContactForm(page);
    await fillContactForm(page, {
      category: "QUESTION",
      subject: "PHASE_0_ELIGIBILITY",
      message:
        "Je suis le parent et je ne comprends pas ce que je dois signer.",
    });
    await page.getByLabel("Adresse e-mail").fill("parent.martin@example.fr");
    const details = await page
      .getByText("Informations jointes à votre demande")
      .evaluate((summary) => {
        (summary.parentElement as HTMLDetailsElement).open = true;
        return summary.parentElement!.textContent;
      });
    expect(details).toContain("/representants-legaux/:step");
    expect(details).not.toContain("demo-secret-token-123");
    await sendContactForm(page);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-/);
    const db = new Database(suite.server.database, { readonly: true });
    const rows = db.prepare("SELECT * FROM requests").all();
    db.close();
    expect(JSON.stringify(rows)).not.toContain("demo-secret-token-123");
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("runs on the admin demo (html at 62.5%) with its own sizes, staff categories, and no axe violation", async () => {
    const { page, violations } = await openDemo(
      "/demo/admin/volontaire/64f1a2b3c4d5e6f708192a3b",
    );
    expect(
      await page.evaluate(
        () => getComputedStyle(document.documentElement).fontSize,
      ),
    ).toBe("10px");
    await page.getByRole("button", { name: /aide/i }).click();
    await expect
      .poll(async () => (await tipTitles(page)).length)
      .toBeGreaterThan(0);
    const fontSize = await page
      .getByRole("dialog")
      .evaluate((el) => getComputedStyle(el).fontSize);
    expect(fontSize).toBe("16px");
    await page.getByRole("button", { name: "Contacter le support" }).click();
    const categories = await page
      .getByLabel("Catégorie")
      .locator("option")
      .allTextContents();
    expect(categories).toContain("J'ai un cas particulier (volontaire)");
    expect(await axeViolations(page)).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });
});
