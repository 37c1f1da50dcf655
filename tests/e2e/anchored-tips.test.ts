import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { noteAnswersRead, waitForAnswerRead } from "./support/answers-read.ts";
import { openDemo as openDemoPage } from "./support/demo-page.ts";
import { useServerAndBrowser } from "./support/e2e-suite.ts";
import {
  boxOf,
  gap,
  intersects,
  visibility,
  type Box,
} from "./support/geometry.ts";
import { axeViolations } from "./support/axe.ts";

// Anchored tips on the demo hosts as `npm start` serves them (strict CSP, Trusted Types): hotspots next to
// page elements, positioned by floating-ui, in the widget's shadow root.
const suite = useServerAndBrowser();

const UPLOAD_TIP = "Le téléversement de ma pièce d'identité échoue";
const VALIDATE_TIP = "Avant de valider un dossier";

// A wait that cannot succeed fails at once with its own message, not as a test timeout. The page notes
// the answers the widget reads (answers-read.ts), so that a test can wait for the widget to act on one.
const openDemo = (path: string) =>
  openDemoPage(suite.browser, suite.server, path, {
    timeout: 10_000,
    beforeLoad: noteAnswersRead,
  });

const hotspot = (page: Page, title: string) =>
  page.getByRole("button", { name: `Astuce : ${title}` });

async function boxes(page: Page, target: string, title: string) {
  const element = await boxOf(page.locator(target));
  const spot = await boxOf(hotspot(page, title));
  return { element, spot };
}

/** Waits until the hotspot of `title` is shown (in the page and visible). */
async function waitForHotspot(page: Page, title: string) {
  const spot = hotspot(page, title);
  await spot.waitFor();
  await expect.poll(() => visibility(spot)).toBe("visible");
  return spot;
}

/** The hotspot of `title` stands next to `target` (12 px at most) without covering it. */
async function expectBeside(page: Page, target: string, title: string) {
  const found = await boxes(page, target, title);
  expect(intersects(found.element, found.spot)).toBe(false);
  expect(gap(found.element, found.spot)).toBeLessThanOrEqual(12);
  return found;
}

describe("anchored tips", () => {
  it("loads the anchored-tips chunk only on a page that has some, never the panel, and writes nothing", async () => {
    const { page, requests } = await openDemo("/demo/moncompte/mission");
    // The loader decides from the index of anchored pages whether this page needs the chunk: once it has
    // read that answer, the chunk it would load here has been asked for.
    await waitForAnswerRead(page, "/v1/anchors?");
    const widgetRequests = () =>
      requests
        .filter((url) => /\/(widget|v1)\//.test(url))
        .map((url) => new URL(url).pathname);
    expect(widgetRequests()).toEqual(["/widget/loader.js", "/v1/anchors"]);

    // In-app navigation to the documents step: the chunk and the page's tips, still no panel.
    await page.evaluate(() => {
      history.pushState({}, "", "/demo/moncompte/inscription/documents");
      dispatchEvent(new PopStateEvent("popstate"));
    });
    await hotspot(page, UPLOAD_TIP).waitFor();
    const loaded = widgetRequests();
    expect(loaded).toContain("/widget/anchors.js");
    expect(loaded).toContain("/v1/tips");
    expect(loaded).not.toContain("/widget/panel.js");
    expect(await page.context().cookies()).toEqual([]);
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith("snu-aide")),
      ),
    ).toEqual([]);
    await page.close();
  });

  it("stands next to its element without covering it, follows scroll and resize, hides with the element", async () => {
    const { page, violations } = await openDemo(
      "/demo/moncompte/inscription/documents",
    );
    await waitForHotspot(page, UPLOAD_TIP);

    const { element, spot: box } = await expectBeside(
      page,
      "#piece-identite-recto",
      UPLOAD_TIP,
    );

    // Scroll: it moves with the element.
    await page.evaluate(() => {
      document.documentElement.style.minHeight = "3000px";
      window.scrollBy(0, 150);
    });
    await expect
      .poll(async () => {
        const now = await boxes(page, "#piece-identite-recto", UPLOAD_TIP);
        return Math.round(now.spot.y - now.element.y);
      })
      .toBe(Math.round(box.y - element.y));

    // Resize to a phone: still next to it, not over it, once the field is on screen again.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator("#piece-identite-recto").scrollIntoViewIfNeeded();
    await expect
      .poll(async () => {
        const now = await boxes(page, "#piece-identite-recto", UPLOAD_TIP);
        return (
          !intersects(now.element, now.spot) && gap(now.element, now.spot) <= 12
        );
      })
      .toBe(true);

    // Scrolled out of view: hidden rather than floating over nothing (and then out of the accessibility
    // tree, so it is found by its class).
    await page.evaluate(() => {
      document
        .getElementById("piece-identite-recto")!
        .scrollIntoView({ block: "end" });
      window.scrollBy(0, 2000);
    });
    await expect
      .poll(() => visibility(page.locator(".hotspot")))
      .toBe("hidden");

    // The element leaves the page: so does its hotspot.
    await page.evaluate(() =>
      document.getElementById("piece-identite-recto")!.remove(),
    );
    await expect.poll(() => page.locator(".hotspot").count()).toBe(0);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("hides while its element is scrolled away inside a scrolling container, and comes back with it", async () => {
    const { page } = await openDemo("/demo/moncompte/inscription/documents");
    await hotspot(page, UPLOAD_TIP).waitFor();
    // The host re-renders the field inside a short scrolling box, below other content.
    await page.evaluate(() => {
      document.getElementById("piece-identite-recto")!.remove();
      const box = document.createElement("div");
      box.id = "boite";
      box.style.cssText = "height:80px;overflow:auto;margin:16px 48px";
      const spacer = document.createElement("div");
      spacer.style.height = "300px";
      const input = document.createElement("input");
      input.id = "piece-identite-recto";
      input.style.width = "200px";
      box.append(spacer, input);
      document.querySelector("main")!.prepend(box);
      window.scrollTo(0, 0);
    });
    const spot = page.locator(".hotspot");
    await expect.poll(() => visibility(spot)).toBe("hidden");

    await page.evaluate(() => {
      document.getElementById("boite")!.scrollTop = 300;
    });
    await expect.poll(() => visibility(spot)).toBe("visible");
    const { element, spot: box } = await boxes(
      page,
      "#piece-identite-recto",
      UPLOAD_TIP,
    );
    expect(intersects(element, box)).toBe(false);
    await page.close();
  });

  it("is reachable with the keyboard; its popover passes axe, Escape returns the focus, « Plus d'aide » opens the panel on it", async () => {
    const { page, violations } = await openDemo(
      "/demo/moncompte/inscription/documents",
    );
    const spot = await waitForHotspot(page, UPLOAD_TIP);

    // Tab through the page until the hotspot has the focus.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await spot.evaluate(
        (el) => (el.getRootNode() as ShadowRoot).activeElement === el,
      );
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    const popover = page.getByRole("dialog", { name: UPLOAD_TIP });
    await popover.waitFor();
    expect(await popover.getAttribute("aria-modal")).toBeNull();
    expect(await spot.getAttribute("aria-expanded")).toBe("true");
    // The popover sits by its hotspot, on screen.
    const popBox = await boxOf(popover);
    const spotBox = await boxOf(spot);
    expect(gap(popBox, spotBox)).toBeLessThanOrEqual(16);
    expect(popBox.x).toBeGreaterThanOrEqual(0);
    expect(popBox.x + popBox.width).toBeLessThanOrEqual(1280);
    // Its arrow points at the hotspot: their centres aligned along the side where they meet.
    const arrowBox = await boxOf(popover.locator(".arrow"));
    const across =
      popBox.y >= spotBox.y + spotBox.height ||
      popBox.y + popBox.height <= spotBox.y;
    const centre = (box: Box) =>
      across ? box.x + box.width / 2 : box.y + box.height / 2;
    expect(Math.abs(centre(arrowBox) - centre(spotBox))).toBeLessThanOrEqual(1);

    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press("Escape");
    await expect.poll(() => popover.count()).toBe(0);
    expect(
      await spot.evaluate(
        (el) => (el.getRootNode() as ShadowRoot).activeElement === el,
      ),
    ).toBe(true);

    await spot.click();
    await page.getByRole("button", { name: "Plus d'aide" }).click();
    const panel = page.getByRole("dialog", { name: "Aide" });
    await panel.waitFor();
    // The panel opens on that tip, expanded.
    await expect
      .poll(() =>
        panel
          .locator("details[open] summary")
          .allTextContents()
          .then((titles) => titles.map((t) => t.replace(/\u00a0/g, " "))),
      )
      .toContain(UPLOAD_TIP);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("« Compris » hides the tip for this user, remembered after a reload", async () => {
    const { page } = await openDemo("/demo/moncompte/inscription/documents");
    await hotspot(page, UPLOAD_TIP).click();
    await page.getByRole("button", { name: "Compris" }).click();
    await expect.poll(() => hotspot(page, UPLOAD_TIP).count()).toBe(0);

    await page.reload();
    // The chunk has read the page's tips: a hotspot it draws for them is in the shadow root by then (still
    // hidden until placed, so it is counted by its class, not by its role).
    await waitForAnswerRead(page, "/v1/tips?");
    expect(await page.locator(".hotspot").count()).toBe(0);
    await page.close();
  });

  it("shows the meeting-point tip on the phase 1 page once the young person is assigned (identify)", async () => {
    const { page, violations } = await openDemo("/demo/moncompte/phase1");
    const spot = page.getByRole("button", {
      name: /^Astuce : Où trouver mon lieu d'affectation/,
    });
    // The chunk has read the tips for this status (IN_PROGRESS, the demo's default): a hotspot it draws for
    // them is in the shadow root by then (still hidden until placed: counted by its class).
    await waitForAnswerRead(page, "status=IN_PROGRESS");
    expect(await page.locator(".hotspot").count()).toBe(0);

    // The demo bar calls identify() with the new status: the chunk asks for the page's tips again.
    await page.locator("#demo-status").selectOption("AFFECTED");
    await page
      .locator("#titre-point-de-rassemblement")
      .scrollIntoViewIfNeeded();
    await spot.waitFor();
    const element = await boxOf(page.locator("#titre-point-de-rassemblement"));
    const box = await boxOf(spot);
    expect(intersects(element, box)).toBe(false);
    expect(gap(element, box)).toBeLessThanOrEqual(12);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("shows the case-file tip next to « Valider le dossier » on admin (html at 62.5 %)", async () => {
    const { page, violations } = await openDemo(
      "/demo/admin/volontaire/64f1b0c2d3e4f5061728394a",
    );
    const spot = hotspot(page, VALIDATE_TIP);
    // Below the fold: hidden (out of the accessibility tree too) until the button is on screen. Checked
    // once placed: the hotspot gets its inline position and visibility only then (place.ts).
    const placed = page.locator('.hotspot[style*="visibility"]');
    await placed.waitFor({ state: "attached" });
    expect(await visibility(placed)).toBe("hidden");
    expect(await spot.count()).toBe(0);
    await page.locator("#valider-dossier").scrollIntoViewIfNeeded();
    await waitForHotspot(page, VALIDATE_TIP);
    const { spot: box } = await expectBeside(
      page,
      "#valider-dossier",
      VALIDATE_TIP,
    );
    // 24 px whatever the host's root font size.
    expect(Math.round(box.width)).toBe(24);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("reports an anchored tip whose element is missing, anonymously, for the console's « ancres cassées »", async () => {
    const { page } = await openDemo(
      "/demo/admin/volontaire/64f1b0c2d3e4f5061728394a",
    );
    await page.locator("#valider-dossier").scrollIntoViewIfNeeded();
    await hotspot(page, VALIDATE_TIP).waitFor();
    // A host release renamed the button.
    const report = page.waitForRequest(
      (request) =>
        request.url().endsWith("/v1/anchor-reports") &&
        request.method() === "POST",
      { timeout: 15_000 },
    );
    await page.evaluate(() => {
      document.getElementById("valider-dossier")!.id = "valider-le-dossier";
    });
    const sent = await report;
    expect(sent.postDataJSON()).toEqual({
      platform: "admin",
      // The host's release (data-app-version): broken anchors are listed per version.
      appVersion: expect.stringMatching(/^\S+$/),
      reports: [
        { tip: "ad-volontaire-valider-dossier", route: "/volontaire/:id" },
      ],
    });
    expect(sent.headers()["cookie"]).toBeUndefined();
    await (await sent.response())?.finished();
    await page.close();

    const db = new Database(suite.server.database, { readonly: true });
    try {
      const rows = db
        .prepare("SELECT tip_id, route, count FROM anchor_reports")
        .all();
      expect(rows).toEqual([
        {
          tip_id: "ad-volontaire-valider-dossier",
          route: "/volontaire/:id",
          count: 1,
        },
      ]);
    } finally {
      db.close();
    }
  }, 30_000);
});
