import Database from "better-sqlite3";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { startHostPage, type HostPage } from "./support/host-page.ts";
import { axeViolations } from "./support/axe.ts";
import {
  startWidgetServer,
  type WidgetServer,
} from "./support/widget-server.ts";

// A host site on another origin embeds the widget with the README snippet; the widget's server only
// trusts that origin through ALLOWED_ORIGINS.
const HEX24 = "64f1a2b3c4d5e6f708192a3b";
const TOKEN = "s3cr3t-t0ken";
let browser: Browser;
let host: HostPage;
let server: WidgetServer;
let platform = "moncompte";

beforeAll(async () => {
  host = await startHostPage(
    () => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mon compte SNU</title>
<style>html{font-size:62.5%} button,div,p,h2,select,textarea{font-size:30px!important;color:red!important;background:yellow!important}</style>
<script async src="${server.url}widget/loader.js" referrerpolicy="no-referrer" data-platform="${platform}" data-app-version="2026.11.3"></script>
</head><body><main><h1>Page hôte</h1><a href="/ailleurs">Un lien de la page</a></main></body></html>`,
    // A lax policy, as many hosts have: without the widget's own policy, the full URL would be sent along.
    { "Referrer-Policy": "no-referrer-when-downgrade" },
  );
  server = await startWidgetServer({ ALLOWED_ORIGINS: host.origin });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.stop();
});

async function openPage(path: string, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  await page.goto(host.origin + path);
  await page.waitForFunction(() => document.querySelector("snu-aide") !== null);
  return page;
}

async function openPanel(page: Page) {
  await page.getByRole("button", { name: /aide/i }).click();
  await page.getByRole("dialog").waitFor();
}

/** Whether the focus is on the launcher button itself, inside the widget's shadow root. */
const launcherIsFocused = (page: Page) =>
  page.evaluate(() => {
    const widget = document.querySelector("snu-aide");
    const launcher = widget?.shadowRoot?.querySelector("button.launcher");
    return (
      launcher != null &&
      document.activeElement === widget &&
      widget!.shadowRoot!.activeElement === launcher
    );
  });

/** Whether the focus is inside the panel (in the widget's shadow root). */
const focusIsInPanel = (page: Page) =>
  page.evaluate(() => {
    const widget = document.querySelector("snu-aide");
    return (
      document.activeElement === widget &&
      widget!.shadowRoot!.activeElement?.closest(".panel") != null
    );
  });

const focusedText = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.shadowRoot?.activeElement?.textContent ?? null,
  );

describe("the widget embedded from another origin", () => {
  it("requests only loader.js and the anonymous list of pages with anchored tips before intent, and sets no cookie and no storage", async () => {
    const page = await browser.newPage();
    const requested: { url: string; headers: Record<string, string> }[] = [];
    page.on("request", (request) =>
      requested.push({ url: request.url(), headers: request.headers() }),
    );
    await page.goto(host.origin + "/phase3");
    await page.getByRole("button", { name: /aide/i }).waitFor();
    await page.waitForTimeout(500);
    const toServer = requested.filter(({ url }) =>
      url.startsWith(server.origin),
    );
    expect(toServer.map(({ url }) => url)).toEqual([
      `${server.url}widget/loader.js`,
      `${server.url}v1/anchors?platform=moncompte`,
    ]);
    // Anonymous: no cookie, and no Referer carrying the host's address.
    expect(toServer[1]!.headers.cookie ?? "").toBe("");
    expect(toServer[1]!.headers.referer ?? "").toBe("");

    // A page that has anchored tips (the meeting point on /phase1): their chunk and the page's tips, still
    // no panel before intent.
    await page.evaluate(() => history.pushState({}, "", "/phase1"));
    await expect
      .poll(() =>
        requested.some(({ url }) => url.startsWith(`${server.url}v1/tips?`)),
      )
      .toBe(true);
    const loaded = requested
      .filter(({ url }) => url.startsWith(server.origin))
      .map(({ url }) => new URL(url).pathname);
    expect(loaded).toContain("/widget/anchors.js");
    expect(loaded).not.toContain("/widget/panel.js");
    expect(
      await page.evaluate(() => [
        document.cookie,
        localStorage.length,
        sessionStorage.length,
      ]),
    ).toEqual(["", 0, 0]);
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([]);
    await page.close();
  });

  it("adds no global to the host page but SNUHelp, even once opened", async () => {
    const page = await browser.newPage();
    await page.goto(host.origin + "/phase1");
    const before: string[] = await page.evaluate(() => Object.keys(window));
    await page.waitForFunction(
      () => document.querySelector("snu-aide") !== null,
    );
    await openPanel(page);
    await page.getByRole("button", { name: "Contacter le support" }).click();
    const after: string[] = await page.evaluate(() => Object.keys(window));
    expect(after.filter((key) => !before.includes(key))).toEqual(
      before.includes("SNUHelp") ? [] : ["SNUHelp"],
    );
    await page.close();
  });

  it("shows the tips of the page and changes them after a pushState navigation", async () => {
    const page = await openPage("/phase1");
    await openPanel(page);
    const dialog = page.getByRole("dialog", { name: "Aide" });
    await expect
      .poll(() => dialog.locator(".tips summary").allTextContents())
      .toContain("Je n'arrive pas à télécharger ma convocation");

    await page.evaluate(() =>
      history.pushState({}, "", "/inscription/documents"),
    );
    await expect
      .poll(() => dialog.locator(".tips summary").allTextContents())
      .toContain("Le téléversement de ma pièce d'identité échoue");
    const titles = await dialog.locator(".tips summary").allTextContents();
    expect(titles).not.toContain(
      "Je n'arrive pas à télécharger ma convocation",
    );
    await page.close();
  });

  it("stores a submitted request with its route tag, platform and identity, without raw ids or tokens", async () => {
    platform = "admin";
    try {
      const page = await openPage(
        "/volontaire/64f1a2b3c4d5e6f708192a3b/phase2?token=s3cr3t-t0ken#notes",
      );
      await page.evaluate(() =>
        (window as unknown as { SNUHelp: Function }).SNUHelp("identify", {
          role: "referent_department",
          department: "13",
          region: "Provence-Alpes-Côte d'Azur",
          email: "agent.sdjes13@example.fr",
          userId: "u_7f3a9c",
        }),
      );
      await openPanel(page);
      await page.getByRole("button", { name: "Contacter le support" }).click();
      await page.getByLabel("Catégorie").selectOption("SPECIAL_CASE");
      await page.getByLabel("Sujet").selectOption("PHASE_2");
      await page
        .getByLabel("Votre message")
        .fill("Le volontaire ne voit pas sa mission validée dans son espace.");
      expect(await page.getByLabel("Adresse e-mail").inputValue()).toBe(
        "agent.sdjes13@example.fr",
      );
      await page.getByRole("button", { name: "Envoyer ma demande" }).click();
      const status = page.getByRole("status");
      await expect.poll(() => status.textContent()).toMatch(/SNU-\d{4}-\d{6}/);
      const reference = /SNU-\d{4}-\d{6}/.exec(
        (await status.textContent()) ?? "",
      )![0];

      const db = new Database(server.database, { readonly: true });
      const row = db
        .prepare("SELECT * FROM requests WHERE reference = ?")
        .get(reference) as Record<string, string>;
      db.close();
      expect(row).toMatchObject({
        platform: "admin",
        route: "/volontaire/:id/phase2",
        department: "13",
        role: "referent_department",
      });
      const context = JSON.parse(row.context ?? "{}");
      expect(context.identity).toEqual({
        role: "referent_department",
        department: "13",
        region: "Provence-Alpes-Côte d'Azur",
        userId: "u_7f3a9c",
      });
      expect(context.appVersion).toBe("2026.11.3");
      const stored = JSON.stringify(row);
      for (const secret of [
        "64f1a2b3c4d5e6f708192a3b",
        "s3cr3t-t0ken",
        "notes",
      ])
        expect(stored).not.toContain(secret);
      await page.close();
    } finally {
      platform = "moncompte";
    }
  });

  it("keeps the typed draft across a reload, and writes nothing before the user types", async () => {
    const page = await openPage("/phase1");
    await openPanel(page);
    await page.getByRole("button", { name: "Contacter le support" }).click();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.getByLabel("Catégorie").selectOption("QUESTION");
    await page.getByLabel("Sujet").selectOption("PHASE_1_LUGGAGE");
    await page
      .getByLabel("Votre message")
      .fill("Brouillon à ne pas perdre : faut-il un sac de couchage ?");
    await page.reload();
    await page.waitForFunction(
      () => document.querySelector("snu-aide") !== null,
    );
    await openPanel(page);
    await page.getByRole("button", { name: "Contacter le support" }).click();
    expect(await page.getByLabel("Votre message").inputValue()).toBe(
      "Brouillon à ne pas perdre : faut-il un sac de couchage ?",
    );
    expect(await page.getByLabel("Sujet").inputValue()).toBe("PHASE_1_LUGGAGE");
    await page.close();
  });

  it("is usable with the keyboard: focus moves in, Escape closes, focus returns to the launcher", async () => {
    const page = await openPage("/phase1");
    await page.keyboard.press("Tab"); // the host's link
    await page.keyboard.press("Tab"); // the launcher
    expect(await launcherIsFocused(page)).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    await expect.poll(() => focusedText(page)).toBe("Aide");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").isHidden()).toBe(true);
    // The launcher button itself, not any element whose text matches « Aide » (the dialog's title does).
    expect(await launcherIsFocused(page)).toBe(true);
    await page.close();
  });

  it("keeps the page usable beside the panel on a large screen: not modal, Tab may leave it", async () => {
    const page = await openPage("/phase1");
    await openPanel(page);
    expect(await page.getByRole("dialog").getAttribute("aria-modal")).toBe(
      null,
    );
    await page.keyboard.press("Tab"); // « Fermer »
    await page.keyboard.press("Shift+Tab");
    expect(await focusIsInPanel(page)).toBe(false);
    await page.close();
  });

  it("is a modal dialog on a 320 px phone: Tab and Shift+Tab stay in the full-screen panel", async () => {
    const page = await openPage("/phase1", { width: 320, height: 640 });
    await openPanel(page);
    expect(await page.getByRole("dialog").getAttribute("aria-modal")).toBe(
      "true",
    );
    await page.keyboard.press("Tab"); // from the title to « Fermer », the first focusable
    expect(await focusedText(page)).toBe("Fermer");

    await page.keyboard.press("Shift+Tab");
    expect(await focusIsInPanel(page)).toBe(true);
    expect(await focusedText(page)).toBe("Contacter le support");
    await page.keyboard.press("Tab");
    expect(await focusedText(page)).toBe("Fermer");
    await page.close();
  });

  it("never sends the host page's raw ids or tokens to the widget server in Referer", async () => {
    const page = await browser.newPage();
    const sent: { url: string; referer: string }[] = [];
    page.on("request", (request) =>
      sent.push({
        url: request.url(),
        referer: request.headers()["referer"] ?? "",
      }),
    );
    await page.goto(`${host.origin}/volontaire/${HEX24}/phase2?token=${TOKEN}`);
    await page.waitForFunction(
      () => document.querySelector("snu-aide") !== null,
    );
    await openPanel(page);
    await page.getByRole("button", { name: "Contacter le support" }).click();
    await page.getByLabel("Catégorie").selectOption("TECHNICAL");
    await page.getByLabel("Sujet").selectOption("UPLOAD");
    await page
      .getByLabel("Votre message")
      .fill("Impossible d'envoyer ma pièce d'identité.");
    await page.getByLabel("Adresse e-mail").fill("parent@example.fr");
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);
    // The host's own policy does leak the full URL: the check below can fail.
    await page.evaluate(() => fetch("/ping"));

    const toWidget = sent.filter((r) => r.url.startsWith(server.origin));
    expect(toWidget.map((r) => new URL(r.url).pathname)).toEqual(
      expect.arrayContaining([
        "/widget/loader.js",
        "/widget/panel.js",
        "/v1/tips",
        "/v1/requests",
      ]),
    );
    for (const { url, referer } of toWidget) {
      expect(referer, url).not.toContain(HEX24);
      expect(referer, url).not.toContain(TOKEN);
    }
    expect(
      sent.find((r) => r.url === `${host.origin}/ping`)?.referer,
    ).toContain(TOKEN);
    await page.close();
  });

  it("keeps its own look on a hostile host stylesheet (62.5% root, !important rules)", async () => {
    const page = await openPage("/phase1");
    await openPanel(page);
    const style = await page
      .getByRole("button", { name: "Contacter le support" })
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          fontSize: s.fontSize,
          color: s.color,
          background: s.backgroundColor,
        };
      });
    expect(style).toEqual({
      fontSize: "16px",
      color: "rgb(245, 245, 254)",
      background: "rgb(0, 0, 145)",
    });
    await page.close();
  });

  it("fills the screen and stays usable on a 320 px wide phone", async () => {
    const page = await openPage("/phase1", { width: 320, height: 640 });
    await openPanel(page);
    const box = await page.getByRole("dialog").boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 320, height: 640 });
    await page.getByRole("button", { name: "Contacter le support" }).click();
    const overflow = await page
      .getByRole("dialog")
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    await page.getByLabel("Catégorie").selectOption("TECHNICAL");
    await page.getByLabel("Sujet").selectOption("UPLOAD");
    await page
      .getByLabel("Votre message")
      .fill("Impossible d'envoyer ma pièce d'identité depuis mon téléphone.");
    await page.getByLabel("Adresse e-mail").fill("parent@example.fr");
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);
    // For a look by hand; never written in the repository.
    await page
      .screenshot({ path: path.join(os.tmpdir(), "snu-aide-panel-320.png") })
      .catch(() => {});
    await page.close();
  });

  it("has no axe-core violation on the launcher, the panel, the form with errors and the confirmation", async () => {
    const page = await openPage("/phase1");
    expect(await axeViolations(page)).toEqual([]);
    await openPanel(page);
    await page.locator(".tips summary").first().click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Contacter le support" }).click();
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await expect
      .poll(() => page.getByText("Choisissez une catégorie.").count())
      .toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Catégorie").selectOption("QUESTION");
    await page.getByLabel("Sujet").selectOption("PHASE_1_MEETING_POINT");
    await page
      .getByLabel("Votre message")
      .fill("Où se trouve mon point de rassemblement ?");
    await page.getByLabel("Adresse e-mail").fill("camille@example.fr");
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("serves /widget/* to any origin with cross-origin resource policy", async () => {
    for (const path of ["widget/loader.js", "widget/panel.js"]) {
      const response = await fetch(server.url + path, {
        headers: { Origin: "https://autre-site.example" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("cross-origin-resource-policy")).toBe(
        "cross-origin",
      );
      expect(response.headers.get("content-type")).toContain("javascript");
    }
  });
});
