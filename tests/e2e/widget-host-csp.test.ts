import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { startHostPage, type HostPage } from "./support/host-page.ts";
import { recordCspViolations } from "./support/csp-violations.ts";
import {
  startWidgetServer,
  type WidgetServer,
} from "./support/widget-server.ts";

// The README's integration on a host with a strict CSP and Trusted Types, on another origin: the queue
// stub inline with its published hash, calls queued by the host's own script before the loader runs.
const STUB =
  "window.SNUHelp=window.SNUHelp||function(){(SNUHelp.q=SNUHelp.q||[]).push(arguments)}";
const STUB_HASH = "sha256-9ZXLSRDTevXEI94PSIoWPJmpexrG5jZLy3fJxcRU6zM=";

let browser: Browser;
let host: HostPage;
let server: WidgetServer;

beforeAll(async () => {
  host = await startHostPage(
    () => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Phase 1 — Mon compte SNU</title>
<script>${STUB}</script>
<script src="/host.js"></script>
<script async src="${server.url}widget/loader.js" referrerpolicy="no-referrer" data-platform="moncompte" data-launcher="none"></script>
</head><body><main><h1>Phase 1</h1><button id="aide" type="button">Besoin d'aide</button></main></body></html>`,
    // What the README tells integrators: the widget's origin in script-src and connect-src, the stub's hash.
    () => ({
      "Content-Security-Policy": `default-src 'self'; script-src 'self' '${STUB_HASH}' ${server.origin}; connect-src 'self' ${server.origin}; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`,
    }),
    {
      "/host.js": {
        type: "text/javascript",
        body: `SNUHelp("identify", { role: "young", department: "69", status: "AFFECTED", email: "lea@example.fr" });
SNUHelp("on", "ready", function () { document.documentElement.dataset.widgetReady = "oui"; });
document.addEventListener("click", function (event) {
  if (event.target && event.target.id === "aide") SNUHelp("open", "contact");
});`,
      },
    },
  );
  server = await startWidgetServer({ ALLOWED_ORIGINS: host.origin });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.stop();
});

describe("the widget on a strict-CSP host of another origin", () => {
  it("replays queued calls, opens from the host's own link, sends, with zero CSP violation", async () => {
    const page = await browser.newPage();
    const violations = await recordCspViolations(page);
    await page.goto(host.origin + "/phase1");
    await page.waitForFunction(
      () => document.documentElement.dataset.widgetReady === "oui",
    );
    expect(
      await page
        .locator("snu-aide")
        .evaluate((el) => el.shadowRoot!.querySelectorAll("button").length),
    ).toBe(0);

    await page.getByRole("button", { name: "Besoin d'aide" }).click();
    await page.getByRole("dialog", { name: "Contacter le support" }).waitFor();
    expect(await page.getByLabel("Adresse e-mail").inputValue()).toBe(
      "lea@example.fr",
    );
    await page.getByLabel("Catégorie").selectOption("QUESTION");
    await page.getByLabel("Sujet").selectOption("PHASE_1_LUGGAGE");
    await page
      .getByLabel("Votre message")
      .fill("Faut-il emporter un sac de couchage pour le séjour ?");
    await page.getByRole("button", { name: "Envoyer ma demande" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/SNU-\d{4}-\d{6}/);
    // After sending, focus is on « Retour aux conseils » in the panel; Escape then returns it to the host's link.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document.activeElement?.shadowRoot?.activeElement?.textContent ??
            null,
        ),
      )
      .toBe("Retour aux conseils");
    await page.keyboard.press("Escape");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe("aide");
    expect(await violations()).toEqual([]);

    // The recorder itself works: a deliberate Trusted Types violation is seen.
    await page.evaluate(() => {
      try {
        document.createElement("div").innerHTML = "<b>x</b>";
      } catch {
        // blocked, as it should be
      }
    });
    await expect
      .poll(async () => (await violations()).length)
      .toBeGreaterThan(0);
    await page.close();
  });
});
